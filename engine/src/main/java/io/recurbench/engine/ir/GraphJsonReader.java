package io.recurbench.engine.ir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Strict reader of {@code recurbench-graph} JSON (see {@link GraphJson}). Anything it does not
 * understand — an unknown key, a missing field, a wrong type, an operand that is not an earlier
 * node, a different format version — fails with a {@link GraphFormatException} whose one-line
 * message names the JSON path ({@code $.nodes[3].attrs.axis}) and what was expected.
 */
public final class GraphJsonReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GraphJsonReader() {}

    /** Thrown for malformed graph JSON; the message is one line naming the JSON path. */
    public static final class GraphFormatException extends IllegalArgumentException {
        public GraphFormatException(String message) {
            super(message);
        }
    }

    /** Reads a graph file; errors name the file and the JSON path. */
    public static Graph read(Path file) throws IOException {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (GraphFormatException e) {
            throw new GraphFormatException(file + ": " + e.getMessage());
        }
    }

    /** Reads a graph from JSON text. */
    public static Graph read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new GraphFormatException("$: not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new GraphFormatException("$: expected a JSON object");
        }
        Obj top = new Obj(root, "$");
        top.only("format", "version", "parameters", "nodes", "outputs");
        String format = top.string("format");
        if (!GraphJson.FORMAT.equals(format)) {
            throw new GraphFormatException("$.format: expected \"" + GraphJson.FORMAT + "\", got \"" + format + "\"");
        }
        int version = top.integer("version");
        if (version != GraphJson.VERSION) {
            throw new GraphFormatException("$.version: this reader understands version " + GraphJson.VERSION
                    + ", got " + version);
        }
        List<ParameterSpec> parameters = readParameters(top.array("parameters"), "$.parameters");
        List<Node> nodes = readNodes(top.array("nodes"), "$.nodes", parameters);
        Map<String, Integer> outputs = readOutputs(top.array("outputs"), "$.outputs", nodes.size());
        return new Graph(nodes, parameters, outputs);
    }

    private static List<ParameterSpec> readParameters(JsonNode array, String path) {
        List<ParameterSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String at = path + "[" + i + "]";
            Obj p = new Obj(array.get(i), at);
            p.only("name", "shape", "initializer");
            String name = p.string("name");
            if (!names.add(name)) {
                throw new GraphFormatException(at + ".name: parameter '" + name + "' is declared twice");
            }
            out.add(new ParameterSpec(name, p.shape("shape"), readInitializer(p.object("initializer"))));
        }
        return out;
    }

    private static Initializer readInitializer(Obj init) {
        String kind = init.string("kind");
        return switch (kind) {
            case "truncated_normal" -> {
                init.only("kind", "std");
                yield new Initializer.TruncatedNormal(init.real("std"));
            }
            case "constant" -> {
                init.only("kind", "value");
                yield new Initializer.Constant(init.real("value"));
            }
            case "uniform" -> {
                init.only("kind", "low", "high");
                yield new Initializer.Uniform(init.real("low"), init.real("high"));
            }
            case "log_uniform" -> {
                init.only("kind", "low", "high");
                try {
                    yield new Initializer.LogUniform(init.real("low"), init.real("high"));
                } catch (IllegalArgumentException e) {
                    throw new GraphFormatException(init.path + ": " + e.getMessage());
                }
            }
            case "inverse_softplus_log_uniform" -> {
                init.only("kind", "min", "max", "floor");
                try {
                    yield new Initializer.InverseSoftplusLogUniform(init.real("min"), init.real("max"), init.real("floor"));
                } catch (IllegalArgumentException e) {
                    throw new GraphFormatException(init.path + ": " + e.getMessage());
                }
            }
            default -> throw new GraphFormatException(init.path + ".kind: expected one of truncated_normal, "
                    + "constant, uniform, log_uniform, inverse_softplus_log_uniform, got \"" + kind + "\"");
        };
    }

    private static List<Node> readNodes(JsonNode array, String path, List<ParameterSpec> parameters) {
        Set<String> declared = new HashSet<>();
        parameters.forEach(p -> declared.add(p.name()));
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = path + "[" + i + "]";
            Obj n = new Obj(array.get(i), at);
            n.only("id", "op", "attrs", "inputs", "shape", "dtype", "site");
            int id = n.integer("id");
            if (id != i) {
                throw new GraphFormatException(at + ".id: expected " + i + " (nodes are numbered in order), got " + id);
            }
            String opName = n.string("op");
            int[] inputs = n.ints("inputs");
            for (int k = 0; k < inputs.length; k++) {
                if (inputs[k] < 0 || inputs[k] >= i) {
                    throw new GraphFormatException(at + ".inputs[" + k + "]: expected the id of an earlier node (0.."
                            + (i - 1) + "), got " + inputs[k]);
                }
            }
            Shape shape = n.shape("shape");
            DType dtype = n.dtype("dtype");
            Op op = readOp(opName, n.object("attrs"), at);
            checkArity(op, opName, inputs.length, at);
            checkOp(op, shape, dtype, declared, at);
            String site = n.has("site") ? n.string("site") : null;
            out.add(new Node(id, op, inputs, shape, dtype, site));
        }
        return out;
    }

    private static Op readOp(String name, Obj a, String at) {
        return switch (name) {
            case "input" -> {
                a.only("name");
                yield new Op.Input(a.string("name"));
            }
            case "parameter" -> {
                a.only("name");
                yield new Op.Parameter(a.string("name"));
            }
            case "fill" -> {
                a.only("value");
                yield new Op.Fill(a.real("value"));
            }
            case "constant_f32" -> {
                a.only("data_b64");
                ByteBuffer b = a.base64("data_b64");
                float[] data = new float[b.remaining() / 4];
                b.asFloatBuffer().get(data);
                yield new Op.ConstantF32(data);
            }
            case "constant_i32" -> {
                a.only("data_b64");
                ByteBuffer b = a.base64("data_b64");
                int[] data = new int[b.remaining() / 4];
                b.asIntBuffer().get(data);
                yield new Op.ConstantI32(data);
            }
            case "iota" -> {
                a.only("axis");
                yield new Op.Iota(a.integer("axis"));
            }
            case "unary" -> {
                a.only("fn");
                yield new Op.Unary(a.enumValue("fn", Op.UnaryKind.class));
            }
            case "binary" -> {
                a.only("fn");
                yield new Op.Binary(a.enumValue("fn", Op.BinaryKind.class));
            }
            case "compare" -> {
                a.only("fn");
                yield new Op.Compare(a.enumValue("fn", Op.CompareKind.class));
            }
            case "cast" -> {
                a.only();
                yield new Op.Cast();
            }
            case "where" -> {
                a.only();
                yield new Op.Where();
            }
            case "matmul" -> {
                a.only("transpose_a", "transpose_b");
                yield new Op.MatMul(a.bool("transpose_a"), a.bool("transpose_b"));
            }
            case "reduce" -> {
                a.only("fn", "axes", "keep_dims");
                yield new Op.Reduce(a.enumValue("fn", Op.ReduceKind.class), a.ints("axes"), a.bool("keep_dims"));
            }
            case "cumsum" -> {
                a.only("axis", "reverse");
                yield new Op.Cumsum(a.integer("axis"), a.bool("reverse"));
            }
            case "reshape" -> {
                a.only();
                yield new Op.Reshape();
            }
            case "permute" -> {
                a.only("perm");
                yield new Op.Permute(a.ints("perm"));
            }
            case "broadcast_to" -> {
                a.only();
                yield new Op.BroadcastTo();
            }
            case "slice" -> {
                a.only("axis", "start", "end");
                yield new Op.Slice(a.integer("axis"), a.integer("start"), a.integer("end"));
            }
            case "pad" -> {
                a.only("axis", "before", "after");
                yield new Op.Pad(a.integer("axis"), a.integer("before"), a.integer("after"));
            }
            case "concat" -> {
                a.only("axis");
                yield new Op.Concat(a.integer("axis"));
            }
            case "take" -> {
                a.only();
                yield new Op.Take();
            }
            case "scatter_add" -> {
                a.only("rows");
                yield new Op.ScatterAdd(a.integer("rows"));
            }
            case "stop_gradient" -> {
                a.only();
                yield new Op.StopGradient();
            }
            default -> throw new GraphFormatException(at + ".op: unknown primitive \"" + name + "\"");
        };
    }

    /** Operand counts per primitive; {@code concat} takes one or more. */
    private static void checkArity(Op op, String name, int count, String at) {
        int expected = switch (op) {
            case Op.Input x -> 0;
            case Op.Parameter x -> 0;
            case Op.Fill x -> 0;
            case Op.ConstantF32 x -> 0;
            case Op.ConstantI32 x -> 0;
            case Op.Iota x -> 0;
            case Op.Unary x -> 1;
            case Op.Binary x -> 2;
            case Op.Compare x -> 2;
            case Op.Cast x -> 1;
            case Op.Where x -> 3;
            case Op.MatMul x -> 2;
            case Op.Reduce x -> 1;
            case Op.Cumsum x -> 1;
            case Op.Reshape x -> 1;
            case Op.Permute x -> 1;
            case Op.BroadcastTo x -> 1;
            case Op.Slice x -> 1;
            case Op.Pad x -> 1;
            case Op.Concat x -> -1;
            case Op.Take x -> 2;
            case Op.ScatterAdd x -> 2;
            case Op.StopGradient x -> 1;
        };
        if (expected < 0 ? count < 1 : count != expected) {
            throw new GraphFormatException(at + ".inputs: " + name + " takes "
                    + (expected < 0 ? "at least 1 operand" : expected + " operand(s)") + ", got " + count);
        }
    }

    /** Checks that need the node's own shape and dtype (operand shapes are the tracer's business). */
    private static void checkOp(Op op, Shape shape, DType dtype, Set<String> declared, String at) {
        switch (op) {
            case Op.Parameter p when !declared.contains(p.name()) -> throw new GraphFormatException(at
                    + ".attrs.name: parameter '" + p.name() + "' is not in $.parameters");
            case Op.ConstantF32 c when c.data().length != shape.size() || dtype != DType.F32 ->
                    throw new GraphFormatException(at + ".attrs.data_b64: expected " + shape.size()
                            + " f32 values for shape " + shape + ", got " + c.data().length + " (dtype "
                            + GraphJson.dtypeName(dtype) + ")");
            case Op.ConstantI32 c when c.data().length != shape.size() || dtype != DType.I32 ->
                    throw new GraphFormatException(at + ".attrs.data_b64: expected " + shape.size()
                            + " i32 values for shape " + shape + ", got " + c.data().length + " (dtype "
                            + GraphJson.dtypeName(dtype) + ")");
            default -> { }
        }
    }

    private static Map<String, Integer> readOutputs(JsonNode array, String path, int nodeCount) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String at = path + "[" + i + "]";
            Obj o = new Obj(array.get(i), at);
            o.only("name", "node");
            String name = o.string("name");
            int node = o.integer("node");
            if (node < 0 || node >= nodeCount) {
                throw new GraphFormatException(at + ".node: expected a node id in 0.." + (nodeCount - 1) + ", got " + node);
            }
            if (out.put(name, node) != null) {
                throw new GraphFormatException(at + ".name: output '" + name + "' appears twice");
            }
        }
        return out;
    }

    /** A JSON object with its path, and typed getters that fail naming the path. */
    private static final class Obj {
        final JsonNode node;
        final String path;

        Obj(JsonNode node, String path) {
            if (node == null || !node.isObject()) {
                throw new GraphFormatException(path + ": expected an object");
            }
            this.node = node;
            this.path = path;
        }

        boolean has(String key) {
            return node.has(key);
        }

        /** Fails on any key outside {@code allowed}: a typo must not be silently ignored. */
        void only(String... allowed) {
            Set<String> ok = Set.of(allowed);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!ok.contains(key)) {
                    throw new GraphFormatException(path + "." + key + ": unknown field (expected "
                            + (allowed.length == 0 ? "no fields" : String.join(", ", allowed)) + ")");
                }
            }
        }

        private JsonNode get(String key) {
            JsonNode v = node.get(key);
            if (v == null) {
                throw new GraphFormatException(path + "." + key + ": missing");
            }
            return v;
        }

        String string(String key) {
            JsonNode v = get(key);
            if (!v.isTextual()) {
                throw new GraphFormatException(path + "." + key + ": expected a string, got " + v);
            }
            return v.textValue();
        }

        int integer(String key) {
            JsonNode v = get(key);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new GraphFormatException(path + "." + key + ": expected an integer, got " + v);
            }
            return v.intValue();
        }

        boolean bool(String key) {
            JsonNode v = get(key);
            if (!v.isBoolean()) {
                throw new GraphFormatException(path + "." + key + ": expected true or false, got " + v);
            }
            return v.booleanValue();
        }

        /** A number, or one of the strings inf, -inf, nan (see the format doc). */
        double real(String key) {
            JsonNode v = get(key);
            if (v.isNumber()) {
                return v.doubleValue();
            }
            if (v.isTextual()) {
                switch (v.textValue()) {
                    case "inf" -> {
                        return Double.POSITIVE_INFINITY;
                    }
                    case "-inf" -> {
                        return Double.NEGATIVE_INFINITY;
                    }
                    case "nan" -> {
                        return Double.NaN;
                    }
                    default -> { }
                }
            }
            throw new GraphFormatException(path + "." + key + ": expected a number or \"inf\", \"-inf\", \"nan\", got " + v);
        }

        JsonNode array(String key) {
            JsonNode v = get(key);
            if (!v.isArray()) {
                throw new GraphFormatException(path + "." + key + ": expected an array, got " + v.getNodeType());
            }
            return v;
        }

        Obj object(String key) {
            return new Obj(get(key), path + "." + key);
        }

        int[] ints(String key) {
            JsonNode v = array(key);
            int[] out = new int[v.size()];
            for (int i = 0; i < out.length; i++) {
                JsonNode e = v.get(i);
                if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                    throw new GraphFormatException(path + "." + key + "[" + i + "]: expected an integer, got " + e);
                }
                out[i] = e.intValue();
            }
            return out;
        }

        Shape shape(String key) {
            int[] dims = ints(key);
            for (int i = 0; i < dims.length; i++) {
                if (dims[i] < 0) {
                    throw new GraphFormatException(path + "." + key + "[" + i + "]: expected a dimension >= 0, got " + dims[i]);
                }
            }
            return Shape.of(dims);
        }

        DType dtype(String key) {
            String s = string(key);
            return switch (s) {
                case "f32" -> DType.F32;
                case "i32" -> DType.I32;
                default -> throw new GraphFormatException(path + "." + key + ": expected \"f32\" or \"i32\", got \"" + s + "\"");
            };
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type) {
            String s = string(key);
            for (E e : type.getEnumConstants()) {
                if (e.name().toLowerCase(Locale.ROOT).equals(s)) {
                    return e;
                }
            }
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(e.name().toLowerCase(Locale.ROOT));
            }
            throw new GraphFormatException(path + "." + key + ": expected one of " + String.join(", ", names)
                    + ", got \"" + s + "\"");
        }

        ByteBuffer base64(String key) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(string(key));
            } catch (IllegalArgumentException e) {
                throw new GraphFormatException(path + "." + key + ": expected base64 of little-endian 4-byte values ("
                        + e.getMessage() + ")");
            }
            if (bytes.length % 4 != 0) {
                throw new GraphFormatException(path + "." + key + ": expected a multiple of 4 bytes, got " + bytes.length);
            }
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
