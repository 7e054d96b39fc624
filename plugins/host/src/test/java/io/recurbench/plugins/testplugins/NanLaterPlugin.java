package io.recurbench.plugins.testplugins;

import io.recurbench.api.Initializer;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.RecursiveOperator;

/**
 * Finite at its initial parameters, NaN after one optimizer step: {@code h + 1000·w² + log(w)}
 * with a scalar {@code w} starting at 1. Against any target of moderate size the loss gradient on
 * {@code w} is about {@code 2·1000·2001}, so one SGD step sends {@code w} below zero and
 * {@code log(w)} is NaN from then on.
 */
public final class NanLaterPlugin extends TestPlugin {
    @Override
    public String name() {
        return "nan-later";
    }

    @Override
    public RecursiveOperator create(ModelDims dims, HyperParameters params) {
        return (h, scope) -> {
            Tensor w = scope.parameter("w", Shape.of(1), Initializer.ones());
            return h.add(w.mul(w).mul(1000f)).add(w.log());
        };
    }
}
