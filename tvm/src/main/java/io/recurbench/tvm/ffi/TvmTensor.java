package io.recurbench.tvm.ffi;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * A tvm-ffi tensor object: a {@code TVMFFIObject} header followed by a {@code DLTensor}, whose
 * fields are read at the offsets in {@link Abi}. Host data moves in and out either by a direct
 * memory copy (CPU tensors, compact layout) or through {@code runtime.TVMTensorCopyFromBytes/ToBytes}
 * (any device: the path GPU tensors take).
 */
public final class TvmTensor extends TvmObject {
    private static final java.lang.foreign.ValueLayout.OfFloat F32 = JAVA_FLOAT.withOrder(ByteOrder.nativeOrder());

    TvmTensor(TvmFfi ffi, long address) {
        super(ffi, address);
    }

    private MemorySegment dl() {
        return MemorySegment.ofAddress(address() + Abi.OBJECT_HEADER_SIZE).reinterpret(48);
    }

    public int ndim() {
        return dl().get(JAVA_INT, Abi.DLTENSOR_NDIM);
    }

    public long[] shape() {
        int n = ndim();
        long ptr = dl().get(JAVA_LONG, Abi.DLTENSOR_SHAPE);
        return n == 0 ? new long[0] : MemorySegment.ofAddress(ptr).reinterpret(8L * n).toArray(JAVA_LONG);
    }

    public DataType dtype() {
        MemorySegment d = dl();
        return new DataType(Byte.toUnsignedInt(d.get(JAVA_BYTE, Abi.DLTENSOR_DTYPE_CODE)),
                Byte.toUnsignedInt(d.get(JAVA_BYTE, Abi.DLTENSOR_DTYPE_BITS)),
                Short.toUnsignedInt(d.get(JAVA_SHORT, Abi.DLTENSOR_DTYPE_LANES)));
    }

    public Device device() {
        MemorySegment d = dl();
        return new Device(d.get(JAVA_INT, Abi.DLTENSOR_DEVICE_TYPE), d.get(JAVA_INT, Abi.DLTENSOR_DEVICE_ID));
    }

    /** {@code data + byte_offset}: the first element's address (a device address off the CPU). */
    public long dataAddress() {
        MemorySegment d = dl();
        return d.get(JAVA_LONG, Abi.DLTENSOR_DATA) + d.get(JAVA_LONG, Abi.DLTENSOR_BYTE_OFFSET);
    }

    public long elementCount() {
        long n = 1;
        for (long d : shape()) {
            n *= d;
        }
        return n;
    }

    public long byteSize() {
        return elementCount() * dtype().bytes();
    }

    /** Compact row-major layout: no strides, or strides equal to the row-major ones. */
    public boolean isCompact() {
        long stridesPtr = dl().get(JAVA_LONG, Abi.DLTENSOR_STRIDES);
        if (stridesPtr == 0) {
            return true;
        }
        long[] shape = shape();
        long[] strides = MemorySegment.ofAddress(stridesPtr).reinterpret(8L * shape.length).toArray(JAVA_LONG);
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    private boolean directHostAccess() {
        return device().isCpu() && isCompact();
    }

    /** Copies {@code byteSize()} bytes from {@code source} (heap or native) into the tensor. */
    public void copyFrom(MemorySegment source) {
        copyFrom(source, directHostAccess());
    }

    /** Copies the tensor into {@code target} (heap or native), which must hold {@code byteSize()} bytes. */
    public void copyTo(MemorySegment target) {
        copyTo(target, directHostAccess());
    }

    /** As {@link #copyFrom(MemorySegment)}, choosing the path: {@code direct} only for CPU tensors. */
    void copyFrom(MemorySegment source, boolean direct) {
        long n = checkSize(source);
        if (direct) {
            MemorySegment.copy(source, 0, MemorySegment.ofAddress(dataAddress()).reinterpret(n), 0, n);
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = source.isNative() ? source : arena.allocate(n, 64).copyFrom(source.asSlice(0, n));
            ffi.global("runtime.TVMTensorCopyFromBytes").call(this, staging, n);
        }
    }

    void copyTo(MemorySegment target, boolean direct) {
        long n = checkSize(target);
        if (direct) {
            MemorySegment.copy(MemorySegment.ofAddress(dataAddress()).reinterpret(n), 0, target, 0, n);
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = target.isNative() ? target : arena.allocate(n, 64);
            ffi.global("runtime.TVMTensorCopyToBytes").call(this, staging, n);
            if (staging != target) {
                target.asSlice(0, n).copyFrom(staging);
            }
        }
    }

    private long checkSize(MemorySegment host) {
        long n = byteSize();
        if (host.byteSize() < n) {
            throw new IllegalArgumentException("host buffer of " + host.byteSize() + " bytes is smaller than the "
                    + n + "-byte tensor " + java.util.Arrays.toString(shape()) + " " + dtype());
        }
        return n;
    }

    public void copyFrom(float[] values) {
        requireType(DataType.FLOAT32, values.length);
        copyFrom(MemorySegment.ofArray(values));
    }

    public void copyFrom(int[] values) {
        requireType(DataType.INT32, values.length);
        copyFrom(MemorySegment.ofArray(values));
    }

    public float[] toFloats() {
        float[] out = new float[Math.toIntExact(elementCount())];
        requireType(DataType.FLOAT32, out.length);
        copyTo(MemorySegment.ofArray(out));
        return out;
    }

    public int[] toInts() {
        int[] out = new int[Math.toIntExact(elementCount())];
        requireType(DataType.INT32, out.length);
        copyTo(MemorySegment.ofArray(out));
        return out;
    }

    private void requireType(DataType expected, int length) {
        if (!dtype().equals(expected) || length != elementCount()) {
            throw new IllegalArgumentException("tensor is " + java.util.Arrays.toString(shape()) + " " + dtype()
                    + ", host array is " + length + " x " + expected);
        }
    }

    /** Reads element {@code i} of a CPU float32 tensor without copying the rest (used by tests). */
    float floatAt(long i) {
        return MemorySegment.ofAddress(dataAddress()).reinterpret(byteSize()).get(F32, 4 * i);
    }
}
