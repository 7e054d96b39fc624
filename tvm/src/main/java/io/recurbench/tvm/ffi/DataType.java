package io.recurbench.tvm.ffi;

import io.recurbench.api.DType;

/** A DLPack element type ({@code DLDataType}: code, bits, lanes). */
public record DataType(int code, int bits, int lanes) {
    public static final int KDL_INT = 0;
    public static final int KDL_FLOAT = 2;
    public static final DataType FLOAT32 = new DataType(KDL_FLOAT, 32, 1);
    public static final DataType INT32 = new DataType(KDL_INT, 32, 1);

    public static DataType of(DType dtype) {
        return switch (dtype) {
            case F32 -> FLOAT32;
            case I32 -> INT32;
        };
    }

    public int bytes() {
        return (bits * lanes + 7) / 8;
    }

    @Override
    public String toString() {
        return (code == KDL_FLOAT ? "float" : code == KDL_INT ? "int" : "code" + code + "_") + bits
                + (lanes == 1 ? "" : "x" + lanes);
    }
}
