package io.recurbench.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safetensors reader and writer against byte layouts written out by hand: the oracle is the
 * format's definition (8-byte little-endian length, JSON header, little-endian data), not our own
 * writer.
 */
class SafetensorsTest {
    @TempDir
    Path dir;

    /** 8-byte little-endian length, then the header as UTF-8, then the data bytes. */
    private Path file(String name, String header, int... data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return file(name, h, data);
    }

    private Path file(String name, byte[] header, int... data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = header.length;
        for (int i = 0; i < 8; i++) {
            out.write((int) (n >>> (8 * i)) & 0xFF);
        }
        out.write(header, 0, header.length);
        for (int b : data) {
            out.write(b);
        }
        Path p = dir.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }

    @Test
    void readsAHandWrittenFileOfEveryConvertedType() throws IOException {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[8,12]},"
                + "\"c\":{\"dtype\":\"F16\",\"shape\":[1,3],\"data_offsets\":[12,18]},"
                + "\"d\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[18,34]},"
                + "\"e\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[34,38]},"
                + "\"f\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[38,46]}}";
        Path p = file("fixture.safetensors", header,
                0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0,             // F32 1.0, -2.5
                0x80, 0x3F, 0x00, 0xBF,                                     // BF16 1.0, -0.5
                0x00, 0x3C, 0x00, 0x38, 0x00, 0xC0,                         // F16 1.0, 0.5, -2.0
                0x07, 0, 0, 0, 0, 0, 0, 0, 0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, // I64 7, -3
                0x02, 0x01, 0x00, 0x00,                                     // I32 258
                0, 0, 0, 0, 0, 0, 0xF8, 0x3F);                              // F64 1.5
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThat(f.metadata()).containsExactly(Map.entry("format", "pt"));
            assertThat(f.names()).containsExactly("a", "b", "c", "d", "e", "f");
            assertThat(f.entry("c").shape()).containsExactly(1L, 3L);
            assertThat(f.entry("c").dtype()).isEqualTo(SafetensorsDType.F16);
            assertThat(f.read("a").f32()).containsExactly(1.0f, -2.5f);
            assertThat(f.read("b").f32()).containsExactly(1.0f, -0.5f);
            HostTensor c = f.read("c");
            assertThat(c.shape()).isEqualTo(Shape.of(1, 3));
            assertThat(c.f32()).containsExactly(1.0f, 0.5f, -2.0f);
            HostTensor d = f.read("d");
            assertThat(d.dtype()).isEqualTo(DType.I32);
            assertThat(d.i32()).containsExactly(7, -3);
            HostTensor e = f.read("e");
            assertThat(e.shape()).isEqualTo(Shape.scalar());
            assertThat(e.i32()).containsExactly(258);
            assertThat(f.read("f").f32()).containsExactly(1.5f);
        }
    }

    @Test
    void halfPrecisionEdgeValuesWidenExactly() throws IOException {
        Path p = file("half.safetensors", "{\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]}}",
                0x01, 0x00, 0x00, 0x7C, 0x00, 0xFC, 0xFF, 0x7B); // 2^-24 (subnormal), +inf, -inf, 65504 (max)
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThat(f.read("h").f32()).containsExactly((float) Math.pow(2, -24), Float.POSITIVE_INFINITY,
                    Float.NEGATIVE_INFINITY, 65504f);
        }
    }

    @Test
    void writerProducesTheFormatsLayoutByteForByte() throws IOException {
        Path p = dir.resolve("w.safetensors");
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("z", HostTensor.ofInts(Shape.of(1), -2));
        tensors.put("a", HostTensor.of(Shape.of(2), 1.0f, -2.5f));
        SafetensorsWriter.write(p, tensors, Map.of("k", "v"));
        String json = "{\"__metadata__\":{\"k\":\"v\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"z\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        // 133 bytes of JSON, padded with 3 spaces to 136 = 0x88 so the data starts 8-byte aligned.
        assertThat(json).hasSize(133);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {(byte) 0x88, 0, 0, 0, 0, 0, 0, 0});
        expected.writeBytes((json + "   ").getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0x20, (byte) 0xC0, (byte) 0xFE, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF});
        assertThat(Files.readAllBytes(p)).isEqualTo(expected.toByteArray());
    }

    @Test
    void roundTripIsBitwiseAndIndependentOfInsertionOrder() throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        float[] big = new float[150_000]; // spans several write chunks
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) rng.nextGaussian();
        }
        big[3] = Float.intBitsToFloat(0x7FC0_1234); // a NaN with a payload survives
        big[4] = -0.0f;
        int[] ints = rng.ints(12, Integer.MIN_VALUE, Integer.MAX_VALUE).toArray();
        Map<String, HostTensor> forward = new LinkedHashMap<>();
        forward.put("inner.big", HostTensor.of(Shape.of(3, 50_000), big));
        forward.put("ids", HostTensor.ofInts(Shape.of(3, 4), ints));
        forward.put("scalar", HostTensor.of(Shape.scalar(), 0.25f));
        forward.put("empty", HostTensor.of(Shape.of(0, 5)));
        Map<String, HostTensor> backward = new LinkedHashMap<>();
        List.of("empty", "scalar", "ids", "inner.big").forEach(k -> backward.put(k, forward.get(k)));

        Path p1 = dir.resolve("one.safetensors");
        Path p2 = dir.resolve("two.safetensors");
        SafetensorsWriter.write(p1, forward, Map.of("b", "2", "a", "1"));
        SafetensorsWriter.write(p2, backward, new LinkedHashMap<>(Map.of("a", "1", "b", "2")));
        assertThat(Files.readAllBytes(p1)).isEqualTo(Files.readAllBytes(p2));

        try (SafetensorsFile f = SafetensorsFile.open(p1)) {
            assertThat(f.metadata()).isEqualTo(Map.of("a", "1", "b", "2"));
            assertThat(f.names()).containsExactly("empty", "ids", "inner.big", "scalar");
            for (Map.Entry<String, HostTensor> e : forward.entrySet()) {
                HostTensor got = f.read(e.getKey());
                HostTensor want = e.getValue();
                assertThat(got.shape()).isEqualTo(want.shape());
                assertThat(got.dtype()).isEqualTo(want.dtype());
                if (want.dtype() == DType.F32) {
                    for (int i = 0; i < want.f32().length; i++) {
                        assertThat(Float.floatToRawIntBits(got.f32()[i])).as("%s[%d]", e.getKey(), i)
                                .isEqualTo(Float.floatToRawIntBits(want.f32()[i]));
                    }
                } else {
                    assertThat(got.i32()).isEqualTo(want.i32());
                }
            }
        }
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path p = dir.resolve("keep.safetensors");
        SafetensorsWriter.write(p, Map.of("x", HostTensor.of(Shape.of(1), 3f)), Map.of());
        byte[] before = Files.readAllBytes(p);
        assertThatThrownBy(() -> SafetensorsWriter.write(p, Map.of("__metadata__", HostTensor.of(Shape.of(1), 1f)),
                Map.of())).hasMessageContaining("reserved");
        assertThat(Files.readAllBytes(p)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("keep.safetensors");
        }
    }

    // ---- errors: each a single line naming the file, the tensor, and what was expected -----------

    private void assertRejected(Path p, String... fragments) {
        assertThatThrownBy(() -> {
            try (SafetensorsFile f = SafetensorsFile.open(p)) {
                for (String n : f.names()) {
                    f.read(n);
                }
            }
        }).isInstanceOf(SafetensorsFormatException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").startsWith(p.toString() + ": "))
                .hasMessageContainingAll(fragments);
    }

    @Test
    void fileShorterThanTheLengthPrefix() throws IOException {
        Path p = dir.resolve("short.safetensors");
        Files.write(p, new byte[] {1, 2, 3});
        assertRejected(p, "3 bytes", "8-byte");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        Path p = dir.resolve("long.safetensors");
        Files.write(p, new byte[] {(byte) 0xE8, 0x03, 0, 0, 0, 0, 0, 0, '{', '}'}); // claims 1000 bytes, 2 follow
        assertRejected(p, "header length 1000 reaches beyond the file", "2 bytes follow");
        Path huge = dir.resolve("huge.safetensors");
        Files.write(huge, new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) 0x80, '{', '}'}); // 2^63 as unsigned
        assertRejected(huge, "header length 9223372036854775808 reaches beyond the file");
    }

    @Test
    void headerNotUtf8() throws IOException {
        assertRejected(file("latin.safetensors", new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'}),
                "not valid UTF-8");
    }

    @Test
    void headerNotJson() throws IOException {
        assertRejected(file("json.safetensors", "{\"a\":{\"dtype\":\"F32\","), "not valid JSON");
        assertRejected(file("trailing.safetensors", "{} {}"), "not valid JSON");
        assertRejected(file("empty.safetensors", ""), "header must be a JSON object");
        assertRejected(file("array.safetensors", "[1,2]"), "header must be a JSON object", "ARRAY");
        assertRejected(file("dup.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}"), "not valid JSON", "Duplicate field 'a'");
    }

    @Test
    void unknownDtype() throws IOException {
        assertRejected(file("dtype.safetensors", "{\"w\":{\"dtype\":\"F31\",\"shape\":[1],\"data_offsets\":[0,4]}}", 0, 0, 0, 0),
                "tensor 'w'", "unknown dtype 'F31'", "F32", "BF16");
    }

    @Test
    void shapeTimesDtypeSizeDiffersFromTheByteRange() throws IOException {
        assertRejected(file("size.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}",
                        new int[12]),
                "tensor 'w'", "shape [2, 2] of F32 needs 16 bytes but data_offsets [0, 12] hold 12");
    }

    @Test
    void overlappingOffsets() throws IOException {
        assertRejected(file("overlap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new int[8]),
                "tensor 'b'", "overlap tensor 'a'", "ends at 8");
    }

    @Test
    void gapBetweenTensorsAndTrailingBytes() throws IOException {
        assertRejected(file("gap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new int[8]),
                "tensor 'a'", "begin at 4", "expected contiguous");
        assertRejected(file("trail.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new int[6]),
                "data section holds 6 bytes but the tensors' data_offsets cover 4");
    }

    @Test
    void descendingOrMalformedOffsets() throws IOException {
        assertRejected(file("desc.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", new int[8]),
                "tensor 'a'", "[8, 4] are not ascending");
        assertRejected(file("neg.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new int[4]),
                "tensor 'a'", "shape must be an array of non-negative integers, got [-1]");
        assertRejected(file("three.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,4]}}", new int[4]),
                "tensor 'a'", "data_offsets must be an array of 2 non-negative integers");
        assertRejected(file("field.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offset\":[0,4]}}", new int[4]),
                "tensor 'a'", "unknown field 'data_offset'");
    }

    @Test
    void metadataMustBeStrings() throws IOException {
        assertRejected(file("meta.safetensors", "{\"__metadata__\":{\"step\":3}}"), "__metadata__ 'step' must be a string");
    }

    @Test
    void readRefusesValuesItCannotRepresent() throws IOException {
        assertRejected(file("i64.safetensors", "{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}",
                0, 0, 0, 0x80, 0, 0, 0, 0), "tensor 'ids'", "2147483648 does not fit in I32");
        assertRejected(file("f8.safetensors", "{\"q\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", 0),
                "tensor 'q'", "dtype F8_E4M3 cannot be read");
    }

    @Test
    void missingTensorNamesWhatIsThere() throws IOException {
        Path p = file("one.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 0, 0, 0, 0);
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThatThrownBy(() -> f.read("b")).hasMessage(p + ": tensor 'b': not in the file (it holds [a])");
        }
    }
}
