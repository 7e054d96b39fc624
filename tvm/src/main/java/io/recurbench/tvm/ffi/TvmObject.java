package io.recurbench.tvm.ffi;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One owned reference to a tvm-ffi object. {@link #close} releases it ({@code TVMFFIObjectDecRef})
 * exactly once; an object that becomes unreachable without being closed is released by a
 * {@link Cleaner}, so a forgotten close costs memory for a while but never leaks for good.
 */
public class TvmObject implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    final TvmFfi ffi;
    private final long address;
    private final Release release;
    private final Cleaner.Cleanable cleanable;

    /** Takes over one reference the caller owns. */
    TvmObject(TvmFfi ffi, long address) {
        if (address == 0) {
            throw new IllegalArgumentException("null TVM object handle");
        }
        this.ffi = ffi;
        this.address = address;
        this.release = new Release(ffi, address);
        ffi.objectCreated();
        this.cleanable = CLEANER.register(this, release);
    }

    /** The object handle ({@code TVMFFIObject*}); fails once released. */
    public long address() {
        if (release.done.get()) {
            throw new IllegalStateException("TVM object " + Long.toHexString(address) + " was already released");
        }
        return address;
    }

    /** The runtime type index stored in the object header. */
    public int typeIndex() {
        return MemorySegment.ofAddress(address()).reinterpret(Abi.OBJECT_HEADER_SIZE).get(JAVA_INT, Abi.OBJECT_TYPE_INDEX);
    }

    /** Another owned reference to the same object ({@code TVMFFIObjectIncRef}). */
    public TvmObject retain() {
        ffi.incRef(address());
        return new TvmObject(ffi, address);
    }

    public boolean isReleased() {
        return release.done.get();
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    /** Holds no reference to the TvmObject, so that the Cleaner can run once it is unreachable. */
    private static final class Release implements Runnable {
        private final TvmFfi ffi;
        private final long address;
        final AtomicBoolean done = new AtomicBoolean();

        Release(TvmFfi ffi, long address) {
            this.ffi = ffi;
            this.address = address;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                ffi.decRef(address);
                ffi.objectReleased();
            }
        }
    }
}
