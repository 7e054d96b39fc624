package io.recurbench.tvm.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RecurBench's binding to the tvm-ffi stable C ABI through {@code java.lang.foreign}.
 *
 * <p>{@link #load} {@code dlopen}s {@code libtvm_ffi.so} and then {@code libtvm_runtime.so} with
 * {@code RTLD_NOW | RTLD_GLOBAL} — global, because libraries that TVM itself loads later (a compiled
 * model) resolve runtime symbols against them — then checks the ABI version and constants
 * ({@link Abi#verify}) and the DLTensor layout on a real tensor. The JVM's own fault handlers, which
 * libtvm_ffi replaces when loaded, are put back ({@link SignalGuard}). One instance per process.
 *
 * <p>Calls go through {@code TVMFFIFunctionCall} with {@code TVMFFIAny} arguments (views: the
 * caller keeps ownership) and an owned {@code TVMFFIAny} result: every object in a result becomes a
 * {@link TvmObject} that releases its reference on {@code close()} or, failing that, through a
 * {@link java.lang.ref.Cleaner}. A failed call's error is taken with {@code TVMFFIErrorMoveFromRaised}
 * and rethrown as a {@link TvmException} carrying TVM's kind and message.
 */
public final class TvmFfi {
    private static final int RTLD_NOW = 0x2;
    private static final int RTLD_GLOBAL = 0x100;
    private static volatile TvmFfi instance;

    private final TvmInstallation installation;
    private final MethodHandle objectIncRef;
    private final MethodHandle objectDecRef;
    private final MethodHandle functionGetGlobal;
    private final MethodHandle functionCall;
    private final MethodHandle errorMoveFromRaised;
    private final int[] version;
    private final Map<String, TvmFunction> globals = new ConcurrentHashMap<>();
    private final AtomicLong liveObjects = new AtomicLong();
    private boolean cudaLoaded;

    private TvmFfi(TvmInstallation installation) {
        this.installation = installation;
        Linker linker = Linker.nativeLinker();
        Dl dl = new Dl(linker);
        MemorySegment ffi = SignalGuard.preserving(() -> {
            MemorySegment h = dl.open(installation.libTvmFfi());
            dl.open(installation.libTvmRuntime());
            return h;
        });
        objectIncRef = linker.downcallHandle(dl.sym(ffi, "TVMFFIObjectIncRef"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        objectDecRef = linker.downcallHandle(dl.sym(ffi, "TVMFFIObjectDecRef"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        functionGetGlobal = linker.downcallHandle(dl.sym(ffi, "TVMFFIFunctionGetGlobal"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        functionCall = linker.downcallHandle(dl.sym(ffi, "TVMFFIFunctionCall"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
        errorMoveFromRaised = linker.downcallHandle(dl.sym(ffi, "TVMFFIErrorMoveFromRaised"),
                FunctionDescriptor.ofVoid(ADDRESS));
        MethodHandle getVersion = linker.downcallHandle(dl.sym(ffi, "TVMFFIGetVersion"), FunctionDescriptor.ofVoid(ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(12, 4);
            getVersion.invokeExact(v);
            version = new int[] {v.get(JAVA_INT, 0), v.get(JAVA_INT, 4), v.get(JAVA_INT, 8)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Loads (once per process) the tvm-ffi and TVM runtime libraries of {@code installation} and
     * verifies the ABI; fails with a message naming the mismatch.
     */
    public static TvmFfi load(TvmInstallation installation) {
        TvmFfi ffi = instance;
        if (ffi == null) {
            synchronized (TvmFfi.class) {
                ffi = instance;
                if (ffi == null) {
                    ffi = new TvmFfi(installation);
                    ffi.verify();
                    instance = ffi;
                }
            }
        }
        if (!ffi.installation.libTvmFfi().equals(installation.libTvmFfi())) {
            throw new TvmException("SetupError", "tvm-ffi is already loaded from " + ffi.installation.libTvmFfi()
                    + "; a process can load only one (asked for " + installation.libTvmFfi() + ")");
        }
        return ffi;
    }

    private void verify() {
        if (version[0] != Abi.VERSION_MAJOR || version[1] != Abi.VERSION_MINOR) {
            throw new TvmException("AbiMismatch", "libtvm_ffi at " + installation.libTvmFfi() + " reports ABI version "
                    + versionString() + "; this binding speaks " + Abi.VERSION_MAJOR + "." + Abi.VERSION_MINOR
                    + ".x. Reinstall the pinned wheels (recurbench setup tvm).");
        }
        Abi.verify(installation.includeDir());
        try (TvmTensor probe = allocTensor(new long[] {2, 3}, DataType.FLOAT32, Device.cpu())) {
            long[] shape = probe.shape();
            if (probe.ndim() != 2 || shape[0] != 2 || shape[1] != 3 || !probe.dtype().equals(DataType.FLOAT32)
                    || !probe.device().equals(Device.cpu()) || probe.dataAddress() == 0) {
                throw new TvmException("AbiMismatch", "a [2, 3] float32 CPU tensor reads back as ndim=" + probe.ndim()
                        + " shape=" + java.util.Arrays.toString(shape) + " dtype=" + probe.dtype() + " device="
                        + probe.device() + ": the DLTensor layout in Abi does not match libtvm_runtime");
            }
        }
    }

    /**
     * Loads TVM's CUDA runtime sidecar {@code tvm/lib/libtvm_runtime_cuda.so} (once), which registers
     * the CUDA device API and the loader of CUDA modules. It links {@code libcudart.so.13} and
     * {@code libcuda.so.1}; where those are missing the error names them (dlerror).
     */
    public synchronized void loadCudaRuntime() {
        if (cudaLoaded) {
            return;
        }
        Path lib = installation.libTvmRuntime().resolveSibling("libtvm_runtime_cuda.so");
        SignalGuard.preserving(() -> new Dl(Linker.nativeLinker()).open(lib));
        cudaLoaded = true;
    }

    /** The C ABI version reported by {@code TVMFFIGetVersion}, as {@code major.minor.patch}. */
    public String versionString() {
        return version[0] + "." + version[1] + "." + version[2];
    }

    public TvmInstallation installation() {
        return installation;
    }

    /** Objects handed out and not yet released: a leak shows as growth here. */
    public long liveObjects() {
        return liveObjects.get();
    }

    /** A global function by its registered name; cached, never released. Fails if it is not registered. */
    public TvmFunction global(String name) {
        TvmFunction f = findGlobal(name);
        if (f == null) {
            throw new TvmException("NameError", "no global TVM function '" + name + "' is registered");
        }
        return f;
    }

    /** A global function, or null when none of that name is registered. */
    public TvmFunction findGlobal(String name) {
        TvmFunction cached = globals.get(name);
        if (cached != null) {
            return cached;
        }
        try (Arena arena = Arena.ofConfined()) {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            MemorySegment bytes = arena.allocate(utf8.length + 1L);
            MemorySegment.copy(utf8, 0, bytes, JAVA_BYTE, 0, utf8.length);
            MemorySegment byteArray = arena.allocate(Abi.BYTE_ARRAY_SIZE, 8);
            byteArray.set(ADDRESS, 0, bytes);
            byteArray.set(JAVA_LONG, 8, utf8.length);
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = (int) functionGetGlobal.invokeExact(byteArray, out);
            if (rc != 0) {
                throw raised(rc);
            }
            long handle = out.get(JAVA_LONG, 0);
            if (handle == 0) {
                return null;
            }
            TvmFunction f = new TvmFunction(this, handle);
            TvmFunction prior = globals.putIfAbsent(name, f);
            if (prior != null) {
                f.close();
                return prior;
            }
            return f;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Allocates an uninitialised tensor ({@code runtime.TVMTensorAllocWithScope}). */
    public TvmTensor allocTensor(long[] shape, DataType dtype, Device device) {
        Object[] dims = new Object[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        try (TvmObject shapeObj = (TvmObject) global("ffi.Shape").call(dims)) {
            return (TvmTensor) global("runtime.TVMTensorAllocWithScope").call(shapeObj, dtype, device, null);
        }
    }

    /** Calls the function object at {@code function}; see {@link TvmFunction#call}. */
    Object call(long function, Object... args) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment argv = arena.allocate(Abi.ANY_SIZE * Math.max(1, args.length), 8);
            for (int i = 0; i < args.length; i++) {
                encode(args[i], argv.asSlice(i * Abi.ANY_SIZE, Abi.ANY_SIZE), arena);
            }
            MemorySegment result = arena.allocate(Abi.ANY_SIZE, 8); // zeroed: type_index = kTVMFFINone
            int rc = (int) functionCall.invokeExact(MemorySegment.ofAddress(function), argv, args.length, result);
            if (rc != 0) {
                throw raised(rc);
            }
            return decode(result);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void encode(Object arg, MemorySegment any, Arena arena) {
        switch (arg) {
            case null -> any.set(JAVA_INT, Abi.ANY_TYPE_INDEX, Abi.K_NONE);
            case TvmObject o -> {
                any.set(JAVA_INT, Abi.ANY_TYPE_INDEX, o.typeIndex());
                any.set(JAVA_LONG, Abi.ANY_VALUE, o.address());
            }
            case Long v -> setInt(any, v);
            case Integer v -> setInt(any, v);
            case Boolean v -> {
                any.set(JAVA_INT, Abi.ANY_TYPE_INDEX, Abi.K_BOOL);
                any.set(JAVA_LONG, Abi.ANY_VALUE, v ? 1 : 0);
            }
            case Double v -> setFloat(any, v);
            case Float v -> setFloat(any, v);
            case String s -> {
                any.set(JAVA_INT, Abi.ANY_TYPE_INDEX, Abi.K_RAW_STR);
                any.set(ADDRESS, Abi.ANY_VALUE, arena.allocateFrom(s, StandardCharsets.UTF_8));
            }
            case Device d -> {
                any.set(JAVA_INT, Abi.ANY_TYPE_INDEX, Abi.K_DEVICE);
                any.set(JAVA_INT, Abi.ANY_VALUE, d.type());
                any.set(JAVA_INT, Abi.ANY_VALUE + 4, d.id());
            }
            case DataType t -> {
                any.set(JAVA_INT, Abi.ANY_TYPE_INDEX, Abi.K_DATA_TYPE);
                any.set(JAVA_BYTE, Abi.ANY_VALUE, (byte) t.code());
                any.set(JAVA_BYTE, Abi.ANY_VALUE + 1, (byte) t.bits());
                any.set(JAVA_SHORT, Abi.ANY_VALUE + 2, (short) t.lanes());
            }
            case MemorySegment p -> {
                any.set(JAVA_INT, Abi.ANY_TYPE_INDEX, Abi.K_OPAQUE_PTR);
                any.set(ADDRESS, Abi.ANY_VALUE, p);
            }
            default -> throw new IllegalArgumentException("cannot pass a " + arg.getClass().getName() + " to TVM");
        }
    }

    private static void setInt(MemorySegment any, long v) {
        any.set(JAVA_INT, Abi.ANY_TYPE_INDEX, Abi.K_INT);
        any.set(JAVA_LONG, Abi.ANY_VALUE, v);
    }

    private static void setFloat(MemorySegment any, double v) {
        any.set(JAVA_INT, Abi.ANY_TYPE_INDEX, Abi.K_FLOAT);
        any.set(java.lang.foreign.ValueLayout.JAVA_DOUBLE, Abi.ANY_VALUE, v);
    }

    /** Turns an owned {@code TVMFFIAny} into a Java value, taking over its reference if it holds an object. */
    Object decode(MemorySegment any) {
        int type = any.get(JAVA_INT, Abi.ANY_TYPE_INDEX);
        long value = any.get(JAVA_LONG, Abi.ANY_VALUE);
        if (type >= Abi.K_STATIC_OBJECT_BEGIN) {
            return switch (type) {
                case Abi.K_STR -> {
                    String s = new String(readByteArray(value + Abi.OBJECT_HEADER_SIZE), StandardCharsets.UTF_8);
                    decRef(value);
                    yield s;
                }
                case Abi.K_BYTES -> {
                    byte[] b = readByteArray(value + Abi.OBJECT_HEADER_SIZE);
                    decRef(value);
                    yield b;
                }
                case Abi.K_FUNCTION -> new TvmFunction(this, value);
                case Abi.K_TENSOR -> new TvmTensor(this, value);
                case Abi.K_ARRAY -> new TvmArray(this, value);
                default -> new TvmObject(this, value);
            };
        }
        return switch (type) {
            case Abi.K_NONE -> null;
            case Abi.K_INT -> value;
            case Abi.K_BOOL -> value != 0;
            case Abi.K_FLOAT -> Double.longBitsToDouble(value);
            case Abi.K_OPAQUE_PTR -> MemorySegment.ofAddress(value);
            case Abi.K_DEVICE -> new Device(any.get(JAVA_INT, Abi.ANY_VALUE), any.get(JAVA_INT, Abi.ANY_VALUE + 4));
            case Abi.K_DATA_TYPE -> new DataType(Byte.toUnsignedInt(any.get(JAVA_BYTE, Abi.ANY_VALUE)),
                    Byte.toUnsignedInt(any.get(JAVA_BYTE, Abi.ANY_VALUE + 1)),
                    Short.toUnsignedInt(any.get(JAVA_SHORT, Abi.ANY_VALUE + 2)));
            case Abi.K_SMALL_STR, Abi.K_SMALL_BYTES -> {
                int len = any.get(JAVA_INT, Abi.ANY_SMALL_LEN);
                byte[] b = any.asSlice(Abi.ANY_VALUE, len).toArray(JAVA_BYTE);
                yield type == Abi.K_SMALL_STR ? new String(b, StandardCharsets.UTF_8) : b;
            }
            default -> throw new TvmException("TypeError", "TVM returned a value of type index " + type
                    + ", which this binding does not decode");
        };
    }

    private static byte[] readByteArray(long address) {
        MemorySegment ba = MemorySegment.ofAddress(address).reinterpret(Abi.BYTE_ARRAY_SIZE);
        long data = ba.get(JAVA_LONG, 0);
        long size = ba.get(JAVA_LONG, 8);
        return size == 0 ? new byte[0] : MemorySegment.ofAddress(data).reinterpret(size).toArray(JAVA_BYTE);
    }

    /** The pending TVM error as a Java exception (kind and message), releasing the error object. */
    private TvmException raised(int rc) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            errorMoveFromRaised.invokeExact(out);
            long err = out.get(JAVA_LONG, 0);
            if (err == 0) {
                return new TvmException("UnknownError", "TVM call failed (code " + rc + ") without raising an error");
            }
            String kind = new String(readByteArray(err + Abi.ERROR_KIND), StandardCharsets.UTF_8);
            String message = new String(readByteArray(err + Abi.ERROR_MESSAGE), StandardCharsets.UTF_8);
            decRef(err);
            return new TvmException(kind, message);
        }
    }

    void incRef(long address) {
        try {
            int rc = (int) objectIncRef.invokeExact(MemorySegment.ofAddress(address));
            if (rc != 0) {
                throw new TvmException("InternalError", "TVMFFIObjectIncRef failed with code " + rc);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void decRef(long address) {
        try {
            int rc = (int) objectDecRef.invokeExact(MemorySegment.ofAddress(address));
            if (rc != 0) {
                throw new TvmException("InternalError", "TVMFFIObjectDecRef failed with code " + rc);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void objectCreated() {
        liveObjects.incrementAndGet();
    }

    void objectReleased() {
        liveObjects.decrementAndGet();
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new TvmException("InternalError", "native call failed: " + t);
    }

    /** {@code dlopen}/{@code dlsym} from the C library, with {@code dlerror}'s message on failure. */
    private static final class Dl {
        private final MethodHandle dlopen;
        private final MethodHandle dlsym;
        private final MethodHandle dlerror;

        Dl(Linker linker) {
            SymbolLookup libc = linker.defaultLookup();
            dlopen = linker.downcallHandle(libc.find("dlopen").orElseThrow(), FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
            dlsym = linker.downcallHandle(libc.find("dlsym").orElseThrow(), FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
            dlerror = linker.downcallHandle(libc.find("dlerror").orElseThrow(), FunctionDescriptor.of(ADDRESS));
        }

        MemorySegment open(Path library) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment handle = (MemorySegment) dlopen.invokeExact(
                        arena.allocateFrom(library.toString()), RTLD_NOW | RTLD_GLOBAL);
                if (handle.address() == 0) {
                    throw new TvmException("SetupError", "dlopen(" + library + ") failed: " + error());
                }
                return handle;
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        MemorySegment sym(MemorySegment handle, String name) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment s = (MemorySegment) dlsym.invokeExact(handle, arena.allocateFrom(name));
                if (s.address() == 0) {
                    throw new TvmException("AbiMismatch", "symbol " + name + " not found in libtvm_ffi: " + error());
                }
                return s;
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        private String error() throws Throwable {
            MemorySegment msg = (MemorySegment) dlerror.invokeExact();
            return msg.address() == 0 ? "(no dlerror message)" : msg.reinterpret(4096).getString(0);
        }
    }
}
