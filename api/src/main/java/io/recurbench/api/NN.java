package io.recurbench.api;

/**
 * Neural-network composites built only from {@link Tensor} primitives, so that every backend and
 * the autodiff support them without extra code. Each is the numerically stable form: softmax and
 * log-softmax subtract the row maximum (under {@link Tensor#stopGradient()}, which changes no
 * gradient because the result does not depend on the shift), softplus never exponentiates a
 * positive number, the stable-max branches never divide by zero.
 *
 * <p>Axes may be negative. Shapes are checked by the primitives (errors name the caller's line)
 * and, where a composite needs more than its primitives check, here.
 */
public final class NN {

    /** TRM's RMSNorm epsilon ({@code rms_norm_eps = 1e-5} in TRM's model config). */
    public static final float TRM_RMS_EPS = 1e-5f;

    private NN() {}

    /** {@code exp(x_i - m) / sum_j exp(x_j - m)} along {@code axis}, with {@code m} the maximum along it. */
    public static Tensor softmax(Tensor x, int axis) {
        Tensor e = x.sub(x.max(true, axis).stopGradient()).exp();
        return e.div(e.sum(true, axis));
    }

    /** {@code x_i - m - log(sum_j exp(x_j - m))} along {@code axis}: log of {@link #softmax} without its underflow. */
    public static Tensor logSoftmax(Tensor x, int axis) {
        Tensor shifted = x.sub(x.max(true, axis).stopGradient());
        return shifted.sub(shifted.exp().sum(true, axis).log());
    }

    /**
     * RMS normalisation over the last axis without a learned scale, as in TRM:
     * {@code x / sqrt(mean(x^2) + eps)}.
     */
    public static Tensor rmsNorm(Tensor x, float eps) {
        return x.div(x.mul(x).mean(true, -1).add(eps).sqrt());
    }

    /** {@code x * sigmoid(x)} (SiLU / swish). */
    public static Tensor silu(Tensor x) {
        return x.mul(x.sigmoid());
    }

    /** {@code log(1 + exp(x))} computed as {@code max(x, 0) + log(1 + exp(-|x|))}, finite for every finite x. */
    public static Tensor softplus(Tensor x) {
        return x.maximum(0f).add(x.abs().neg().exp().add(1f).log());
    }

    /**
     * An F32 one-hot encoding {@code [..., classes]} of I32 {@code labels [...]}; a label outside
     * {@code [0, classes)} encodes as all zeros.
     */
    public static Tensor oneHot(Tensor labels, int classes) {
        requireI32(labels, "oneHot", "labels");
        int[] dims = labels.shape().dims();
        int[] withClass = java.util.Arrays.copyOf(dims, dims.length + 1);
        withClass[dims.length] = 1;
        Tensor column = labels.reshape(withClass);
        withClass[dims.length] = classes;
        Tensor classIds = labels.ops().iota(Shape.of(withClass), -1, DType.I32);
        return classIds.eq(column).cast(DType.F32);
    }

    /**
     * A per-position loss together with the positions that count.
     *
     * @param perPosition F32 loss at each labelled position, exactly 0 where the label is ignored
     * @param valid       F32 1 where the label is scored, 0 where it equals the ignore index
     */
    public record Loss(Tensor perPosition, Tensor valid) {
        /** Mean over valid positions: {@code sum(perPosition) / max(sum(valid), 1)}, a scalar. */
        public Tensor mean() {
            return perPosition.sum().div(valid.sum().maximum(1f));
        }
    }

    /**
     * Softmax cross-entropy of {@code logits [..., V]} against I32 {@code labels [...]}:
     * {@code -logSoftmax(logits)[label]} per position; positions whose label is {@code ignoreIndex}
     * get loss 0 and valid 0. Labels must lie in {@code [0, V)} or equal {@code ignoreIndex}.
     */
    public static Loss crossEntropy(Tensor logits, Tensor labels, int ignoreIndex) {
        return pick(logSoftmax(logits, -1), labels, ignoreIndex, "crossEntropy");
    }

    /**
     * The stable-max transform of TRM (from "Grokking at the Edge of Numerical Stability",
     * arXiv:2501.04697): {@code s(x) = x + 1} for {@code x >= 0}, {@code 1 / (1 - x)} for {@code x < 0}.
     * Where TRM adds an epsilon of 1e-30 to the denominator, this evaluates the negative branch at
     * {@code min(x, 0)}, which keeps the denominator at least 1 in both branches — so neither the
     * value nor the gradient of the branch not taken can be infinite.
     */
    public static Tensor stablemaxTransform(Tensor x) {
        Tensor negative = x.minimum(0f).neg().add(1f);
        Tensor reciprocal = x.ops().scalar(1f).div(negative);
        return x.ops().where(x.lt(0f), reciprocal, x.add(1f));
    }

