package io.recurbench.scaffold;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training checkpoint: named float, int and long arrays (parameters, optimizer state, EMA,
 * puzzle table, ACT carry, step, RNG state, data position), stored in one binary file:
 * <pre>
 *   "RBTRMCK1"  magic (8 bytes)
 *   int count, then per entry: byte kind (F=float, I=int, L=long), UTF name, int length, values (big-endian)
 * </pre>
 * {@link #write} writes a temporary file in the same directory and renames it over the target
 * atomically, so a reader (or a crash) never sees half a checkpoint.
 */
public final class Checkpoint {
    private static final byte[] MAGIC = "RBTRMCK1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Map<String, float[]> floats;
    private final Map<String, int[]> ints;
    private final Map<String, long[]> longs;

    private Checkpoint(Map<String, float[]> floats, Map<String, int[]> ints, Map<String, long[]> longs) {
        this.floats = Collections.unmodifiableMap(floats);
        this.ints = Collections.unmodifiableMap(ints);
        this.longs = Collections.unmodifiableMap(longs);
    }

    /** Collects entries; arrays are stored by reference until {@link #build}. */
    public static final class Builder {
        private final Map<String, float[]> floats = new LinkedHashMap<>();
        private final Map<String, int[]> ints = new LinkedHashMap<>();
        private final Map<String, long[]> longs = new LinkedHashMap<>();

        public Builder floats(String name, float[] values) {
            floats.put(name, values);
            return this;
        }

        public Builder ints(String name, int[] values) {
            ints.put(name, values);
            return this;
        }

        public Builder longs(String name, long... values) {
            longs.put(name, values);
            return this;
        }

        public Checkpoint build() {
            return new Checkpoint(new LinkedHashMap<>(floats), new LinkedHashMap<>(ints), new LinkedHashMap<>(longs));
        }
    }

    public Map<String, float[]> floatEntries() {
        return floats;
    }

    public float[] floats(String name) {
        return require(floats, name, "float");
    }

    public int[] ints(String name) {
        return require(ints, name, "int");
    }

    public long[] longs(String name) {
        return require(longs, name, "long");
    }

    public boolean hasFloats(String name) {
        return floats.containsKey(name);
    }

    private static <T> T require(Map<String, T> map, String name, String kind) {
        T v = map.get(name);
        if (v == null) {
            throw new IllegalArgumentException("checkpoint has no " + kind + " entry '" + name + "'");
        }
        return v;
    }

    /** Writes to {@code file} atomically (temporary file in the same directory, then rename). */
    public void write(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.write(MAGIC);
                out.writeInt(floats.size() + ints.size() + longs.size());
                for (var e : floats.entrySet()) {
                    header(out, 'F', e.getKey(), e.getValue().length);
                    for (float v : e.getValue()) {
                        out.writeInt(Float.floatToRawIntBits(v));
                    }
                }
                for (var e : ints.entrySet()) {
                    header(out, 'I', e.getKey(), e.getValue().length);
                    for (int v : e.getValue()) {
                        out.writeInt(v);
                    }
                }
                for (var e : longs.entrySet()) {
                    header(out, 'L', e.getKey(), e.getValue().length);
                    for (long v : e.getValue()) {
                        out.writeLong(v);
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static void header(DataOutputStream out, char kind, String name, int length) throws IOException {
        out.writeByte(kind);
        out.writeUTF(name);
        out.writeInt(length);
    }

    /** Reads a checkpoint written by {@link #write}; a damaged file fails naming the file and what is wrong. */
    public static Checkpoint read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("checkpoint " + file + ": not a RecurBench TRM checkpoint (expected magic RBTRMCK1)");
            }
            Builder b = new Builder();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                char kind = (char) in.readByte();
                String name = in.readUTF();
                int n = in.readInt();
                switch (kind) {
                    case 'F' -> {
                        float[] v = new float[n];
                        for (int k = 0; k < n; k++) {
                            v[k] = Float.intBitsToFloat(in.readInt());
                        }
                        b.floats(name, v);
                    }
                    case 'I' -> {
                        int[] v = new int[n];
                        for (int k = 0; k < n; k++) {
                            v[k] = in.readInt();
                        }
                        b.ints(name, v);
                    }
                    case 'L' -> {
                        long[] v = new long[n];
                        for (int k = 0; k < n; k++) {
                            v[k] = in.readLong();
                        }
                        b.longs(name, v);
                    }
                    default -> throw new IllegalArgumentException("checkpoint " + file + ": entry '" + name
                            + "' has unknown kind '" + kind + "' (expected F, I or L)");
                }
            }
            return b.build();
        } catch (EOFException e) {
            throw new IllegalArgumentException("checkpoint " + file + ": truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
