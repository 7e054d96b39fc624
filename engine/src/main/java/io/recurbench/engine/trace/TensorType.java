package io.recurbench.engine.trace;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import java.util.Objects;

/**
 * The static type of an SSA value: its shape and element type. {@link ShapeInference} maps operand
 * types to a result type.
 */
public record TensorType(Shape shape, DType dtype) {
    public TensorType {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
    }

    @Override
    public String toString() {
        return dtype + shape.toString();
    }
}
