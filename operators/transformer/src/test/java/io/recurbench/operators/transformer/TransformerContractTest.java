package io.recurbench.operators.transformer;

import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.plugins.tck.OperatorContractTest;
import java.util.Map;
import java.util.OptionalLong;

/** The plugin test kit on the built-in transformer, with its closed-form count as the claim. */
class TransformerContractTest extends OperatorContractTest {

    @Override
    protected OperatorPlugin plugin() {
        return new TransformerPlugin();
    }

    @Override
    protected Map<String, Object> tinyHyperParameters() {
        return Map.of("mlp_intermediate", 6);
    }

    @Override
    protected OptionalLong claimedParameterCount(ModelDims dims, HyperParameters params) {
        long d = dims.hiddenSize();
        return OptionalLong.of(params.getInt("layers") * (4 * d * d + 3 * d * params.getInt("mlp_intermediate")));
    }
}