    /** {@code log(s(x_i) / sum_j s(x_j))} along {@code axis}, with {@code s} the {@link #stablemaxTransform}. */
    public static Tensor logStablemax(Tensor x, int axis) {
        Tensor s = stablemaxTransform(x);
        return s.log().sub(s.sum(true, axis).log());
    }

    /**
     * TRM's stable-max cross-entropy ({@code stablemax_cross_entropy} in TRM's {@code models/losses.py}):
     * {@code -log(s(z_label) / sum_j s(z_j))} per position, 0 where the label is {@code ignoreIndex}.
     * TRM evaluates it in float64; here it runs in the graph's F32.
     */
    public static Loss stableMaxCrossEntropy(Tensor logits, Tensor labels, int ignoreIndex) {
        return pick(logStablemax(logits, -1), labels, ignoreIndex, "stableMaxCrossEntropy");
    }

    private static Loss pick(Tensor logProbs, Tensor labels, int ignoreIndex, String what) {
        requireI32(labels, what, "labels");
        int[] ld = logProbs.shape().dims();
        Shape expected = Shape.of(java.util.Arrays.copyOf(ld, ld.length - 1));
        if (!labels.shape().equals(expected)) {
            throw new IllegalArgumentException(what + ": labels " + labels.shape() + " must have the logits' shape "
                    + logProbs.shape() + " without the class axis, i.e. " + expected);
        }
        Tensor valid = labels.ne(labels.ops().scalarInt(ignoreIndex)).cast(DType.F32);
        Tensor picked = logProbs.mul(oneHot(labels, ld[ld.length - 1])).sum(-1);
        return new Loss(picked.neg().mul(valid), valid);
    }

    /**
     * Causal depthwise 1-D convolution along the sequence, as in Mamba-2's {@code conv1d} with
     * {@code groups = channels} and {@code padding = K - 1} truncated to the first {@code S} outputs:
     * {@code out[..., t, c] = bias[c] + sum_{k<K} weight[c, k] * x[..., t - (K-1) + k, c]}, with
     * {@code x} taken as zero before the start.
     *
     * @param x      {@code [..., S, C]}
     * @param weight {@code [C, K]}
     * @param bias   {@code [C]}
     */
    public static Tensor causalDepthwiseConv1d(Tensor x, Tensor weight, Tensor bias) {
        if (x.rank() < 2 || weight.rank() != 2 || bias.rank() != 1
                || weight.dim(0) != x.dim(-1) || bias.dim(0) != x.dim(-1)) {
            throw new IllegalArgumentException("causalDepthwiseConv1d: expected x [..., S, C], weight [C, K], bias [C]; got x "
                    + x.shape() + ", weight " + weight.shape() + ", bias " + bias.shape());
        }
        int s = x.dim(-2);
        int c = x.dim(-1);
        int k = weight.dim(1);
        Tensor padded = x;
        if (k > 1) {
            int[] zerosDims = x.shape().dims();
            zerosDims[zerosDims.length - 2] = k - 1;
            padded = x.ops().concat(-2, x.ops().zeros(Shape.of(zerosDims)), x);
        }
        Tensor out = bias;
        for (int tap = 0; tap < k; tap++) {
            Tensor w = weight.slice(1, tap, tap + 1).reshape(c);
            out = out.add(padded.slice(-2, tap, tap + s).mul(w));
        }
        return out;
    }

    /**
     * Mamba-2's segment sum ({@code segsum} in {@code ssd_minimal.py}): for {@code x [..., T]}
     * returns {@code [..., T, T]} with {@code out[..., i, j] = x[j+1] + ... + x[i]} for {@code j <= i}
     * (0 on the diagonal) and {@code -inf} above it, so that {@code exp(out)} is the causal decay
     * matrix. Built by masking then a cumulative sum (the stable form, no subtraction of prefix sums).
     */
    public static Tensor segmentSum(Tensor x) {
        int t = x.dim(-1);
        int[] dims = x.shape().dims();
        int[] column = java.util.Arrays.copyOf(dims, dims.length + 1);
        column[dims.length] = 1;
        int[] square = java.util.Arrays.copyOf(dims, dims.length + 1);
        square[dims.length] = t;
        Ops ops = x.ops();
        Tensor rows = ops.iota(Shape.of(t, t), 0, DType.I32);
        Tensor cols = ops.iota(Shape.of(t, t), 1, DType.I32);
        Tensor byRow = x.reshape(column).broadcastTo(square);          // [..., i, j] = x[i]
        Tensor strictlyBelow = ops.where(rows.gt(cols), byRow, ops.scalar(0f));
        Tensor sums = strictlyBelow.cumsum(-2);                         // sum of x[k] for j < k <= i
        return ops.where(rows.ge(cols), sums, ops.scalar(Float.NEGATIVE_INFINITY));
    }

    private static void requireI32(Tensor t, String what, String name) {
        if (t.dtype() != DType.I32) {
            throw new IllegalArgumentException(what + ": " + name + " must be I32, got " + t.dtype() + t.shape());
        }
    }
}
