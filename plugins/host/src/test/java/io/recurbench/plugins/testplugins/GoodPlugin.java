package io.recurbench.plugins.testplugins;

import io.recurbench.api.NN;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.api.Initializer;
import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.ParityKnob;
import io.recurbench.api.operator.RecursiveOperator;
import java.util.List;

/** A well-behaved block: {@code rmsNorm(h + tanh(h W1) W2)}, W1 {@code [D, width]}, 2·D·width parameters. */
public final class GoodPlugin extends TestPlugin {
    @Override
    public String name() {
        return "probe-good";
    }

    @Override
    public List<ParityKnob> parityKnobs() {
        return List.of(new ParityKnob("width", 1, 4096, "hidden projection width"));
    }

    @Override
    public RecursiveOperator create(ModelDims dims, HyperParameters params) {
        int d = dims.hiddenSize();
        int width = params.getInt("width");
        return (h, scope) -> {
            Tensor w1 = scope.parameter("w1", Shape.of(d, width), Initializer.truncatedNormal(1 / Math.sqrt(d)));
            Tensor w2 = scope.parameter("w2", Shape.of(width, d), Initializer.truncatedNormal(1 / Math.sqrt(width)));
            return NN.rmsNorm(h.add(h.matmul(w1).tanh().matmul(w2)), (float) dims.normEps());
        };
    }
}
