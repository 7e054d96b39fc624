package io.recurbench.api.layers;

import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;

/**
 * Rotary position embedding (Su et al., "RoFormer", 2021, arXiv:2104.09864) in the
 * "rotate half" layout TRM uses ({@code models/layers.py}, {@code RotaryEmbedding} and
 * {@code apply_rotary_pos_emb}): with {@code inv_freq_i = base^(−2i/headDim)} and angles
 * {@code θ[t, i] = t · inv_freq_(i mod headDim/2)}, {@code x' = x·cos θ + rotate_half(x)·sin θ}
 * where {@code rotate_half([x1, x2]) = [−x2, x1]}. No parameters; positions are 0..S−1 including
 * the puzzle tokens.
 *
 * @param headDim size of one head (even)
 * @param base    the frequency base θ (TRM: 10000)
 */
public record RotaryEmbedding(int headDim, double base) {

    /** TRM's {@code rope_theta}. */
    public static final double TRM_BASE = 10000.0;

    public RotaryEmbedding {
        if (headDim <= 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException("rotary embedding needs an even head size, got " + headDim);
        }
    }

    /** The cosine ({@code sine = false}) or sine table {@code [positions, headDim]}, row-major floats. */
    public float[] table(int positions, boolean sine) {
        int half = headDim / 2;
        float[] out = new float[positions * headDim];
        for (int t = 0; t < positions; t++) {
            for (int i = 0; i < headDim; i++) {
                double invFreq = 1.0 / Math.pow(base, (2.0 * (i % half)) / headDim);
                double angle = t * invFreq;
                out[t * headDim + i] = (float) (sine ? Math.sin(angle) : Math.cos(angle));
            }
        }
        return out;
    }

    /** Rotates {@code x [B, S, heads, headDim]} by position. */
    public Tensor apply(Tensor x) {
        if (x.rank() != 4 || x.dim(3) != headDim) {
            throw new IllegalArgumentException("rotary embedding expects [B, S, heads, " + headDim + "], got " + x.shape());
        }
        int s = x.dim(1);
        Tensor cos = x.ops().constant(Shape.of(s, 1, headDim), table(s, false));
        Tensor sin = x.ops().constant(Shape.of(s, 1, headDim), table(s, true));
        int half = headDim / 2;
        Tensor rotated = x.ops().concat(-1, x.slice(-1, half, headDim).neg(), x.slice(-1, 0, half));
        return x.mul(cos).add(rotated.mul(sin));
    }
}
