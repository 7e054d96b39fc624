package io.recurbench.api;

/** Creates tensors that are not computed from others, and the n-ary primitives, in one graph. */
public interface Ops {

    /** A rank-0 F32 constant. */
    Tensor scalar(float value);

    /** A rank-0 I32 constant. */
    Tensor scalarInt(int value);

    /** An F32 constant holding {@code data} in row-major order. */
    Tensor constant(Shape shape, float... data);

    /** An I32 constant holding {@code data} in row-major order. */
    Tensor constantInt(Shape shape, int... data);

    Tensor full(Shape shape, float value);

    default Tensor zeros(Shape shape) {
        return full(shape, 0f);
    }

    default Tensor ones(Shape shape) {
        return full(shape, 1f);
    }

    /** A tensor whose every element equals its index along {@code axis}. */
    Tensor iota(Shape shape, int axis, DType dtype);

    /** Elementwise {@code cond != 0 ? ifTrue : ifFalse}, all three broadcast together. */
    Tensor where(Tensor cond, Tensor ifTrue, Tensor ifFalse);

    /** Joins tensors along {@code axis}; all other dimensions must agree. */
    Tensor concat(int axis, Tensor... parts);
}
