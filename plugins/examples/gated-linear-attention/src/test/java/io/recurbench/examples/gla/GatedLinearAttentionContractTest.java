package io.recurbench.examples.gla;

import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.plugins.tck.OperatorContractTest;
import java.util.Map;

/** The plugin test kit, exactly as an outside author runs it. */
class GatedLinearAttentionContractTest extends OperatorContractTest {

    @Override
    protected OperatorPlugin plugin() {
        return new GatedLinearAttentionPlugin();
    }

    @Override
    protected Map<String, Object> tinyHyperParameters() {
        return Map.of("gate_rank", 3, "mlp_intermediate", 6);
    }
}
