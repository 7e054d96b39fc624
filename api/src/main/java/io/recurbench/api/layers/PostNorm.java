package io.recurbench.api.layers;

import io.recurbench.api.NN;
import io.recurbench.api.Tensor;
import java.util.function.UnaryOperator;

/**
 * TRM's post-norm residual: {@code h = rmsNorm(h + f(h))} with RMSNorm over the last axis and no
 * learned scale (TRM {@code trm.py}, {@code TinyRecursiveReasoningModel_ACTV1Block.forward}).
 */
public final class PostNorm {
    private PostNorm() {}

    public static Tensor apply(Tensor h, UnaryOperator<Tensor> sublayer, double eps) {
        return NN.rmsNorm(h.add(sublayer.apply(h)), (float) eps);
    }
}
