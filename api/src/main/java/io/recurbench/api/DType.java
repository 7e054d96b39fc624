package io.recurbench.api;

/** Element type of a {@link Tensor}. Comparisons produce {@link #I32} masks holding 0 or 1. */
public enum DType {
    F32,
    I32
}
