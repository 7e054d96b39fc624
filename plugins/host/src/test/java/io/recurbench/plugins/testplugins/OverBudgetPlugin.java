package io.recurbench.plugins.testplugins;

import io.recurbench.api.Initializer;
import io.recurbench.api.NN;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.RecursiveOperator;

/** A fixed-size block (D·D·64 parameters) with no parity knob, far over a small budget. */
public final class OverBudgetPlugin extends TestPlugin {
    @Override
    public String name() {
        return "too-big";
    }

    @Override
    public RecursiveOperator create(ModelDims dims, HyperParameters params) {
        int d = dims.hiddenSize();
        return (h, scope) -> {
            Tensor w = scope.parameter("w", Shape.of(d, 64 * d), Initializer.truncatedNormal(0.02));
            Tensor back = scope.parameter("back", Shape.of(64 * d, d), Initializer.truncatedNormal(0.02));
            return NN.rmsNorm(h.add(h.matmul(w).matmul(back)), (float) dims.normEps());
        };
    }
}
