package io.recurbench.api;

/**
 * A symbolic tensor: operators call these methods to describe computation; a tracer records them
 * into a graph that backends compile and autodiff differentiates. Nothing here touches data.
 *
 * <p>Binary elementwise methods broadcast NumPy-style (shapes aligned at the trailing axis, a
 * dimension of 1 stretches). Axis arguments may be negative. Comparisons return {@link DType#I32}
 * tensors of 0/1. Every method fails with an {@link IllegalArgumentException} naming the operation,
 * the operand shapes and the call site when shapes or dtypes do not fit.
 *
 * <p>The primitive set is small and closed on purpose (every backend and the autodiff must
 * support each primitive); composites such as softmax or RMSNorm live in {@link NN}.
 */
public interface Tensor {

    Shape shape();

    DType dtype();

    /** The factory of the graph this tensor belongs to (constants, iota, where, concat). */
    Ops ops();

    default int rank() {
        return shape().rank();
    }

    default int dim(int axis) {
        return shape().dim(axis);
    }

    // ---- elementwise unary -------------------------------------------------------------------
    Tensor neg();

    Tensor exp();

    Tensor log();

    Tensor sqrt();

    Tensor tanh();

    /** Logistic sigmoid; a primitive (not a composite) so that its gradient stays finite for large |x|. */
    Tensor sigmoid();

    Tensor sin();

    Tensor cos();

    Tensor abs();

    /** Element type conversion; F32 to I32 truncates toward zero. */
    Tensor cast(DType dtype);

    // ---- elementwise binary, broadcasting ------------------------------------------------------
    Tensor add(Tensor other);

    Tensor sub(Tensor other);

    Tensor mul(Tensor other);

    Tensor div(Tensor other);

    Tensor maximum(Tensor other);

    Tensor minimum(Tensor other);

    /** Four-quadrant arctangent of {@code this / other} (AdamATan2 uses it). */
    Tensor atan2(Tensor other);

    default Tensor add(float c) {
        return add(ops().scalar(c));
    }

    default Tensor sub(float c) {
        return sub(ops().scalar(c));
    }

    default Tensor mul(float c) {
        return mul(ops().scalar(c));
    }

    default Tensor div(float c) {
        return div(ops().scalar(c));
    }

    default Tensor maximum(float c) {
        return maximum(ops().scalar(c));
    }

    default Tensor minimum(float c) {
        return minimum(ops().scalar(c));
    }

    // ---- comparisons (I32 0/1 results, no gradient) --------------------------------------------
    Tensor lt(Tensor other);

    Tensor le(Tensor other);

    Tensor gt(Tensor other);

    Tensor ge(Tensor other);

    Tensor eq(Tensor other);

    Tensor ne(Tensor other);

    default Tensor lt(float c) {
        return lt(ops().scalar(c));
    }

    default Tensor gt(float c) {
        return gt(ops().scalar(c));
    }

    default Tensor ge(float c) {
        return ge(ops().scalar(c));
    }

    default Tensor le(float c) {
        return le(ops().scalar(c));
    }

    // ---- linear algebra ----------------------------------------------------------------------
    /**
     * Batched matrix product {@code [..., M, K] x [..., K, N] -> [..., M, N]}; leading batch axes
     * broadcast, and a rank-2 right operand applies to every batch element.
     */
    Tensor matmul(Tensor other);

    // ---- reductions --------------------------------------------------------------------------
    /** Sum over {@code axes} (negative allowed, duplicates ignored); no axes means all axes. */
    Tensor sum(boolean keepDims, int... axes);

    Tensor max(boolean keepDims, int... axes);

    default Tensor sum(int... axes) {
        return sum(false, axes);
    }

    default Tensor max(int... axes) {
        return max(false, axes);
    }

    /** Mean over {@code axes} (all axes when none are given, as for {@link #sum}). */
    default Tensor mean(boolean keepDims, int... axes) {
        long count = axes.length == 0 ? shape().size() : 1;
        for (int a : java.util.Arrays.stream(axes).map(a -> shape().axis(a)).distinct().toArray()) {
            count *= dim(a);
        }
        return sum(keepDims, axes).div((float) count);
    }

    default Tensor mean(int... axes) {
        return mean(false, axes);
    }

    /** Inclusive prefix sum along {@code axis}; {@code reverse} sums from the end instead. */
    Tensor cumsum(int axis, boolean reverse);

    default Tensor cumsum(int axis) {
        return cumsum(axis, false);
    }

    // ---- shape and data movement ---------------------------------------------------------------
    /** Same elements in row-major order; one dimension may be -1 (inferred). */
    Tensor reshape(int... dims);

    Tensor permute(int... perm);

    default Tensor transpose(int axisA, int axisB) {
        int r = rank();
        int a = shape().axis(axisA);
        int b = shape().axis(axisB);
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) {
            perm[i] = i;
        }
        perm[a] = b;
        perm[b] = a;
        return permute(perm);
    }

    /** Broadcast to {@code dims} (NumPy rules; new leading axes allowed). */
    Tensor broadcastTo(int... dims);

    /** Elements {@code [start, end)} along {@code axis}. */
    Tensor slice(int axis, int start, int end);

    /**
     * Gathers rows: {@code this} is a table {@code [V, ...rest]}, {@code indices} an I32 tensor
     * {@code [...idx]} of values in {@code [0, V)}; the result is {@code [...idx, ...rest]}.
     */
    Tensor take(Tensor indices);

    /** Identity in the forward pass; blocks gradient flow (TRM's no-grad recursion cycles). */
    Tensor stopGradient();
}
