package io.recurbench.tvm.ffi;

/** A tvm-ffi function object. */
public final class TvmFunction extends TvmObject {

    TvmFunction(TvmFfi ffi, long address) {
        super(ffi, address);
    }

    /**
     * Calls the function. Arguments may be {@code null}, {@link TvmObject}s (passed as views; the
     * caller keeps its reference), {@code Long}/{@code Integer}, {@code Double}/{@code Float},
     * {@code Boolean}, {@code String}, {@link Device}, {@link DataType} or a {@code MemorySegment}
     * (an opaque pointer). The result is {@code null}, a boxed primitive, a {@code String}, a
     * {@link Device}/{@link DataType}, or a {@link TvmObject} the caller must close.
     *
     * @throws TvmException with TVM's error kind and message when the call raises
     */
    public Object call(Object... args) {
        return ffi.call(address(), args);
    }
}
