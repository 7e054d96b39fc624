package io.recurbench.tvm.ffi;

/** An error raised inside TVM (its kind and message, as tvm-ffi reports them) or by this binding. */
public class TvmException extends RuntimeException {
    private final String kind;

    public TvmException(String kind, String message) {
        super(kind + ": " + message);
        this.kind = kind;
    }

    /** TVM's error kind, e.g. {@code ValueError}, {@code RuntimeError}, {@code InternalError}. */
    public String kind() {
        return kind;
    }
}
