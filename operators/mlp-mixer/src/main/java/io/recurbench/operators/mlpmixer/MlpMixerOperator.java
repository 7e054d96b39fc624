package io.recurbench.operators.mlpmixer;

import io.recurbench.api.ParameterScope;
import io.recurbench.api.Tensor;
import io.recurbench.api.layers.PostNorm;
import io.recurbench.api.layers.SequenceMixingMlp;
import io.recurbench.api.layers.SwiGLU;
import io.recurbench.api.operator.RecursiveOperator;

/**
 * {@code layers} × [sequence-mixing MLP (its own residual and norm across positions),
 * {@code h = rmsNorm(h + mlp(h))}]; parameters are named {@code layer<i>.mlp_t.*} and
 * {@code layer<i>.mlp.*}.
 */
record MlpMixerOperator(int layers, SequenceMixingMlp sequenceMlp, SwiGLU channelMlp, double eps)
        implements RecursiveOperator {

    @Override
    public Tensor apply(Tensor hidden, ParameterScope scope) {
        if (hidden.rank() != 3 || hidden.dim(1) != sequenceMlp.mlp().hidden()) {
            throw new IllegalArgumentException("operator 'mlp-mixer' was built for sequence length "
                    + sequenceMlp.mlp().hidden() + ", got hidden " + hidden.shape());
        }
        Tensor h = hidden;
        for (int i = 0; i < layers; i++) {
            ParameterScope layer = scope.child("layer" + i);
            h = sequenceMlp.apply(h, layer.child("mlp_t"));
            h = PostNorm.apply(h, x -> channelMlp.apply(x, layer.child("mlp")), eps);
        }
        return h;
    }
}
