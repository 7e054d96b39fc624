package io.recurbench.operators.mamba2;

/**
 * Sizes of one Mamba-2 sub-layer, with the reference module's names ({@code state-spaces/mamba},
 * {@code mamba_ssm/modules/mamba2.py}, class {@code Mamba2}).
 *
 * @param dModel   D, the hidden size
 * @param dState   N, the state size per head ({@code d_state}, default 128)
 * @param headDim  P, channels per SSD head ({@code headdim}, default 64)
 * @param expand   {@code d_inner = expand · D} (default 2)
 * @param nGroups  groups sharing B and C ({@code ngroups}, default 1)
 * @param dConv    kernel of the causal depthwise convolution ({@code d_conv}, default 4)
 * @param chunk    SSD chunk length ({@code chunk_size}, default 256); only speed depends on it
 * @param bidirectional our extension: add a scan over the reversed sequence (see {@link Mamba2Layer})
 */
public record Mamba2Config(int dModel, int dState, int headDim, int expand, int nGroups, int dConv, int chunk,
                           boolean bidirectional) {

    public Mamba2Config {
        int dInner = expand * dModel;
        if (dInner % headDim != 0) {
            throw new IllegalArgumentException("operator 'mamba2-hybrid': head_dim " + headDim
                    + " must divide d_inner = expand · D = " + dInner);
        }
        if ((dInner / headDim) % nGroups != 0) {
            throw new IllegalArgumentException("operator 'mamba2-hybrid': n_groups " + nGroups
                    + " must divide the number of heads d_inner / head_dim = " + dInner / headDim);
        }
    }

    public int dInner() {
        return expand * dModel;
    }

    public int nHeads() {
        return dInner() / headDim;
    }

    /** Channels through the convolution: x, B and C. */
    public int convDim() {
        return dInner() + 2 * nGroups * dState;
    }

    /** Output width of the in-projection: z, x, B, C, dt. */
    public int inProjSize() {
        return 2 * dInner() + 2 * nGroups * dState + nHeads();
    }

    /**
     * The closed-form count of the declared parameters, for documentation and tests:
     * {@code D·inProj + convDim·(dConv + 1) + 3·nHeads + d_inner + d_inner·D}.
     */
    public long parameterCount() {
        return (long) dModel * inProjSize() + (long) convDim() * (dConv + 1) + 3L * nHeads() + dInner()
                + (long) dInner() * dModel;
    }
}
