package io.recurbench.operators.mamba2;

import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.plugins.tck.OperatorContractTest;
import java.util.Map;

/** The plugin test kit on the built-in Mamba-2 hybrid, with several SSD chunks and two groups. */
class Mamba2HybridContractTest extends OperatorContractTest {

    @Override
    protected OperatorPlugin plugin() {
        return new Mamba2HybridPlugin();
    }

    @Override
    protected Map<String, Object> tinyHyperParameters() {
        return Map.of("d_state", 3, "head_dim", 4, "chunk", 3, "mlp_intermediate", 6, "n_groups", 2);
    }
}
