package io.recurbench.operators.mamba2;

import io.recurbench.api.NN;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;

/**
 * Mamba-2's state-space-duality (SSD) selective scan, chunked, from facade primitives and
 * {@link NN#segmentSum}. It computes, per head with scalar decay {@code A},
 * <pre>
 *   h_t = exp(dt_t·A) · h_{t−1} + dt_t · x_t B_tᵀ      (h: [headDim, dState])
 *   y_t = h_t C_t
 * </pre>
 * by splitting the sequence into chunks of length {@code l}: within a chunk the output is the
 * quadratic "attention-like" form {@code (C Bᵀ ∘ exp(segsum(A·dt))) (x·dt)}; each chunk's final
 * state is carried to the next by the inter-chunk recurrence, and its contribution to every position
 * of the next chunk is added ({@code C h_entering · exp(cumsum(A·dt))}). This is the algorithm of
 * {@code ssd_minimal_discrete} (state-spaces/mamba, {@code mamba_ssm/modules/ssd_minimal.py};
 * Dao &amp; Gu, "Transformers are SSMs", ICML 2024, arXiv:2405.21060, section 6).
 *
 * <p>A length not divisible by the chunk is zero-padded at the end (padding has {@code dt = 0}, so it
 * cannot affect earlier positions) and the padding is cut from the result. The chunk is capped at
 * the sequence length, so short sequences run as one quadratic block with no inter-chunk work.
 */
public final class SsdScan {
    private SsdScan() {}

    /**
     * @param x     inputs {@code [B, L, H, P]}
     * @param dt    positive steps {@code [B, L, H]}
     * @param a     negative per-head decay rates {@code [H]}
     * @param b     input matrices {@code [B, L, G, N]}, head {@code h} uses group {@code h / (H/G)}
     * @param c     output matrices {@code [B, L, G, N]}
     * @param chunk chunk length (≥ 1)
     * @return {@code y [B, L, H, P]} (without the skip term {@code D·x})
     */
    public static Tensor scan(Tensor x, Tensor dt, Tensor a, Tensor b, Tensor c, int chunk) {
        int bsz = x.dim(0);
        int len = x.dim(1);
        int heads = x.dim(2);
        int p = x.dim(3);
        int groups = b.dim(2);
        int n = b.dim(3);
        if (chunk < 1 || heads % groups != 0) {
            throw new IllegalArgumentException("SSD scan: chunk " + chunk + " must be positive and groups " + groups
                    + " must divide heads " + heads);
        }
        int l = Math.min(chunk, len);
        int nc = (len + l - 1) / l;
        int padded = nc * l;
        int r = heads / groups;

        Tensor xdt = x.mul(dt.reshape(bsz, len, heads, 1));
        Tensor adt = dt.mul(a);

        // Heads are split as [G, R] (head h = g·R + r uses group g), every tensor goes to
        // [B, G, R or 1, nc, l, *]: each einsum of the reference becomes one batched matmul, and the
        // per-group B and C broadcast over the R heads of their group instead of being copied.
        Tensor xc = chunked(padEnd(xdt, padded), nc, l).reshape(bsz, groups, r, nc, l, p);
        Tensor bc = chunked(padEnd(b, padded), nc, l).reshape(bsz, groups, 1, nc, l, n);
        Tensor cc = chunked(padEnd(c, padded), nc, l).reshape(bsz, groups, 1, nc, l, n);
        Tensor ac = padEnd(adt, padded).reshape(bsz, nc, l, heads).permute(0, 3, 1, 2).reshape(bsz, groups, r, nc, l);
        Tensor aCum = ac.cumsum(-1);

        Tensor decayWithin = NN.segmentSum(ac).exp();
        Tensor y = cc.matmul(bc.transpose(-1, -2)).mul(decayWithin).matmul(xc);

        if (nc > 1) {
            Tensor aChunk = aCum.slice(-1, l - 1, l);
            Tensor decayToEnd = aChunk.sub(aCum).exp().reshape(bsz, groups, r, nc, l, 1);
            Tensor states = xc.mul(decayToEnd).transpose(-1, -2).matmul(bc);
            Tensor chunkLogDecay = x.ops().concat(-1, x.ops().zeros(Shape.of(bsz, groups, r, 1)),
                    aChunk.reshape(bsz, groups, r, nc));
            Tensor decayAcross = NN.segmentSum(chunkLogDecay).exp().slice(3, 0, nc);
            Tensor withInitial = x.ops().concat(3, x.ops().zeros(Shape.of(bsz, groups, r, 1, p, n)), states)
                    .reshape(bsz, groups, r, nc + 1, p * n);
            Tensor entering = decayAcross.matmul(withInitial).reshape(bsz, groups, r, nc, p, n);
            Tensor fromPast = cc.matmul(entering.transpose(-1, -2))
                    .mul(aCum.exp().reshape(bsz, groups, r, nc, l, 1));
            y = y.add(fromPast);
        }
        y = y.reshape(bsz, heads, nc, l, p).permute(0, 2, 3, 1, 4).reshape(bsz, padded, heads, p);
        return padded == len ? y : y.slice(1, 0, len);
    }

    /** Reverses {@code t} along axis 1 (the sequence axis). */
    public static Tensor reverseSequence(Tensor t) {
        int len = t.dim(1);
        int[] order = new int[len];
        for (int i = 0; i < len; i++) {
            order[i] = len - 1 - i;
        }
        int[] swap = new int[t.rank()];
        for (int i = 0; i < swap.length; i++) {
            swap[i] = i;
        }
        swap[0] = 1;
        swap[1] = 0;
        return t.permute(swap).take(t.ops().constantInt(Shape.of(len), order)).permute(swap);
    }

    /** {@code [B, nc·l, H, K] -> [B, H, nc, l, K]} (H may be the group axis). */
    private static Tensor chunked(Tensor t, int nc, int l) {
        return t.reshape(t.dim(0), nc, l, t.dim(2), t.dim(3)).permute(0, 3, 1, 2, 4);
    }

    /** Zero-pads axis 1 up to {@code length}. */
    private static Tensor padEnd(Tensor t, int length) {
        int missing = length - t.dim(1);
        if (missing == 0) {
            return t;
        }
        int[] dims = t.shape().dims();
        dims[1] = missing;
        return t.ops().concat(1, t, t.ops().zeros(Shape.of(dims)));
    }
}
