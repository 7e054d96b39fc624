package io.recurbench.engine.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A safetensors file opened for reading: the header is parsed and validated whole on
 * {@link #open}, the data section is memory-mapped, and tensors are copied out one at a time by
 * {@link #read} (so a 30 MB checkpoint is never held twice on the heap).
 *
 * <p>Layout (huggingface/safetensors, README "Format"): an unsigned 64-bit little-endian header
 * length N; N bytes of UTF-8 JSON, an object mapping each tensor name to
 * {@code {"dtype", "shape", "data_offsets": [begin, end]}} plus an optional {@code "__metadata__"}
 * object of strings; then the data section, row-major little-endian tensors, offsets relative to
 * its start. Validation follows the reference implementation: the byte ranges must tile the data
 * section exactly (no overlap, no hole, nothing after), and each range must hold exactly
 * {@code product(shape) × dtype size} bytes. Unknown fields in a tensor's entry and duplicate keys
 * are refused, so a typo cannot silently drop a tensor.
 */
public final class SafetensorsFile implements AutoCloseable {
    /** The reference implementation's limit on the header (100 MB): a longer one is refused as corrupt. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> ENTRY_FIELDS = Set.of("dtype", "shape", "data_offsets");

    private final Path file;
    private final Map<String, SafetensorsEntry> entries;
    private final Map<String, String> metadata;
    private final Arena arena;
    private final MemorySegment data;

    private SafetensorsFile(Path file, Map<String, SafetensorsEntry> entries, Map<String, String> metadata,
                            Arena arena, MemorySegment data) {
        this.file = file;
        this.entries = entries;
        this.metadata = metadata;
        this.arena = arena;
        this.data = data;
    }

    /** Opens, validates and maps {@code file}; every format error is a {@link SafetensorsFormatException}. */
    public static SafetensorsFile open(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < Long.BYTES) {
                throw new SafetensorsFormatException(file, "file of " + size
                        + " bytes is shorter than the 8-byte little-endian header length");
            }
            ByteBuffer prefix = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, prefix, 0);
            long headerLength = prefix.getLong(0);
            long available = size - Long.BYTES;
            if (headerLength < 0 || headerLength > available) {
                throw new SafetensorsFormatException(file, "header length " + Long.toUnsignedString(headerLength)
                        + " reaches beyond the file (" + available + " bytes follow the length)");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new SafetensorsFormatException(file, "header length " + headerLength
                        + " exceeds the format's limit of " + MAX_HEADER_BYTES + " bytes");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, Long.BYTES);
            Header header = parseHeader(file, decodeUtf8(file, headerBytes.flip()), available - headerLength);
            Arena arena = Arena.ofShared();
            try {
                long dataStart = Long.BYTES + headerLength;
                MemorySegment data = size == dataStart
                        ? MemorySegment.NULL
                        : channel.map(FileChannel.MapMode.READ_ONLY, dataStart, size - dataStart, arena);
                return new SafetensorsFile(file, header.entries, header.metadata, arena, data);
            } catch (IOException | RuntimeException e) {
                arena.close();
                throw e;
            }
        }
    }

    /** Reads every tensor of {@code file} (header order by offset) and closes it. */
    public static Map<String, HostTensor> readAll(Path file) throws IOException {
        try (SafetensorsFile f = open(file)) {
            Map<String, HostTensor> out = new LinkedHashMap<>();
            for (String name : f.names()) {
                out.put(name, f.read(name));
            }
            return out;
        }
    }

    public Path path() {
        return file;
    }

    /** Tensor names in the order of their data (ascending offsets). */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** The header entry of {@code name}; fails naming the file and the tensors present when absent. */
    public SafetensorsEntry entry(String name) throws SafetensorsFormatException {
        SafetensorsEntry e = entries.get(name);
        if (e == null) {
            throw new SafetensorsFormatException(file, name, "not in the file (it holds " + entries.keySet() + ")");
        }
        return e;
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The {@code __metadata__} strings, empty when the header has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Copies tensor {@code name} to the heap: float types as {@link DType#F32} (F16 and BF16
     * widened exactly, F64 rounded to nearest), integer types as {@link DType#I32} (I64 and U32
     * values outside the int range are refused).
     */
    public HostTensor read(String name) throws SafetensorsFormatException {
        SafetensorsEntry e = entry(name);
        Shape shape = toShape(e);
        int n = shape.intSize();
        long at = e.begin();
        if (e.dtype().readableAsF32()) {
            float[] out = new float[n];
            switch (e.dtype()) {
                case F32 -> MemorySegment.copy(data, LE_F32, at, out, 0, n);
                case F64 -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = (float) data.get(LE_F64, at + 8L * i);
                    }
                }
                case F16 -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = Float.float16ToFloat(data.get(LE_I16, at + 2L * i));
                    }
                }
                case BF16 -> {
                    // BF16 is the upper half of an IEEE binary32: widening is a 16-bit shift, exact.
                    for (int i = 0; i < n; i++) {
                        out[i] = Float.intBitsToFloat((data.get(LE_I16, at + 2L * i) & 0xFFFF) << 16);
                    }
                }
                default -> throw new IllegalStateException("unreachable: " + e.dtype());
            }
            return HostTensor.of(shape, out);
        }
        if (e.dtype().readableAsI32()) {
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                long v = switch (e.dtype()) {
                    case I32 -> data.get(LE_I32, at + 4L * i);
                    case U32 -> data.get(LE_I32, at + 4L * i) & 0xFFFF_FFFFL;
                    case I64 -> data.get(LE_I64, at + 8L * i);
                    case I16 -> data.get(LE_I16, at + 2L * i);
                    case U16 -> data.get(LE_I16, at + 2L * i) & 0xFFFF;
                    case I8 -> data.get(ValueLayout.JAVA_BYTE, at + i);
                    case U8, BOOL -> data.get(ValueLayout.JAVA_BYTE, at + i) & 0xFF;
                    default -> throw new IllegalStateException("unreachable: " + e.dtype());
                };
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new SafetensorsFormatException(file, name, e.dtype() + " element " + i + " = " + v
                            + " does not fit in I32");
                }
                out[i] = (int) v;
            }
            return HostTensor.ofInts(shape, out);
        }
        throw new SafetensorsFormatException(file, name, "dtype " + e.dtype()
                + " cannot be read; expected F32, F16, BF16, F64 or an integer type");
    }

    /** Unmaps the data section; tensors already read stay valid. */
    @Override
    public void close() {
        arena.close();
    }

    // ---- header ---------------------------------------------------------------------------------

    private static final ValueLayout.OfFloat LE_F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble LE_F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE_I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private record Header(Map<String, SafetensorsEntry> entries, Map<String, String> metadata) {}

    private static String decodeUtf8(Path file, ByteBuffer bytes) throws SafetensorsFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsFormatException(file, "header is not valid UTF-8 (" + e.getMessage() + ")");
        }
    }

    static Header parseHeader(Path file, String text, long dataBytes) throws SafetensorsFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SafetensorsFormatException(file, "header is not valid JSON: " + e.getOriginalMessage()
                    .lines().findFirst().orElse("") + " at offset " + e.getLocation().getCharOffset());
        }
        if (root == null || !root.isObject()) {
            throw new SafetensorsFormatException(file, "header must be a JSON object, got "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        Map<String, String> metadata = Map.of();
        List<SafetensorsEntry> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("__metadata__")) {
                metadata = parseMetadata(file, field.getValue());
            } else {
                list.add(parseEntry(file, field.getKey(), field.getValue()));
            }
        }
        list.sort(Comparator.comparingLong(SafetensorsEntry::begin).thenComparingLong(SafetensorsEntry::end));
        long expected = 0;
        String previous = null;
        Map<String, SafetensorsEntry> entries = new LinkedHashMap<>();
        for (SafetensorsEntry e : list) {
            if (e.begin() < expected) {
                throw new SafetensorsFormatException(file, e.name(), "data_offsets [" + e.begin() + ", " + e.end()
                        + "] overlap tensor '" + previous + "' (which ends at " + expected + ")");
            }
            if (e.begin() > expected) {
                throw new SafetensorsFormatException(file, e.name(), "data_offsets begin at " + e.begin()
                        + " but the previous tensor" + (previous == null ? "s end" : " '" + previous + "' ends")
                        + " at " + expected + "; expected contiguous ranges");
            }
            expected = e.end();
            previous = e.name();
            entries.put(e.name(), e);
        }
        if (expected != dataBytes) {
            throw new SafetensorsFormatException(file, "the data section holds " + dataBytes
                    + " bytes but the tensors' data_offsets cover " + expected);
        }
        return new Header(Collections.unmodifiableMap(entries), metadata);
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) throws SafetensorsFormatException {
        if (!node.isObject()) {
            throw new SafetensorsFormatException(file, "__metadata__ must be an object of strings, got " + node.getNodeType());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isTextual()) {
                throw new SafetensorsFormatException(file, "__metadata__ '" + f.getKey()
                        + "' must be a string, got " + f.getValue().getNodeType());
            }
            out.put(f.getKey(), f.getValue().textValue());
        }
        return Collections.unmodifiableMap(out);
    }

    private static SafetensorsEntry parseEntry(Path file, String name, JsonNode node) throws SafetensorsFormatException {
        if (!node.isObject()) {
            throw new SafetensorsFormatException(file, name, "expected an object with dtype, shape, data_offsets, got "
                    + node.getNodeType());
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ENTRY_FIELDS.contains(f)) {
                throw new SafetensorsFormatException(file, name, "unknown field '" + f
                        + "'; expected only dtype, shape, data_offsets");
            }
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new SafetensorsFormatException(file, name, "dtype must be a string, got " + dtypeNode);
        }
        SafetensorsDType dtype = SafetensorsDType.parse(dtypeNode.textValue());
        if (dtype == null) {
            throw new SafetensorsFormatException(file, name, "unknown dtype '" + dtypeNode.textValue()
                    + "'; expected one of " + SafetensorsDType.known());
        }
        List<Long> shape = naturals(file, name, "shape", node.get("shape"), -1);
        List<Long> offsets = naturals(file, name, "data_offsets", node.get("data_offsets"), 2);
        long begin = offsets.get(0);
        long end = offsets.get(1);
        if (begin > end) {
            throw new SafetensorsFormatException(file, name, "data_offsets [" + begin + ", " + end
                    + "] are not ascending (begin must be <= end)");
        }
        long bytes;
        try {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            bytes = Math.multiplyExact(n, dtype.bytes());
        } catch (ArithmeticException e) {
            throw new SafetensorsFormatException(file, name, "shape " + shape + " overflows 64 bits of bytes");
        }
        if (bytes != end - begin) {
            throw new SafetensorsFormatException(file, name, "shape " + shape + " of " + dtype + " needs " + bytes
                    + " bytes but data_offsets [" + begin + ", " + end + "] hold " + (end - begin));
        }
        return new SafetensorsEntry(name, dtype, shape, begin, end);
    }

    /** A JSON array of non-negative integers (of length {@code length} unless it is −1). */
    private static List<Long> naturals(Path file, String name, String field, JsonNode node, int length)
            throws SafetensorsFormatException {
        String expected = length < 0 ? "an array of non-negative integers"
                : "an array of " + length + " non-negative integers";
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw new SafetensorsFormatException(file, name, field + " must be " + expected + ", got " + node);
        }
        List<Long> out = new ArrayList<>(node.size());
        for (JsonNode v : node) {
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new SafetensorsFormatException(file, name, field + " must be " + expected + ", got " + node);
            }
            out.add(v.longValue());
        }
        return out;
    }

    private Shape toShape(SafetensorsEntry e) throws SafetensorsFormatException {
        int[] dims = new int[e.shape().size()];
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            long d = e.shape().get(i);
            n *= d;
            if (d > Integer.MAX_VALUE || n > Integer.MAX_VALUE - 16) {
                throw new SafetensorsFormatException(file, e.name(), "shape " + e.shape()
                        + " is larger than a Java array holds");
            }
            dims[i] = (int) d;
        }
        return Shape.of(dims);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int r = channel.read(buffer, at);
            if (r < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += r;
        }
    }
}
