package io.recurbench.api.layers;

import io.recurbench.api.ParameterScope;
import io.recurbench.api.Tensor;

/**
 * TRM's {@code mlp_t} token-mixing sub-layer, residual and norm included: transpose
 * {@code [B, S, D] -> [B, D, S]}, apply a {@link SwiGLU} over the sequence axis (all S positions,
 * puzzle tokens included, intermediate by TRM's rule from S), take {@code rmsNorm(hᵀ + mlp(hᵀ))}
 * on the transposed tensor — so the norm runs across positions, exactly as TRM's
 * {@code TinyRecursiveReasoningModel_ACTV1Block.forward} does — and transpose back. Like MLP-Mixer's
 * token mixing (Tolstikhin et al., 2021, arXiv:2105.01601) but post-norm and gated.
 *
 * @param mlp the SwiGLU over positions ({@code hidden} = S)
 * @param eps RMSNorm ε
 */
public record SequenceMixingMlp(SwiGLU mlp, double eps) {

    /** TRM's sizing: a SwiGLU over {@code sequenceLength} positions with the intermediate rule. */
    public static SequenceMixingMlp trm(int sequenceLength, double expansion, double eps) {
        return new SequenceMixingMlp(SwiGLU.trm(sequenceLength, expansion), eps);
    }

    public Tensor apply(Tensor x, ParameterScope scope) {
        if (x.rank() != 3 || x.dim(1) != mlp.hidden()) {
            throw new IllegalArgumentException("sequence-mixing MLP over " + mlp.hidden()
                    + " positions expects [B, " + mlp.hidden() + ", D], got " + x.shape());
        }
        Tensor t = x.transpose(1, 2);
        return PostNorm.apply(t, h -> mlp.apply(h, scope), eps).transpose(1, 2);
    }

    public long parameterCount() {
        return mlp.parameterCount();
    }
}
