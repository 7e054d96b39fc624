package io.recurbench.engine.ir;

/**
 * The closed set of primitives of the RecurBench IR. Every backend executes each of them and the
 * autodiff has a VJP rule for each; composites (softmax, RMSNorm, cross-entropy, …) are built from
 * these in {@code io.recurbench.api.NN}. Add a primitive only when a composite is measurably too slow.
 *
 * <p>An op holds only its static attributes; operands are the {@link Node#inputs()} of the node that
 * carries it, and the result's shape and dtype are the node's.
 */
public sealed interface Op {

    /** A value fed at run time (batch, carry, optimizer step…), by name. */
    record Input(String name) implements Op {}

    /** A trainable parameter, by its dotted name (see {@link Graph#parameters()}). */
    record Parameter(String name) implements Op {}

    /** Every element equal to {@code value} (either dtype). */
    record Fill(double value) implements Op {}

    /** An F32 constant, row-major. */
    record ConstantF32(float[] data) implements Op {}

    /** An I32 constant, row-major. */
    record ConstantI32(int[] data) implements Op {}

    /** Each element equals its index along {@code axis}. */
    record Iota(int axis) implements Op {}

    enum UnaryKind { NEG, EXP, LOG, SQRT, TANH, SIGMOID, SIN, COS, ABS }

    /** Elementwise F32 function; one input. */
    record Unary(UnaryKind kind) implements Op {}

    enum BinaryKind { ADD, SUB, MUL, DIV, MAX, MIN, ATAN2 }

    /** Elementwise arithmetic with NumPy broadcasting; two inputs of one dtype. */
    record Binary(BinaryKind kind) implements Op {}

    enum CompareKind { LT, LE, GT, GE, EQ, NE }

    /** Elementwise comparison with broadcasting; result I32 0/1. */
    record Compare(CompareKind kind) implements Op {}

    /** Converts to the node's dtype (F32→I32 truncates toward zero). */
    record Cast() implements Op {}

    /** Inputs (cond, ifTrue, ifFalse), broadcast together; picks ifTrue where cond != 0. */
    record Where() implements Op {}

    /**
     * Batched matrix product of inputs (a, b): {@code [..., M, K] x [..., K, N]}, batch axes
     * broadcast, a rank-2 b shared by all batches. With {@code transposeA} the last two axes of a
     * are read swapped (likewise b), so a transform can fold permutes into the product.
     */
    record MatMul(boolean transposeA, boolean transposeB) implements Op {}

    enum ReduceKind { SUM, MAX }

    /** Reduction over sorted, distinct, non-negative {@code axes}. */
    record Reduce(ReduceKind kind, int[] axes, boolean keepDims) implements Op {}

    /** Inclusive prefix sum along {@code axis}, from the end if {@code reverse}. */
    record Cumsum(int axis, boolean reverse) implements Op {}

    /** Same elements, row-major, in the node's shape. */
    record Reshape() implements Op {}

    /** Output axis i is input axis {@code perm[i]}. */
    record Permute(int[] perm) implements Op {}

    /** NumPy broadcast of the input to the node's shape. */
    record BroadcastTo() implements Op {}

    /** Elements {@code [start, end)} along {@code axis}. */
    record Slice(int axis, int start, int end) implements Op {}

    /** Zero padding along {@code axis} ({@link Slice}'s adjoint). */
    record Pad(int axis, int before, int after) implements Op {}

    /** Joins all inputs along {@code axis}. */
    record Concat(int axis) implements Op {}

    /** Inputs (table [V, ...rest], I32 indices [...idx]) → [...idx, ...rest]. */
    record Take() implements Op {}

    /**
     * Inputs (I32 indices [...idx], updates [...idx, ...rest]) → zeros [rows, ...rest] with each
     * update row added at its index ({@link Take}'s adjoint; repeated indices accumulate).
     */
    record ScatterAdd(int rows) implements Op {}

    /** Identity forward, zero gradient backward. */
    record StopGradient() implements Op {}
}
