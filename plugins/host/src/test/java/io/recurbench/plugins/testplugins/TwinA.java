package io.recurbench.plugins.testplugins;

import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.RecursiveOperator;

/** One of two plugins that share the name 'twin'. */
public final class TwinA extends TestPlugin {
    @Override
    public String name() {
        return "twin";
    }

    @Override
    public RecursiveOperator create(ModelDims dims, HyperParameters params) {
        return (h, scope) -> h;
    }
}
