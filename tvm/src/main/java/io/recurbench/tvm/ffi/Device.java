package io.recurbench.tvm.ffi;

/**
 * A DLPack device ({@code DLDevice}): device type and ordinal. The type codes are DLPack's
 * ({@code kDLCPU = 1}, {@code kDLCUDA = 2}); {@link Abi#verify} checks them against the installed header.
 */
public record Device(int type, int id) {
    public static final int KDL_CPU = 1;
    public static final int KDL_CUDA = 2;

    public static Device cpu() {
        return new Device(KDL_CPU, 0);
    }

    public static Device cuda(int id) {
        return new Device(KDL_CUDA, id);
    }

    public boolean isCpu() {
        return type == KDL_CPU;
    }

    @Override
    public String toString() {
        return (type == KDL_CPU ? "cpu" : type == KDL_CUDA ? "cuda" : "device" + type) + ":" + id;
    }
}
