package io.recurbench.plugins.testplugins;

import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.RecursiveOperator;

/** NaN from the start: {@code h + log(−1)}. */
public final class NanNowPlugin extends TestPlugin {
    @Override
    public String name() {
        return "nan-now";
    }

    @Override
    public RecursiveOperator create(ModelDims dims, HyperParameters params) {
        return (h, scope) -> h.add(h.ops().scalar(-1f).log());
    }
}
