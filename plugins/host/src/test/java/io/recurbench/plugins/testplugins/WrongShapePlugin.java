package io.recurbench.plugins.testplugins;

import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.RecursiveOperator;

/** Returns half of the hidden width: {@code [B, S, D/2]}. */
public final class WrongShapePlugin extends TestPlugin {
    @Override
    public String name() {
        return "half-width";
    }

    @Override
    public RecursiveOperator create(ModelDims dims, HyperParameters params) {
        return (h, scope) -> h.slice(-1, 0, dims.hiddenSize() / 2);
    }
}
