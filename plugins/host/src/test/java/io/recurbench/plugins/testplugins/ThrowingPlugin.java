package io.recurbench.plugins.testplugins;

import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.RecursiveOperator;

/** Throws when traced. */
public final class ThrowingPlugin extends TestPlugin {
    @Override
    public String name() {
        return "thrower";
    }

    @Override
    public RecursiveOperator create(ModelDims dims, HyperParameters params) {
        return (h, scope) -> {
            throw new IllegalStateException("this block cannot be traced");
        };
    }
}
