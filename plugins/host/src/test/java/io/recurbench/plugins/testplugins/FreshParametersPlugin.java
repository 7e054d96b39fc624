package io.recurbench.plugins.testplugins;

import io.recurbench.api.Initializer;
import io.recurbench.api.Shape;
import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.RecursiveOperator;

/** Names its parameter after a call counter, so recursion steps would not share weights. */
public final class FreshParametersPlugin extends TestPlugin {
    @Override
    public String name() {
        return "fresh-params";
    }

    @Override
    public RecursiveOperator create(ModelDims dims, HyperParameters params) {
        int[] calls = {0};
        return (h, scope) -> h.mul(scope.parameter("scale" + calls[0]++, Shape.of(dims.hiddenSize()), Initializer.ones()));
    }
}
