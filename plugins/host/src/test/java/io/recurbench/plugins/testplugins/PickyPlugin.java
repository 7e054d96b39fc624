package io.recurbench.plugins.testplugins;

import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.RecursiveOperator;

/** Refuses every hidden size that is not a multiple of 3 when created. */
public final class PickyPlugin extends TestPlugin {
    @Override
    public String name() {
        return "picky";
    }

    @Override
    public RecursiveOperator create(ModelDims dims, HyperParameters params) {
        if (dims.hiddenSize() % 3 != 0) {
            throw new IllegalArgumentException("operator 'picky': hidden size " + dims.hiddenSize()
                    + " is not a multiple of 3");
        }
        return (h, scope) -> h;
    }
}
