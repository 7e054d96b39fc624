package io.recurbench.engine.backend;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import java.util.Objects;

/**
 * A tensor's values in Java heap memory, row-major: what crosses between the harness and a backend
 * (batches in, parameters at start-up and checkpoint, losses and predictions out).
 *
 * <p>Exactly one of {@code f32} and {@code i32} is non-null, matching {@code dtype}. Arrays are
 * shared, not copied: a backend must not keep or mutate a fed array after {@code run} returns.
 */
public record HostTensor(Shape shape, DType dtype, float[] f32, int[] i32) {
    public HostTensor {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
        int n = shape.intSize();
        switch (dtype) {
            case F32 -> {
                if (f32 == null || i32 != null || f32.length != n) {
                    throw new IllegalArgumentException("F32 host tensor of shape " + shape + " needs exactly "
                            + n + " floats and no ints");
                }
            }
            case I32 -> {
                if (i32 == null || f32 != null || i32.length != n) {
                    throw new IllegalArgumentException("I32 host tensor of shape " + shape + " needs exactly "
                            + n + " ints and no floats");
                }
            }
        }
    }

    public static HostTensor of(Shape shape, float... values) {
        return new HostTensor(shape, DType.F32, values, null);
    }

    public static HostTensor ofInts(Shape shape, int... values) {
        return new HostTensor(shape, DType.I32, null, values);
    }

    public static HostTensor zeros(Shape shape, DType dtype) {
        return dtype == DType.F32
                ? of(shape, new float[shape.intSize()])
                : ofInts(shape, new int[shape.intSize()]);
    }

    /** The single value of a one-element F32 tensor (a loss, a metric). */
    public float item() {
        if (dtype != DType.F32 || f32.length != 1) {
            throw new IllegalStateException("item() needs a one-element F32 tensor, got " + dtype + shape);
        }
        return f32[0];
    }
}
