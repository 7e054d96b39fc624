package io.recurbench.operators.mlpmixer;

import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.plugins.tck.OperatorContractTest;
import java.util.Map;

/** The plugin test kit on the built-in MLP-mixer ({@code mlp_t}). */
class MlpMixerContractTest extends OperatorContractTest {

    @Override
    protected OperatorPlugin plugin() {
        return new MlpMixerPlugin();
    }

    @Override
    protected Map<String, Object> tinyHyperParameters() {
        return Map.of("mlp_intermediate", 7, "seq_intermediate", 4);
    }
}
