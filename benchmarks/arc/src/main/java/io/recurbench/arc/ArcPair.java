package io.recurbench.arc;

import java.util.Objects;

/** One input/output example of an ARC task. */
public record ArcPair(Grid input, Grid output) {
    public ArcPair {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
    }
}
