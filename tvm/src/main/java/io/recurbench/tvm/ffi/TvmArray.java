package io.recurbench.tvm.ffi;

/** An {@code ffi.Array} (e.g. the tuple a Relax function returns), read through {@code ffi.ArraySize/ArrayGetItem}. */
public final class TvmArray extends TvmObject {

    TvmArray(TvmFfi ffi, long address) {
        super(ffi, address);
    }

    public int size() {
        return Math.toIntExact((Long) ffi.global("ffi.ArraySize").call(this));
    }

    /** Element {@code i}; an object element comes back as a new owned reference the caller must close. */
    public Object get(int i) {
        return ffi.global("ffi.ArrayGetItem").call(this, (long) i);
    }
}
