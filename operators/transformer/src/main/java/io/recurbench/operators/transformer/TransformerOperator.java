package io.recurbench.operators.transformer;

import io.recurbench.api.ParameterScope;
import io.recurbench.api.Tensor;
import io.recurbench.api.layers.PostNorm;
import io.recurbench.api.layers.SelfAttention;
import io.recurbench.api.layers.SwiGLU;
import io.recurbench.api.operator.RecursiveOperator;

/**
 * {@code layers} × [{@code h = rmsNorm(h + attn(h))}, {@code h = rmsNorm(h + mlp(h))}]; parameters
 * are named {@code layer<i>.attn.*} and {@code layer<i>.mlp.*}.
 */
record TransformerOperator(int layers, SelfAttention attention, SwiGLU mlp, double eps) implements RecursiveOperator {

    @Override
    public Tensor apply(Tensor hidden, ParameterScope scope) {
        Tensor h = hidden;
        for (int i = 0; i < layers; i++) {
            ParameterScope layer = scope.child("layer" + i);
            h = PostNorm.apply(h, x -> attention.apply(x, layer.child("attn")), eps);
            h = PostNorm.apply(h, x -> mlp.apply(x, layer.child("mlp")), eps);
        }
        return h;
    }
}
