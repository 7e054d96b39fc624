package io.recurbench.engine.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recurbench.engine.backend.HostTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes host tensors as a safetensors file (layout in {@link SafetensorsFile}): F32 tensors as
 * {@code F32}, I32 tensors as {@code I32}, little-endian.
 *
 * <p>The output is a function of the arguments only: tensors are laid out in ascending name order
 * (header and data alike), {@code __metadata__} comes first with its keys sorted, and the header is
 * padded with spaces to a multiple of 8 bytes, as the reference writer does, so the data section
 * starts aligned. The file is written to a temporary sibling, forced to disk and renamed over the
 * target atomically: a reader never sees half a file.
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK_ELEMENTS = 1 << 16;

    private SafetensorsWriter() {}

    /** Writes {@code tensors} (names non-empty, not {@code __metadata__}) and {@code metadata} to {@code file}. */
    public static void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, HostTensor> sorted = new TreeMap<>(tensors);
        byte[] header = header(file, sorted, new TreeMap<>(metadata));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer prefix = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                prefix.putLong(header.length).flip();
                writeFully(out, prefix);
                writeFully(out, ByteBuffer.wrap(header));
                ByteBuffer chunk = ByteBuffer.allocate(CHUNK_ELEMENTS * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (HostTensor t : sorted.values()) {
                    writeData(out, t, chunk);
                }
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static byte[] header(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || name.equals("__metadata__")) {
                throw new IllegalArgumentException(file + ": tensor name '" + name
                        + "' is reserved or empty; expected a non-empty name other than __metadata__");
            }
            HostTensor t = e.getValue();
            long bytes = 4L * t.shape().size();
            ObjectNode entry = root.putObject(name);
            entry.put("dtype", switch (t.dtype()) {
                case F32 -> SafetensorsDType.F32.name();
                case I32 -> SafetensorsDType.I32.name();
            });
            ArrayNode shape = entry.putArray("shape");
            for (int d : t.shape().dims()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(root);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void writeData(FileChannel out, HostTensor t, ByteBuffer chunk) throws IOException {
        int n = t.shape().intSize();
        for (int from = 0; from < n; from += CHUNK_ELEMENTS) {
            int to = Math.min(n, from + CHUNK_ELEMENTS);
            chunk.clear();
            switch (t.dtype()) {
                case F32 -> chunk.asFloatBuffer().put(t.f32(), from, to - from);
                case I32 -> chunk.asIntBuffer().put(t.i32(), from, to - from);
            }
            chunk.limit(4 * (to - from));
            writeFully(out, chunk);
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
