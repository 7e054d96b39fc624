package io.recurbench.engine.io;

import java.util.List;

/**
 * One tensor of a safetensors header: its name, element type, shape and byte range
 * {@code [begin, end)} relative to the start of the data section (the byte after the header).
 */
public record SafetensorsEntry(String name, SafetensorsDType dtype, List<Long> shape, long begin, long end) {
    public SafetensorsEntry {
        shape = List.copyOf(shape);
    }

    /** Number of elements (1 for a scalar, shape {@code []}). */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Length of the byte range. */
    public long byteLength() {
        return end - begin;
    }
}
