package io.recurbench.api;

import java.util.Arrays;

/** An immutable tensor shape; rank 0 is a scalar. Axis arguments may be negative (counted from the end). */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
            }
        }
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    public static Shape scalar() {
        return new Shape(new int[0]);
    }

    public int rank() {
        return dims.length;
    }

    /** Size of {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return dims[axis(axis)];
    }

    /** Normalises a possibly negative axis against this rank, failing with the shape in the message. */
    public int axis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " out of range for shape " + this);
        }
        return a;
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements (1 for a scalar). */
    public long size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Number of elements as an int, failing if it does not fit in a Java array. */
    public int intSize() {
        long n = size();
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + this + " has more elements than a Java array holds");
        }
        return (int) n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
