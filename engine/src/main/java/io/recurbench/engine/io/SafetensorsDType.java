package io.recurbench.engine.io;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The element types a safetensors header may name, with their size in bytes (the {@code Dtype}
 * enum of huggingface/safetensors, {@code safetensors/src/tensor.rs}). Every one is recognised so
 * that a file's layout can be validated whole; {@link SafetensorsFile#read} converts only the types
 * that {@link #readableAsF32()} or {@link #readableAsI32()} admit.
 */
public enum SafetensorsDType {
    BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1),
    I16(2), U16(2), F16(2), BF16(2),
    I32(4), U32(4), F32(4),
    F64(8), I64(8), U64(8);

    private final int bytes;

    SafetensorsDType(int bytes) {
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** Float types read as F32: F32 exactly, F16/BF16 exactly (every value is representable), F64 rounded. */
    public boolean readableAsF32() {
        return this == F32 || this == F16 || this == BF16 || this == F64;
    }

    /** Integer types read as I32; I64/U32 values outside the int range are refused when read. */
    public boolean readableAsI32() {
        return this == I32 || this == I64 || this == U32 || this == I16 || this == U16
                || this == I8 || this == U8 || this == BOOL;
    }

    /** The type named {@code name} in a header, or {@code null} when the name is not a safetensors type. */
    static SafetensorsDType parse(String name) {
        for (SafetensorsDType d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** All type names, for error messages. */
    static String known() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
