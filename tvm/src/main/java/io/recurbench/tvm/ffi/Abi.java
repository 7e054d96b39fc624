package io.recurbench.tvm.ffi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of the tvm-ffi C ABI ({@code tvm/ffi/c_api.h}, tvm-ffi 0.1.16) and of DLPack
 * ({@code dlpack/dlpack.h}, 1.3) that this binding relies on. The values are written here, read
 * from the headers of apache-tvm-ffi 0.1.15.post2, and {@link #verify} compares them with the
 * headers actually installed so that a changed ABI fails at start-up with a clear message rather
 * than corrupting memory later.
 */
public final class Abi {
    private Abi() {}

    /** ABI version this binding was written against ({@code TVM_FFI_VERSION_MAJOR/MINOR}). */
    public static final int VERSION_MAJOR = 0;
    public static final int VERSION_MINOR = 1;

    // TVMFFITypeIndex
    public static final int K_NONE = 0;
    public static final int K_INT = 1;
    public static final int K_BOOL = 2;
    public static final int K_FLOAT = 3;
    public static final int K_OPAQUE_PTR = 4;
    public static final int K_DATA_TYPE = 5;
    public static final int K_DEVICE = 6;
    public static final int K_DL_TENSOR_PTR = 7;
    public static final int K_RAW_STR = 8;
    public static final int K_SMALL_STR = 11;
    public static final int K_SMALL_BYTES = 12;
    public static final int K_STATIC_OBJECT_BEGIN = 64;
    public static final int K_STR = 65;
    public static final int K_BYTES = 66;
    public static final int K_ERROR = 67;
    public static final int K_FUNCTION = 68;
    public static final int K_SHAPE = 69;
    public static final int K_TENSOR = 70;
    public static final int K_ARRAY = 71;
    public static final int K_MODULE = 73;

    // Layouts (x86-64 / aarch64 LP64).
    /** sizeof(TVMFFIAny): int32 type_index, uint32 padding / small-string length, 8-byte union. */
    public static final long ANY_SIZE = 16;
    public static final long ANY_TYPE_INDEX = 0;
    public static final long ANY_SMALL_LEN = 4;
    public static final long ANY_VALUE = 8;
    /** sizeof(TVMFFIObject): uint64 combined ref count, int32 type_index, uint32 padding, deleter. */
    public static final long OBJECT_HEADER_SIZE = 24;
    public static final long OBJECT_TYPE_INDEX = 8;
    /** TVMFFIByteArray: const char* data, size_t size. */
    public static final long BYTE_ARRAY_SIZE = 16;
    /** TVMFFIErrorCell after the header: kind, message, backtrace (byte arrays). */
    public static final long ERROR_KIND = OBJECT_HEADER_SIZE;
    public static final long ERROR_MESSAGE = OBJECT_HEADER_SIZE + BYTE_ARRAY_SIZE;
    /** DLTensor (after the object header in a tensor object). */
    public static final long DLTENSOR_DATA = 0;
    public static final long DLTENSOR_DEVICE_TYPE = 8;
    public static final long DLTENSOR_DEVICE_ID = 12;
    public static final long DLTENSOR_NDIM = 16;
    public static final long DLTENSOR_DTYPE_CODE = 20;
    public static final long DLTENSOR_DTYPE_BITS = 21;
    public static final long DLTENSOR_DTYPE_LANES = 22;
    public static final long DLTENSOR_SHAPE = 24;
    public static final long DLTENSOR_STRIDES = 32;
    public static final long DLTENSOR_BYTE_OFFSET = 40;

    /** Enumerators this binding hard-codes, by header: name → value. */
    static Map<String, Long> ffiEnumerators() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("kTVMFFINone", (long) K_NONE);
        m.put("kTVMFFIInt", (long) K_INT);
        m.put("kTVMFFIBool", (long) K_BOOL);
        m.put("kTVMFFIFloat", (long) K_FLOAT);
        m.put("kTVMFFIOpaquePtr", (long) K_OPAQUE_PTR);
        m.put("kTVMFFIDataType", (long) K_DATA_TYPE);
        m.put("kTVMFFIDevice", (long) K_DEVICE);
        m.put("kTVMFFIDLTensorPtr", (long) K_DL_TENSOR_PTR);
        m.put("kTVMFFIRawStr", (long) K_RAW_STR);
        m.put("kTVMFFISmallStr", (long) K_SMALL_STR);
        m.put("kTVMFFISmallBytes", (long) K_SMALL_BYTES);
        m.put("kTVMFFIStaticObjectBegin", (long) K_STATIC_OBJECT_BEGIN);
        m.put("kTVMFFIStr", (long) K_STR);
        m.put("kTVMFFIBytes", (long) K_BYTES);
        m.put("kTVMFFIError", (long) K_ERROR);
        m.put("kTVMFFIFunction", (long) K_FUNCTION);
        m.put("kTVMFFIShape", (long) K_SHAPE);
        m.put("kTVMFFITensor", (long) K_TENSOR);
        m.put("kTVMFFIArray", (long) K_ARRAY);
        m.put("kTVMFFIModule", (long) K_MODULE);
        m.put("TVM_FFI_VERSION_MAJOR", (long) VERSION_MAJOR);
        m.put("TVM_FFI_VERSION_MINOR", (long) VERSION_MINOR);
        return m;
    }

    static Map<String, Long> dlpackEnumerators() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("kDLCPU", (long) Device.KDL_CPU);
        m.put("kDLCUDA", (long) Device.KDL_CUDA);
        m.put("kDLInt", (long) DataType.KDL_INT);
        m.put("kDLFloat", (long) DataType.KDL_FLOAT);
        return m;
    }

    private static final Pattern ENUMERATOR = Pattern.compile("\\b(k\\w+)\\s*=\\s*(-?\\d+)U?\\b");
    private static final Pattern DEFINE = Pattern.compile("#define\\s+(TVM_FFI_VERSION_\\w+)\\s+(\\d+)");

    /** Every {@code kName = 123} enumerator and {@code TVM_FFI_VERSION_*} define in a header. */
    static Map<String, Long> parseHeader(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        Matcher m = ENUMERATOR.matcher(text);
        while (m.find()) {
            out.putIfAbsent(m.group(1), Long.parseLong(m.group(2)));
        }
        Matcher d = DEFINE.matcher(text);
        while (d.find()) {
            out.putIfAbsent(d.group(1), Long.parseLong(d.group(2)));
        }
        return out;
    }

    /**
     * Compares the constants above with the installed headers {@code <include>/tvm/ffi/c_api.h}
     * and {@code <include>/dlpack/dlpack.h}; fails listing every difference.
     */
    public static void verify(Path includeDir) {
        List<String> problems = new ArrayList<>();
        check(includeDir.resolve("tvm/ffi/c_api.h"), ffiEnumerators(), problems);
        check(includeDir.resolve("dlpack/dlpack.h"), dlpackEnumerators(), problems);
        if (!problems.isEmpty()) {
            throw new TvmException("AbiMismatch", "the installed tvm-ffi does not match the ABI this binding was "
                    + "written for (tvm-ffi " + VERSION_MAJOR + "." + VERSION_MINOR + ", headers of apache-tvm-ffi "
                    + "0.1.15.post2): " + String.join("; ", problems)
                    + ". Reinstall the pinned wheels (recurbench setup tvm) or update io.recurbench.tvm.ffi.Abi.");
        }
    }

    private static void check(Path header, Map<String, Long> expected, List<String> problems) {
        String text;
        try {
            text = Files.readString(header);
        } catch (IOException e) {
            problems.add("cannot read " + header + " (" + e.getMessage() + ")");
            return;
        }
        Map<String, Long> found = parseHeader(text);
        expected.forEach((name, value) -> {
            Long actual = found.get(name);
            if (actual == null) {
                problems.add(name + " is not defined in " + header);
            } else if (!actual.equals(value)) {
                problems.add(name + " = " + actual + " in " + header + ", binding expects " + value);
            }
        });
    }
}
