package io.recurbench.operators.mamba2;

import io.recurbench.api.ParameterScope;
import io.recurbench.api.Tensor;
import io.recurbench.api.layers.PostNorm;
import io.recurbench.api.layers.SelfAttention;
import io.recurbench.api.layers.SequenceMixingMlp;
import io.recurbench.api.layers.SwiGLU;
import io.recurbench.api.operator.RecursiveOperator;

/**
 * {@code layers} × [Mamba-2 → Mamba-2 → mixer → SwiGLU], each sub-layer post-norm
 * ({@code h = rmsNorm(h + f(h))}); the mixer is self-attention or TRM's sequence MLP (which carries
 * its own norm across positions). Parameters: {@code layer<i>.mamba0.*}, {@code layer<i>.mamba1.*},
 * {@code layer<i>.attn.*} or {@code layer<i>.mlp_t.*}, {@code layer<i>.mlp.*}.
 *
 * @param attention the mixer when it is attention, else {@code null}
 * @param sequenceMlp the mixer when it is {@code mlp_t}, else {@code null}
 */
record Mamba2HybridOperator(int layers, Mamba2Layer mamba, SelfAttention attention, SequenceMixingMlp sequenceMlp,
                            SwiGLU mlp, double eps) implements RecursiveOperator {

    Mamba2HybridOperator {
        if ((attention == null) == (sequenceMlp == null)) {
            throw new IllegalArgumentException("mamba2-hybrid needs exactly one mixer");
        }
    }

    @Override
    public Tensor apply(Tensor hidden, ParameterScope scope) {
        Tensor h = hidden;
        for (int i = 0; i < layers; i++) {
            ParameterScope layer = scope.child("layer" + i);
            h = PostNorm.apply(h, x -> mamba.apply(x, layer.child("mamba0")), eps);
            h = PostNorm.apply(h, x -> mamba.apply(x, layer.child("mamba1")), eps);
            h = attention != null
                    ? PostNorm.apply(h, x -> attention.apply(x, layer.child("attn")), eps)
                    : sequenceMlp.apply(h, layer.child("mlp_t"));
            h = PostNorm.apply(h, x -> mlp.apply(x, layer.child("mlp")), eps);
        }
        return h;
    }
}
