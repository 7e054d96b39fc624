package io.recurbench.api;

/** A declared parameter: its full dotted name, shape and initializer. Parameters are always F32. */
public record ParameterSpec(String name, Shape shape, Initializer initializer) {
    public long count() {
        return shape.size();
    }
}
