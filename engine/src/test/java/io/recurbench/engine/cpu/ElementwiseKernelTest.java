package io.recurbench.engine.cpu;

import static io.recurbench.engine.cpu.Naive.assertClose;
import static io.recurbench.engine.cpu.Naive.broadcastIndex;
import static io.recurbench.engine.cpu.Naive.broadcastShape;
import static io.recurbench.engine.cpu.Naive.size;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Op;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Elementwise kernels against naive scalar loops (float64 math), including broadcasting layouts. */
class ElementwiseKernelTest {

    private final CpuBackend cpu = new CpuBackend();
    private final Random rnd = new Random(7);

    static int[][][] layouts() {
        return new int[][][] {
            {{5, 33}, {5, 33}},          // same shape
            {{5, 33}, {}},               // scalar right
            {{}, {5, 33}},               // scalar left
            {{4, 33}, {33}},             // row broadcast
            {{4, 33}, {4, 1}},           // column broadcast
            {{4, 1, 3}, {5, 1}},         // both broadcast
            {{2, 3, 1, 5}, {3, 7, 1}},   // mixed
            {{1}, {1}},                  // single element
            {{300, 257}, {300, 257}},    // large: split across threads
            {{300, 257}, {257}},         // large row broadcast
        };
    }

    @ParameterizedTest
    @EnumSource(Op.UnaryKind.class)
    void unaryF32MatchesMath(Op.UnaryKind kind) {
        for (int n : new int[] {1, 37, 70_001}) {
            float[] x = Naive.randoms(rnd, n);
            if (kind == Op.UnaryKind.LOG || kind == Op.UnaryKind.SQRT) {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.abs(x[i]) + 1e-3f;
                }
            }
            TestGraph g = new TestGraph();
            int in = g.f32("x", n);
            g.output("y", g.add(new Op.Unary(kind), DType.F32, new int[] {n}, in));
            float[] y = run(g, Map.of("x", HostTensor.of(Shape.of(n), x))).get("y").f32();
            double[] e = new double[n];
            for (int i = 0; i < n; i++) {
                double v = x[i];
                e[i] = switch (kind) {
                    case NEG -> -v;
                    case EXP -> Math.exp(v);
                    case LOG -> Math.log(v);
                    case SQRT -> Math.sqrt(v);
                    case TANH -> Math.tanh(v);
                    case SIGMOID -> 1 / (1 + Math.exp(-v));
                    case SIN -> Math.sin(v);
                    case COS -> Math.cos(v);
                    case ABS -> Math.abs(v);
                };
            }
            assertClose(y, e, 1e-6, kind + " n=" + n);
        }
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        TestGraph g = new TestGraph();
        int in = g.f32("x", 4);
        g.output("y", g.add(new Op.Unary(Op.UnaryKind.SIGMOID), DType.F32, new int[] {4}, in));
        float[] y = run(g, Map.of("x", HostTensor.of(Shape.of(4), -200f, -90f, 90f, 200f))).get("y").f32();
        assertThat(y[0]).isBetween(0f, 1e-30f);
        assertThat(y[1]).isBetween(0f, 1e-30f);
        assertThat(y[2]).isEqualTo(1f);
        assertThat(y[3]).isEqualTo(1f);
    }

    @Test
    void unaryI32NegAndAbs() {
        int[] x = {-3, 0, 7, Integer.MIN_VALUE + 1};
        for (Op.UnaryKind kind : new Op.UnaryKind[] {Op.UnaryKind.NEG, Op.UnaryKind.ABS}) {
            TestGraph g = new TestGraph();
            int in = g.i32("x", 4);
            g.output("y", g.add(new Op.Unary(kind), DType.I32, new int[] {4}, in));
            int[] y = run(g, Map.of("x", HostTensor.ofInts(Shape.of(4), x))).get("y").i32();
            for (int i = 0; i < 4; i++) {
                assertThat(y[i]).isEqualTo(kind == Op.UnaryKind.NEG ? -x[i] : Math.abs(x[i]));
            }
        }
    }

    @Test
    void unaryI32ExpIsRejectedAtCompileTime() {
        TestGraph g = new TestGraph();
        int in = g.i32("x", 4);
        g.output("y", g.add(new Op.Unary(Op.UnaryKind.EXP), DType.I32, new int[] {4}, in));
        assertThatThrownBy(() -> cpu.compile(g.build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node 1 (Unary I32[4] at TestGraph:1)")
                .hasMessageContaining("EXP");
    }

    static java.util.stream.Stream<Object[]> binaryCases() {
        java.util.stream.Stream.Builder<Object[]> b = java.util.stream.Stream.builder();
        for (Op.BinaryKind k : Op.BinaryKind.values()) {
            for (int[][] l : layouts()) {
                b.add(new Object[] {k, l[0], l[1]});
            }
        }
        return b.build();
    }

    @ParameterizedTest
    @MethodSource("binaryCases")
    void binaryF32Broadcasts(Op.BinaryKind kind, int[] as, int[] bs) {
        int[] os = broadcastShape(as, bs);
        float[] a = Naive.randoms(rnd, size(as));
        float[] b = Naive.randoms(rnd, size(bs));
        TestGraph g = new TestGraph();
        int x = g.f32("a", as);
        int y = g.f32("b", bs);
        g.output("c", g.add(new Op.Binary(kind), DType.F32, os, x, y));
        float[] c = run(g, Map.of("a", HostTensor.of(Shape.of(as), a), "b", HostTensor.of(Shape.of(bs), b))).get("c").f32();
        double[] e = new double[size(os)];
        for (int i = 0; i < e.length; i++) {
            double u = a[broadcastIndex(i, os, as)];
            double v = b[broadcastIndex(i, os, bs)];
            e[i] = switch (kind) {
                case ADD -> u + v;
                case SUB -> u - v;
                case MUL -> u * v;
                case DIV -> u / v;
                case MAX -> Math.max(u, v);
                case MIN -> Math.min(u, v);
                case ATAN2 -> Math.atan2(u, v);
            };
        }
        assertClose(c, e, 2e-6, kind + " " + Shape.of(as) + " " + Shape.of(bs));
    }

    @ParameterizedTest
    @EnumSource(value = Op.BinaryKind.class, names = "ATAN2", mode = EnumSource.Mode.EXCLUDE)
    void binaryI32Broadcasts(Op.BinaryKind kind) {
        for (int[][] l : layouts()) {
            int[] as = l[0];
            int[] bs = l[1];
            int[] os = broadcastShape(as, bs);
            int[] a = Naive.ints(rnd, size(as), 50);
            int[] b = Naive.ints(rnd, size(bs), 50);
            for (int i = 0; i < b.length; i++) {
                b[i] = b[i] == 0 ? 3 : b[i];
            }
            TestGraph g = new TestGraph();
            int x = g.i32("a", as);
            int y = g.i32("b", bs);
            g.output("c", g.add(new Op.Binary(kind), DType.I32, os, x, y));
            int[] c = run(g, Map.of("a", HostTensor.ofInts(Shape.of(as), a), "b", HostTensor.ofInts(Shape.of(bs), b))).get("c").i32();
            int[] expected = new int[c.length];
            for (int i = 0; i < c.length; i++) {
                int u = a[broadcastIndex(i, os, as)];
                int v = b[broadcastIndex(i, os, bs)];
                expected[i] = switch (kind) {
                    case ADD -> u + v;
                    case SUB -> u - v;
                    case MUL -> u * v;
                    case DIV -> u / v;
                    case MAX -> Math.max(u, v);
                    case MIN -> Math.min(u, v);
                    case ATAN2 -> throw new AssertionError();
                };
            }
            Naive.assertIntsEqual(c, expected, kind + " " + Shape.of(as) + " " + Shape.of(bs));
        }
    }

    @Test
    void operandsThatDoNotBroadcastFailAtCompileTime() {
        TestGraph g = new TestGraph();
        int x = g.f32("a", 2, 3);
        int y = g.f32("b", 4);
        g.output("c", g.add(new Op.Binary(Op.BinaryKind.ADD), DType.F32, new int[] {2, 3}, x, y));
        assertThatThrownBy(() -> cpu.compile(g.build())).hasMessageContaining("node 2 (Binary F32[2, 3]")
                .hasMessageContaining("operand 1 of shape [4] does not broadcast to [2, 3]");
        TestGraph h = new TestGraph();
        int u = h.f32("a", 2, 3);
        h.output("c", h.add(new Op.Unary(Op.UnaryKind.NEG), DType.F32, new int[] {2, 3}, u));
        h.output("d", h.add(new Op.BroadcastTo(), DType.F32, new int[] {3}, u));
        assertThatThrownBy(() -> cpu.compile(h.build())).hasMessageContaining("node 2 (BroadcastTo")
                .hasMessageContaining("higher rank than the result");
    }

    @Test
    void integerDivisionByZeroNamesTheNode() {
        TestGraph g = new TestGraph();
        int x = g.i32("a", 2);
        int y = g.i32("b", 2);
        g.output("c", g.add(new Op.Binary(Op.BinaryKind.DIV), DType.I32, new int[] {2}, x, y));
        assertThatThrownBy(() -> run(g, Map.of("a", HostTensor.ofInts(Shape.of(2), 1, 2), "b", HostTensor.ofInts(Shape.of(2), 1, 0))))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("node 2").hasMessageContaining("division by zero");
    }

    @ParameterizedTest
    @EnumSource(Op.CompareKind.class)
    void compareBroadcastsBothDtypes(Op.CompareKind kind) {
        for (int[][] l : layouts()) {
            int[] as = l[0];
            int[] bs = l[1];
            int[] os = broadcastShape(as, bs);
            int[] ai = Naive.ints(rnd, size(as), 2);
            int[] bi = Naive.ints(rnd, size(bs), 2);
            float[] af = new float[ai.length];
            float[] bf = new float[bi.length];
            for (int i = 0; i < ai.length; i++) {
                af[i] = ai[i] * 0.5f;
            }
            for (int i = 0; i < bi.length; i++) {
                bf[i] = bi[i] * 0.5f;
            }
            for (DType dt : DType.values()) {
                TestGraph g = new TestGraph();
                int x = g.input("a", dt, as);
                int y = g.input("b", dt, bs);
                g.output("c", g.add(new Op.Compare(kind), DType.I32, os, x, y));
                Map<String, HostTensor> feeds = dt == DType.F32
                        ? Map.of("a", HostTensor.of(Shape.of(as), af), "b", HostTensor.of(Shape.of(bs), bf))
                        : Map.of("a", HostTensor.ofInts(Shape.of(as), ai), "b", HostTensor.ofInts(Shape.of(bs), bi));
                int[] c = run(g, feeds).get("c").i32();
                int[] expected = new int[c.length];
                for (int i = 0; i < c.length; i++) {
                    int u = ai[broadcastIndex(i, os, as)];
                    int v = bi[broadcastIndex(i, os, bs)];
                    boolean e = switch (kind) {
                        case LT -> u < v;
                        case LE -> u <= v;
                        case GT -> u > v;
                        case GE -> u >= v;
                        case EQ -> u == v;
                        case NE -> u != v;
                    };
                    expected[i] = e ? 1 : 0;
                }
                Naive.assertIntsEqual(c, expected, kind + " " + dt);
            }
        }
    }

    @Test
    void whereBroadcastsThreeOperands() {
        int[] cs = {4, 1};
        int[] as = {3};
        int[] bs = {1, 1};
        int[] os = {4, 3};
        int[] cond = {1, 0, 0, 5};
        float[] a = {1, 2, 3};
        TestGraph g = new TestGraph();
        int c = g.i32("c", cs);
        int x = g.f32("a", as);
        int y = g.f32("b", bs);
        g.output("o", g.add(new Op.Where(), DType.F32, os, c, x, y));
        float[] o = run(g, Map.of("c", HostTensor.ofInts(Shape.of(cs), cond), "a", HostTensor.of(Shape.of(as), a),
                "b", HostTensor.of(Shape.of(bs), -9f))).get("o").f32();
        assertThat(o).containsExactly(1, 2, 3, -9, -9, -9, -9, -9, -9, 1, 2, 3);

        TestGraph gi = new TestGraph();
        int ci = gi.i32("c", 3);
        int xi = gi.i32("a", 3);
        int yi = gi.i32("b");
        gi.output("o", gi.add(new Op.Where(), DType.I32, new int[] {3}, ci, xi, yi));
        int[] oi = run(gi, Map.of("c", HostTensor.ofInts(Shape.of(3), 0, 1, 0), "a", HostTensor.ofInts(Shape.of(3), 4, 5, 6),
                "b", HostTensor.ofInts(Shape.scalar(), 7))).get("o").i32();
        assertThat(oi).containsExactly(7, 5, 7);
    }

    @Test
    void castTruncatesTowardZeroAndBack() {
        TestGraph g = new TestGraph();
        int x = g.f32("x", 6);
        int i = g.add(new Op.Cast(), DType.I32, new int[] {6}, x);
        g.output("i", i);
        g.output("f", g.add(new Op.Cast(), DType.F32, new int[] {6}, i));
        Map<String, HostTensor> out = run(g, Map.of("x", HostTensor.of(Shape.of(6), -2.7f, -0.5f, 0f, 0.9f, 3.99f, Float.NaN)));
        assertThat(out.get("i").i32()).containsExactly(-2, 0, 0, 0, 3, 0);
        assertThat(out.get("f").f32()).containsExactly(-2f, 0f, 0f, 0f, 3f, 0f);
    }

    private Map<String, HostTensor> run(TestGraph g, Map<String, HostTensor> feeds) {
        try (CpuExecutable exe = cpu.compile(g.build())) {
            return exe.run(feeds);
        }
    }
}
