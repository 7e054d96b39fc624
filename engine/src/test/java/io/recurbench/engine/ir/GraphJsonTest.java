package io.recurbench.engine.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphJsonTest {

    /** Builds graphs node by node with explicit shapes (the tracer's job, done by hand here). */
    static final class Builder {
        final List<Node> nodes = new ArrayList<>();
        final List<ParameterSpec> params = new ArrayList<>();
        final Map<String, Integer> outputs = new LinkedHashMap<>();

        int add(Op op, Shape shape, DType dtype, int... inputs) {
            int id = nodes.size();
            nodes.add(new Node(id, op, inputs, shape, dtype, "GraphJsonTest.build:" + id));
            return id;
        }

        int param(String name, Shape shape, Initializer init) {
            params.add(new ParameterSpec(name, shape, init));
            return add(new Op.Parameter(name), shape, DType.F32);
        }

        Graph build() {
            return new Graph(nodes, params, outputs);
        }
    }

    /** One node of every primitive, with valid shapes. */
    static Graph everyOp() {
        Builder b = new Builder();
        DType f = DType.F32;
        DType i = DType.I32;
        int x = b.add(new Op.Input("x"), Shape.of(2, 3), f);
        int w = b.param("layer.w", Shape.of(3, 4), Initializer.truncatedNormal(0.02));
        int bias = b.param("layer.b", Shape.of(4), Initializer.zeros());
        b.param("layer.u", Shape.of(4), new Initializer.Uniform(-1, 0.5));
        b.add(new Op.Fill(Double.NEGATIVE_INFINITY), Shape.of(2, 4), f);
        b.add(new Op.ConstantF32(new float[] {1.5f, -0f, Float.MIN_VALUE, 3.4e38f}), Shape.of(2, 2), f);
        int idx = b.add(new Op.ConstantI32(new int[] {2, 0, Integer.MIN_VALUE}), Shape.of(3), i);
        b.add(new Op.Iota(1), Shape.of(2, 4), i);
        int e = b.add(new Op.Unary(Op.UnaryKind.EXP), Shape.of(2, 3), f, x);
        b.add(new Op.Binary(Op.BinaryKind.ATAN2), Shape.of(2, 3), f, e, x);
        int lt = b.add(new Op.Compare(Op.CompareKind.LT), Shape.of(2, 3), i, x, e);
        b.add(new Op.Cast(), Shape.of(2, 3), f, lt);
        b.add(new Op.Where(), Shape.of(2, 3), f, lt, x, e);
        int mm = b.add(new Op.MatMul(false, true), Shape.of(2, 4), f, x, w);
        int sum = b.add(new Op.Reduce(Op.ReduceKind.MAX, new int[] {1}, true), Shape.of(2, 1), f, mm);
        b.add(new Op.Cumsum(1, true), Shape.of(2, 4), f, mm);
        b.add(new Op.Reshape(), Shape.of(8), f, mm);
        b.add(new Op.Permute(new int[] {1, 0}), Shape.of(4, 2), f, mm);
        int bc = b.add(new Op.BroadcastTo(), Shape.of(2, 4), f, bias);
        int sl = b.add(new Op.Slice(1, 1, 3), Shape.of(2, 2), f, mm);
        b.add(new Op.Pad(1, 1, 1), Shape.of(2, 4), f, sl);
        b.add(new Op.Concat(0), Shape.of(4, 4), f, mm, bc);
        int tk = b.add(new Op.Take(), Shape.of(3, 4), f, w, idx);
        b.add(new Op.ScatterAdd(3), Shape.of(3, 4), f, idx, tk);
        int sg = b.add(new Op.StopGradient(), Shape.of(2, 4), f, mm);
        b.param("ssm.a_log", Shape.of(2), new Initializer.LogUniform(1, 16));
        b.param("ssm.dt_bias", Shape.of(2), new Initializer.InverseSoftplusLogUniform(0.001, 0.1, 1e-4));
        b.outputs.put("y", sg);
        b.outputs.put("m", sum);
        return b.build();
    }

    @Test
    void sampleCoversEveryPrimitive() {
        Set<Class<?>> seen = new HashSet<>();
        everyOp().nodes().forEach(n -> seen.add(n.op().getClass()));
        assertThat(seen).containsExactlyInAnyOrder(Op.class.getPermittedSubclasses());
    }

    @Test
    void sampleCoversEveryInitializer() {
        Set<Class<?>> seen = new HashSet<>();
        everyOp().parameters().forEach(p -> seen.add(p.initializer().getClass()));
        assertThat(seen).containsExactlyInAnyOrder(Initializer.class.getPermittedSubclasses());
    }

    @Test
    void invalidInitializerArgumentsNameThePath() {
        String ok = GraphJson.write(everyOp());
        assertError(ok.replace("\"kind\":\"log_uniform\",\"low\":1.0", "\"kind\":\"log_uniform\",\"low\":-1.0"),
                "$.parameters[3].initializer: LogUniform needs 0 < low <= high");
    }

    @Test
    void roundTripPreservesEveryNodeParameterAndOutput() {
        Graph g = everyOp();
        Graph back = GraphJsonReader.read(GraphJson.write(g));
        assertGraphsEqual(back, g, true);
        assertThat(GraphJson.write(back)).isEqualTo(GraphJson.write(g));
    }

    @Test
    void roundTripOfEveryEnumValue() {
        for (Op op : enumOps()) {
            Builder b = new Builder();
            int x = b.add(new Op.Input("x"), Shape.of(3), DType.F32);
            int y = op instanceof Op.Unary
                    ? b.add(op, Shape.of(3), DType.F32, x)
                    : b.add(op, Shape.of(3), op instanceof Op.Compare ? DType.I32 : DType.F32, x, x);
            b.outputs.put("out", y);
            Graph g = b.build();
            assertGraphsEqual(GraphJsonReader.read(GraphJson.write(g)), g, true);
        }
    }

    static List<Op> enumOps() {
        List<Op> ops = new ArrayList<>();
        for (Op.UnaryKind k : Op.UnaryKind.values()) {
            ops.add(new Op.Unary(k));
        }
        for (Op.BinaryKind k : Op.BinaryKind.values()) {
            ops.add(new Op.Binary(k));
        }
        for (Op.CompareKind k : Op.CompareKind.values()) {
            ops.add(new Op.Compare(k));
        }
        return ops;
    }

    @Test
    void nonFiniteFillsSurvive() {
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e-300}) {
            Builder b = new Builder();
            b.outputs.put("f", b.add(new Op.Fill(v), Shape.scalar(), DType.F32));
            Op back = GraphJsonReader.read(GraphJson.write(b.build())).node(0).op();
            assertThat(Double.doubleToLongBits(((Op.Fill) back).value())).isEqualTo(Double.doubleToLongBits(v));
        }
    }

    @Test
    void contentHashIgnoresSitesButNotContent() {
        Graph g = everyOp();
        List<Node> moved = new ArrayList<>();
        for (Node n : g.nodes()) {
            moved.add(new Node(n.id(), n.op(), n.inputs(), n.shape(), n.dtype(), "Elsewhere.java:99"));
        }
        Graph sameElsewhere = new Graph(moved, g.parameters(), g.outputs());
        assertThat(GraphJson.contentHash(sameElsewhere)).isEqualTo(GraphJson.contentHash(g)).hasSize(64);

        List<Node> changed = new ArrayList<>(g.nodes());
        Node slice = changed.get(19);
        changed.set(19, new Node(19, new Op.Slice(1, 0, 2), slice.inputs(), slice.shape(), slice.dtype(), slice.site()));
        assertThat(GraphJson.contentHash(new Graph(changed, g.parameters(), g.outputs())))
                .isNotEqualTo(GraphJson.contentHash(g));
        List<ParameterSpec> params = new ArrayList<>(g.parameters());
        params.set(0, new ParameterSpec("layer.w", Shape.of(3, 4), Initializer.truncatedNormal(0.03)));
        assertThat(GraphJson.contentHash(new Graph(g.nodes(), params, g.outputs())))
                .isNotEqualTo(GraphJson.contentHash(g));
    }

    @Test
    void contentHashIsSha256OfTheSitelessText() {
        Graph g = everyOp();
        assertThat(GraphJson.contentHash(g))
                .isEqualTo(GraphJson.sha256Hex(GraphJson.write(g, false).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(GraphJson.write(g, false)).doesNotContain("\"site\"");
        assertThat(GraphJson.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void fileRoundTrip(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("g.json");
        GraphJson.writeFile(everyOp(), true, file);
        assertGraphsEqual(GraphJsonReader.read(file), everyOp(), true);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void errorsNameTheJsonPath() {
        String ok = GraphJson.write(everyOp());
        assertError(ok.replace("\"format\":\"recurbench-graph\"", "\"format\":\"other\""), "$.format: expected \"recurbench-graph\"");
        assertError(ok.replace("\"version\":1", "\"version\":2"), "$.version: this reader understands version 1, got 2");
        assertError(ok.replace("\"transpose_b\":true", "\"transpose_b\":true,\"fused\":1"),
                "$.nodes[13].attrs.fused: unknown field (expected transpose_a, transpose_b)");
        assertError(ok.replace("\"axis\":1,\"start\":1,", "\"start\":1,"), "$.nodes[19].attrs.axis: missing");
        assertError(ok.replace("\"op\":\"cumsum\"", "\"op\":\"cumprod\""), "$.nodes[15].op: unknown primitive \"cumprod\"");
        assertError(ok.replace("\"fn\":\"atan2\"", "\"fn\":\"pow\""),
                "$.nodes[9].attrs.fn: expected one of add, sub, mul, div, max, min, atan2, got \"pow\"");
        assertError(ok.replace("\"inputs\":[8,0]", "\"inputs\":[8,12]"),
                "$.nodes[9].inputs[1]: expected the id of an earlier node (0..8), got 12");
        assertError(ok.replace("\"inputs\":[8,0]", "\"inputs\":[8]"), "$.nodes[9].inputs: binary takes 2 operand(s), got 1");
        assertError(ok.replace("\"dtype\":\"i32\"", "\"dtype\":\"bf16\""), "$.nodes[6].dtype: expected \"f32\" or \"i32\"");
        assertError(ok.replace("\"kind\":\"truncated_normal\"", "\"kind\":\"xavier\""),
                "$.parameters[0].initializer.kind: expected one of truncated_normal, constant, uniform, log_uniform, "
                        + "inverse_softplus_log_uniform, got \"xavier\"");
        assertError(ok.replace("{\"name\":\"m\",\"node\":14}", "{\"name\":\"m\",\"node\":99}"),
                "$.outputs[1].node: expected a node id in 0..26, got 99");
        assertError(ok.replace("\"attrs\":{\"name\":\"layer.u\"}", "\"attrs\":{\"name\":\"layer.v\"}"),
                "$.nodes[3].attrs.name: parameter 'layer.v' is not in $.parameters");
        assertError(ok.replace("\"axis\":1,\"reverse\":true", "\"axis\":1.5,\"reverse\":true"),
                "$.nodes[15].attrs.axis: expected an integer, got 1.5");
        assertError("{\"format\":", "$: not valid JSON");
        assertError("[]", "$: expected a JSON object");
    }

    @Test
    void constantLengthMustMatchShape() {
        Builder b = new Builder();
        b.outputs.put("c", b.add(new Op.ConstantF32(new float[] {1, 2, 3}), Shape.of(2, 2), DType.F32));
        assertError(GraphJson.write(b.build()), "$.nodes[0].attrs.data_b64: expected 4 f32 values for shape [2, 2], got 3");
    }

    private static void assertError(String json, String messageStart) {
        assertThatThrownBy(() -> GraphJsonReader.read(json))
                .isInstanceOf(GraphJsonReader.GraphFormatException.class)
                .hasMessageStartingWith(messageStart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** Field-by-field equality, arrays by content (records of arrays compare by identity otherwise). */
    static void assertGraphsEqual(Graph actual, Graph expected, boolean sites) {
        assertThat(actual.parameters()).isEqualTo(expected.parameters());
        assertThat(actual.outputs()).containsExactlyEntriesOf(expected.outputs());
        assertThat(actual.nodes()).hasSameSizeAs(expected.nodes());
        for (int k = 0; k < expected.nodes().size(); k++) {
            Node a = actual.node(k);
            Node e = expected.node(k);
            assertThat(a.id()).isEqualTo(e.id());
            assertThat(a.inputs()).as("inputs of node %d", k).containsExactly(e.inputs());
            assertThat(a.shape()).isEqualTo(e.shape());
            assertThat(a.dtype()).isEqualTo(e.dtype());
            if (sites) {
                assertThat(a.site()).isEqualTo(e.site());
            }
            assertOpsEqual(a.op(), e.op(), k);
        }
    }

    static void assertOpsEqual(Op a, Op e, int node) {
        assertThat(a.getClass()).as("op of node %d", node).isEqualTo(e.getClass());
        for (RecordComponent c : e.getClass().getRecordComponents()) {
            try {
                Object av = c.getAccessor().invoke(a);
                Object ev = c.getAccessor().invoke(e);
                assertThat(Arrays.deepEquals(new Object[] {av}, new Object[] {ev}))
                        .as("%s.%s of node %d: %s vs %s", e.getClass().getSimpleName(), c.getName(), node, av, ev)
                        .isTrue();
            } catch (ReflectiveOperationException ex) {
                throw new AssertionError(ex);
            }
        }
    }
}
