package io.recurbench.engine.ir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Graph} as {@code recurbench-graph} JSON, version {@value #VERSION} (specified in
 * {@code docs/graph-format.md}); {@link GraphJsonReader} reads it back. The TVM compile bridge
 * consumes this format, and {@link #contentHash} keys its cache of compiled libraries.
 *
 * <p>Output is canonical: no whitespace, keys in a fixed order, numbers in Java's shortest
 * round-trip form, constants as base64 of little-endian bytes. The same graph therefore always
 * gives the same bytes, which is what makes the content hash stable.
 */
public final class GraphJson {

    /** Value of the top-level {@code format} field. */
    public static final String FORMAT = "recurbench-graph";

    /** Version of the format written; the reader accepts exactly this version. */
    public static final int VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactory();

    private GraphJson() {}

    /** The graph as canonical JSON, with each node's trace site (useful for reading, not hashed). */
    public static String write(Graph graph) {
        return write(graph, true);
    }

    /**
     * The graph as canonical JSON; without sites when {@code withSites} is false, so that the same
     * computation traced from different source lines gives the same text.
     */
    public static String write(Graph graph, boolean withSites) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeGraph(g, graph, withSites);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * SHA-256 (lower-case hex) of the graph's canonical JSON without sites: equal for graphs that
     * compute the same thing from the same declared parameters, different otherwise.
     */
    public static String contentHash(Graph graph) {
        return sha256Hex(write(graph, false).getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of {@code bytes} as lower-case hex. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }

    /** Writes {@link #write(Graph, boolean)} to {@code file} through a temporary file and an atomic rename. */
    public static void writeFile(Graph graph, boolean withSites, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, write(graph, withSites), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeGraph(JsonGenerator g, Graph graph, boolean withSites) throws IOException {
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeNumberField("version", VERSION);
        g.writeArrayFieldStart("parameters");
        for (ParameterSpec p : graph.parameters()) {
            g.writeStartObject();
            g.writeStringField("name", p.name());
            writeShape(g, p.shape());
            g.writeFieldName("initializer");
            writeInitializer(g, p.initializer());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("nodes");
        for (Node n : graph.nodes()) {
            writeNode(g, n, withSites);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("outputs");
        for (Map.Entry<String, Integer> e : graph.outputs().entrySet()) {
            g.writeStartObject();
            g.writeStringField("name", e.getKey());
            g.writeNumberField("node", e.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeInitializer(JsonGenerator g, Initializer init) throws IOException {
        g.writeStartObject();
        switch (init) {
            case Initializer.TruncatedNormal t -> {
                g.writeStringField("kind", "truncated_normal");
                writeDoubleField(g, "std", t.std());
            }
            case Initializer.Constant c -> {
                g.writeStringField("kind", "constant");
                writeDoubleField(g, "value", c.value());
            }
            case Initializer.Uniform u -> {
                g.writeStringField("kind", "uniform");
                writeDoubleField(g, "low", u.low());
                writeDoubleField(g, "high", u.high());
            }
            case Initializer.LogUniform u -> {
                g.writeStringField("kind", "log_uniform");
                writeDoubleField(g, "low", u.low());
                writeDoubleField(g, "high", u.high());
            }
            case Initializer.InverseSoftplusLogUniform u -> {
                g.writeStringField("kind", "inverse_softplus_log_uniform");
                writeDoubleField(g, "min", u.min());
                writeDoubleField(g, "max", u.max());
                writeDoubleField(g, "floor", u.floor());
            }
        }
        g.writeEndObject();
    }

    private static void writeNode(JsonGenerator g, Node n, boolean withSites) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", n.id());
        g.writeStringField("op", opName(n.op()));
        g.writeFieldName("attrs");
        g.writeStartObject();
        writeAttrs(g, n.op());
        g.writeEndObject();
        g.writeFieldName("inputs");
        g.writeArray(n.inputs(), 0, n.inputs().length);
        writeShape(g, n.shape());
        g.writeStringField("dtype", dtypeName(n.dtype()));
        if (withSites && n.site() != null) {
            g.writeStringField("site", n.site());
        }
        g.writeEndObject();
    }

    /** The format's name for an op kind (snake case of the record's name). */
    public static String opName(Op op) {
        return switch (op) {
            case Op.Input x -> "input";
            case Op.Parameter x -> "parameter";
            case Op.Fill x -> "fill";
            case Op.ConstantF32 x -> "constant_f32";
            case Op.ConstantI32 x -> "constant_i32";
            case Op.Iota x -> "iota";
            case Op.Unary x -> "unary";
            case Op.Binary x -> "binary";
            case Op.Compare x -> "compare";
            case Op.Cast x -> "cast";
            case Op.Where x -> "where";
            case Op.MatMul x -> "matmul";
            case Op.Reduce x -> "reduce";
            case Op.Cumsum x -> "cumsum";
            case Op.Reshape x -> "reshape";
            case Op.Permute x -> "permute";
            case Op.BroadcastTo x -> "broadcast_to";
            case Op.Slice x -> "slice";
            case Op.Pad x -> "pad";
            case Op.Concat x -> "concat";
            case Op.Take x -> "take";
            case Op.ScatterAdd x -> "scatter_add";
            case Op.StopGradient x -> "stop_gradient";
        };
    }

    private static void writeAttrs(JsonGenerator g, Op op) throws IOException {
        switch (op) {
            case Op.Input in -> g.writeStringField("name", in.name());
            case Op.Parameter p -> g.writeStringField("name", p.name());
            case Op.Fill f -> writeDoubleField(g, "value", f.value());
            case Op.ConstantF32 c -> {
                ByteBuffer b = ByteBuffer.allocate(4 * c.data().length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(c.data());
                g.writeStringField("data_b64", Base64.getEncoder().encodeToString(b.array()));
            }
            case Op.ConstantI32 c -> {
                ByteBuffer b = ByteBuffer.allocate(4 * c.data().length).order(ByteOrder.LITTLE_ENDIAN);
                b.asIntBuffer().put(c.data());
                g.writeStringField("data_b64", Base64.getEncoder().encodeToString(b.array()));
            }
            case Op.Iota i -> g.writeNumberField("axis", i.axis());
            case Op.Unary u -> g.writeStringField("fn", lower(u.kind()));
            case Op.Binary b -> g.writeStringField("fn", lower(b.kind()));
            case Op.Compare c -> g.writeStringField("fn", lower(c.kind()));
            case Op.Cast c -> { }
            case Op.Where w -> { }
            case Op.MatMul m -> {
                g.writeBooleanField("transpose_a", m.transposeA());
                g.writeBooleanField("transpose_b", m.transposeB());
            }
            case Op.Reduce r -> {
                g.writeStringField("fn", lower(r.kind()));
                g.writeFieldName("axes");
                g.writeArray(r.axes(), 0, r.axes().length);
                g.writeBooleanField("keep_dims", r.keepDims());
            }
            case Op.Cumsum c -> {
                g.writeNumberField("axis", c.axis());
                g.writeBooleanField("reverse", c.reverse());
            }
            case Op.Reshape r -> { }
            case Op.Permute p -> {
                g.writeFieldName("perm");
                g.writeArray(p.perm(), 0, p.perm().length);
            }
            case Op.BroadcastTo b -> { }
            case Op.Slice s -> {
                g.writeNumberField("axis", s.axis());
                g.writeNumberField("start", s.start());
                g.writeNumberField("end", s.end());
            }
            case Op.Pad p -> {
                g.writeNumberField("axis", p.axis());
                g.writeNumberField("before", p.before());
                g.writeNumberField("after", p.after());
            }
            case Op.Concat c -> g.writeNumberField("axis", c.axis());
            case Op.Take t -> { }
            case Op.ScatterAdd s -> g.writeNumberField("rows", s.rows());
            case Op.StopGradient s -> { }
        }
    }

    /**
     * JSON has no literal for infinities or NaN, which {@code fill} needs (masking with −∞), so
     * non-finite doubles are written as the strings {@code "inf"}, {@code "-inf"}, {@code "nan"}.
     */
    private static void writeDoubleField(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeStringField(name, "nan");
        } else if (Double.isInfinite(v)) {
            g.writeStringField(name, v > 0 ? "inf" : "-inf");
        } else {
            g.writeNumberField(name, v);
        }
    }

    private static void writeShape(JsonGenerator g, Shape shape) throws IOException {
        g.writeFieldName("shape");
        int[] dims = shape.dims();
        g.writeArray(dims, 0, dims.length);
    }

    static String dtypeName(DType dtype) {
        return switch (dtype) {
            case F32 -> "f32";
            case I32 -> "i32";
        };
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
