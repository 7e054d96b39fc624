package io.recurbench.engine.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.engine.trace.GraphBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test: random shapes and attributes for every primitive, and random multi-op graphs
 * (which exercise buffer reuse and the transpose fold), run on the CPU backend and on the float64
 * {@link ReferenceInterpreter}. F32 results agree within {@code 1e-5 · max(1, |reference|)}; I32
 * results exactly. Failures in either (an index out of range, an integer division by zero) must
 * happen in both.
 */
class CpuVsReferenceTest {

    private static final double TOL = 1e-5;
    private static final int TRIALS = 25;

    private final Random rnd = new Random(2024);
    private final CpuBackend cpu = new CpuBackend();

    /** A graph under construction with its random feeds. */
    private final class Case {
        final GraphBuilder b = new GraphBuilder();
        final Map<String, HostTensor> feeds = new HashMap<>();

        int f32(int... dims) {
            String name = "x" + feeds.size();
            feeds.put(name, HostTensor.of(Shape.of(dims), Naive.randoms(rnd, Naive.size(dims))));
            return b.input(name, Shape.of(dims), DType.F32);
        }

        int i32(int bound, int... dims) {
            String name = "x" + feeds.size();
            feeds.put(name, HostTensor.ofInts(Shape.of(dims), Naive.ints(rnd, Naive.size(dims), bound)));
            return b.input(name, Shape.of(dims), DType.I32);
        }

        int input(DType dt, int... dims) {
            return dt == DType.F32 ? f32(dims) : i32(9, dims);
        }

        void check(String what, int... outputs) {
            for (int i = 0; i < outputs.length; i++) {
                b.output("out" + i, outputs[i]);
            }
            compare(b.build(), feeds, what);
        }
    }

    private void compare(Graph g, Map<String, HostTensor> feeds, String what) {
        Map<String, double[]> expected = ReferenceInterpreter.run(g, feeds);
        Map<String, HostTensor> actual;
        try (CpuExecutable exe = cpu.compile(g)) {
            actual = exe.run(feeds);
        }
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            HostTensor t = actual.get(e.getKey());
            assertThat(t.shape()).as(what).isEqualTo(g.output(e.getKey()).shape());
            if (t.dtype() == DType.F32) {
                Naive.assertClose(t.f32(), e.getValue(), TOL, what + " " + e.getKey());
            } else {
                double[] got = Arrays.stream(t.i32()).asDoubleStream().toArray();
                int mismatch = Arrays.mismatch(got, e.getValue());
                if (mismatch >= 0) {
                    throw new AssertionError(what + " " + e.getKey() + " at " + mismatch + ": got "
                            + (mismatch < got.length ? got[mismatch] : "nothing") + ", expected "
                            + (mismatch < e.getValue().length ? e.getValue()[mismatch] : "nothing"));
                }
            }
        }
    }

    // ---- random shapes --------------------------------------------------------------------------

    private int[] shape(int maxRank) {
        int[] d = new int[rnd.nextInt(maxRank + 1)];
        for (int i = 0; i < d.length; i++) {
            d[i] = 1 + rnd.nextInt(5);
        }
        return d;
    }

    /** A shape that broadcasts to {@code s}: some leading axes dropped, some axes set to 1. */
    private int[] broadcastable(int[] s) {
        int drop = rnd.nextInt(s.length + 1);
        int[] d = Arrays.copyOfRange(s, drop, s.length);
        for (int i = 0; i < d.length; i++) {
            if (rnd.nextInt(3) == 0) {
                d[i] = 1;
            }
        }
        return d;
    }

    private int[][] pair() {
        int[] s = shape(4);
        int[] t = broadcastable(s);
        return rnd.nextBoolean() ? new int[][] {s, t} : new int[][] {t, s};
    }

    // ---- each primitive -------------------------------------------------------------------------

    @Test
    void unary() {
        for (Op.UnaryKind kind : Op.UnaryKind.values()) {
            for (int t = 0; t < TRIALS; t++) {
                Case c = new Case();
                c.check(kind + "", c.b.add(new Op.Unary(kind), c.f32(shape(4))));
            }
        }
    }

    @Test
    void binaryBothDtypes() {
        for (Op.BinaryKind kind : Op.BinaryKind.values()) {
            for (int t = 0; t < TRIALS; t++) {
                int[][] p = pair();
                Case c = new Case();
                c.check(kind + " F32 " + Arrays.deepToString(p), c.b.add(new Op.Binary(kind), c.f32(p[0]), c.f32(p[1])));
                if (kind != Op.BinaryKind.ATAN2 && kind != Op.BinaryKind.DIV) {
                    Case ci = new Case();
                    ci.check(kind + " I32 " + Arrays.deepToString(p), ci.b.add(new Op.Binary(kind), ci.i32(50, p[0]), ci.i32(50, p[1])));
                }
            }
        }
    }

    @Test
    void integerDivisionAndItsFailureAgree() {
        for (int t = 0; t < TRIALS; t++) {
            int[][] p = pair();
            Case c = new Case();
            int x = c.i32(50, p[0]);
            int y = c.i32(50, p[1]);
            int[] divisor = c.feeds.get("x1").i32();
            for (int i = 0; i < divisor.length; i++) {
                divisor[i] = divisor[i] == 0 ? -7 : divisor[i];
            }
            c.check("DIV I32 " + Arrays.deepToString(p), c.b.add(new Op.Binary(Op.BinaryKind.DIV), x, y));
        }
        Case c = new Case();
        int x = c.i32(5, 3);
        int y = c.b.add(new Op.ConstantI32(new int[] {1, 0, 2}), Shape.of(3), DType.I32);
        c.b.output("q", c.b.add(new Op.Binary(Op.BinaryKind.DIV), x, y));
        Graph g = c.b.build();
        assertThatThrownBy(() -> ReferenceInterpreter.run(g, c.feeds)).hasMessageContaining("node 2");
        try (CpuExecutable exe = cpu.compile(g)) {
            assertThatThrownBy(() -> exe.run(c.feeds)).hasMessageContaining("node 2").hasMessageContaining("division by zero");
        }
    }

    @Test
    void compareAndWhere() {
        for (Op.CompareKind kind : Op.CompareKind.values()) {
            for (int t = 0; t < TRIALS; t++) {
                int[][] p = pair();
                DType dt = rnd.nextBoolean() ? DType.F32 : DType.I32;
                Case c = new Case();
                // Small integer values (also as floats) so that ties occur.
                int x = dt == DType.F32 ? c.b.add(new Op.Cast(), Shape.of(p[0]), DType.F32, c.i32(2, p[0])) : c.i32(2, p[0]);
                int y = dt == DType.F32 ? c.b.add(new Op.Cast(), Shape.of(p[1]), DType.F32, c.i32(2, p[1])) : c.i32(2, p[1]);
                c.check(kind + " " + dt + " " + Arrays.deepToString(p), c.b.add(new Op.Compare(kind), x, y));
            }
        }
        for (int t = 0; t < 4 * TRIALS; t++) {
            int[] s = shape(4);
            DType condType = rnd.nextBoolean() ? DType.F32 : DType.I32;
            DType branchType = rnd.nextBoolean() ? DType.F32 : DType.I32;
            Case c = new Case();
            int[] cs = broadcastable(s);
            int cond = condType == DType.I32 ? c.i32(1, cs) : c.b.add(new Op.Cast(), Shape.of(cs), DType.F32, c.i32(1, cs));
            int x = c.input(branchType, broadcastable(s));
            int y = c.input(branchType, s);
            c.check("where " + condType + "/" + branchType, c.b.add(new Op.Where(), cond, rnd.nextBoolean() ? x : y, rnd.nextBoolean() ? y : x));
        }
    }

    @Test
    void castBothWays() {
        for (int t = 0; t < TRIALS; t++) {
            int[] s = shape(3);
            Case c = new Case();
            int f = c.f32(s);
            int scaled = c.b.add(new Op.Binary(Op.BinaryKind.MUL), f, c.b.add(new Op.Fill(7.0), Shape.scalar(), DType.F32));
            int i = c.b.add(new Op.Cast(), Shape.of(s), DType.I32, scaled);
            c.check("cast " + Arrays.toString(s), i, c.b.add(new Op.Cast(), Shape.of(s), DType.F32, i));
        }
    }

    @Test
    void matmulWithBroadcastBatchesAndTransposes() {
        for (int t = 0; t < 4 * TRIALS; t++) {
            int m = 1 + rnd.nextInt(6);
            int n = 1 + rnd.nextInt(6);
            int k = 1 + rnd.nextInt(6);
            int[] batch = shape(2);
            int[] ab = broadcastable(batch);
            int[] bb = rnd.nextInt(3) == 0 ? new int[0] : broadcastable(batch);
            if (rnd.nextBoolean()) {
                int[] tmp = ab;
                ab = bb;
                bb = tmp;
            }
            boolean ta = rnd.nextBoolean();
            boolean tb = rnd.nextBoolean();
            Case c = new Case();
            int a = c.f32(concat(ab, ta ? new int[] {k, m} : new int[] {m, k}));
            int b = c.f32(concat(bb, tb ? new int[] {n, k} : new int[] {k, n}));
            c.check("matmul " + Arrays.toString(ab) + "/" + Arrays.toString(bb) + " ta=" + ta + " tb=" + tb,
                    c.b.add(new Op.MatMul(ta, tb), a, b));
        }
    }

    @Test
    void reduceAndCumsum() {
        for (int t = 0; t < 4 * TRIALS; t++) {
            int[] s = shape(4);
            if (s.length == 0) {
                continue;
            }
            int mask = 1 + rnd.nextInt((1 << s.length) - 1);
            int[] axes = java.util.stream.IntStream.range(0, s.length).filter(a -> (mask >> a & 1) == 1).toArray();
            DType dt = rnd.nextBoolean() ? DType.F32 : DType.I32;
            Op.ReduceKind kind = rnd.nextBoolean() ? Op.ReduceKind.SUM : Op.ReduceKind.MAX;
            Case c = new Case();
            int x = c.input(dt, s);
            int axis = rnd.nextInt(s.length);
            boolean rev = rnd.nextBoolean();
            c.check(kind + " " + dt + " " + Arrays.toString(s) + " axes " + Arrays.toString(axes) + " / cumsum " + axis,
                    c.b.add(new Op.Reduce(kind, axes, rnd.nextBoolean()), x), c.b.add(new Op.Cumsum(axis, rev), x));
        }
    }

    @Test
    void shapeAndDataMovement() {
        for (int t = 0; t < 4 * TRIALS; t++) {
            int[] s = shape(4);
            DType dt = rnd.nextBoolean() ? DType.F32 : DType.I32;
            Case c = new Case();
            int x = c.input(dt, s);
            List<Integer> outs = new ArrayList<>();
            // reshape to a random factorisation, then something that reads it
            int[] flat = {Naive.size(s)};
            int r = c.b.add(new Op.Reshape(), Shape.of(flat), dt, x);
            outs.add(c.b.add(new Op.Cumsum(0, false), r));
            outs.add(c.b.add(new Op.StopGradient(), x));
            if (s.length > 0) {
                int[] perm = shuffled(s.length);
                outs.add(c.b.add(new Op.Permute(perm), x));
                int axis = rnd.nextInt(s.length);
                int start = rnd.nextInt(s[axis] + 1);
                int end = start + rnd.nextInt(s[axis] - start + 1);
                outs.add(c.b.add(new Op.Slice(axis, start, end), x));
                outs.add(c.b.add(new Op.Pad(axis, rnd.nextInt(3), rnd.nextInt(3)), x));
                int[] other = s.clone();
                other[axis] = 1 + rnd.nextInt(3);
                outs.add(c.b.add(new Op.Concat(axis), x, c.input(dt, other), x));
                outs.add(c.b.add(new Op.Iota(axis), Shape.of(s), dt));
            }
            int[] big = concat(new int[] {1 + rnd.nextInt(3)}, s);
            big = Arrays.stream(big).map(d -> d == 1 && rnd.nextBoolean() ? 1 + rnd.nextInt(3) : d).toArray();
            int[] src = broadcastable(big);
            int bsrc = c.input(dt, src);
            outs.add(c.b.add(new Op.BroadcastTo(), Shape.of(big), dt, bsrc));
            outs.add(c.b.add(new Op.Fill(rnd.nextInt(9) - 4), Shape.of(s), dt));
            c.check("movement " + dt + " " + Arrays.toString(s), outs.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    @Test
    void takeAndScatterAdd() {
        for (int t = 0; t < 2 * TRIALS; t++) {
            int rows = 1 + rnd.nextInt(6);
            int[] rest = shape(2);
            int[] idxShape = shape(2);
            DType dt = rnd.nextBoolean() ? DType.F32 : DType.I32;
            Case c = new Case();
            int table = c.input(dt, concat(new int[] {rows}, rest));
            String idxName = "idx";
            int[] idx = new int[Naive.size(idxShape)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = rnd.nextInt(rows);
            }
            c.feeds.put(idxName, HostTensor.ofInts(Shape.of(idxShape), idx));
            int ix = c.b.input(idxName, Shape.of(idxShape), DType.I32);
            int taken = c.b.add(new Op.Take(), table, ix);
            c.check("take/scatter " + dt, taken, c.b.add(new Op.ScatterAdd(rows), ix, taken));
        }
        Case c = new Case();
        int table = c.f32(3, 2);
        c.feeds.put("idx", HostTensor.ofInts(Shape.of(2), 1, -1));
        c.b.output("y", c.b.add(new Op.Take(), table, c.b.input("idx", Shape.of(2), DType.I32)));
        Graph g = c.b.build();
        assertThatThrownBy(() -> ReferenceInterpreter.run(g, c.feeds)).isInstanceOf(RuntimeException.class);
        try (CpuExecutable exe = cpu.compile(g)) {
            assertThatThrownBy(() -> exe.run(c.feeds)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("index -1");
        }
    }

    @Test
    void constants() {
        Case c = new Case();
        int f = c.b.add(new Op.ConstantF32(new float[] {1.5f, -2f, 3f, 0f}), Shape.of(2, 2), DType.F32);
        int i = c.b.add(new Op.ConstantI32(new int[] {4, -5}), Shape.of(2), DType.I32);
        c.check("constants", f, i, c.b.add(new Op.Binary(Op.BinaryKind.ADD), f, c.b.add(new Op.Cast(), Shape.of(2), DType.F32, i)));
    }

    /** Shapes past the parallel thresholds, so kernels split rows or ranges across threads. */
    @Test
    void largeShapesSplitAcrossThreads() {
        int[] s = {40, 37, 70};
        Case c = new Case();
        int x = c.f32(s);
        int row = c.f32(70);
        int col = c.f32(40, 37, 1);
        int idx = c.i32(1, 40, 37, 1);
        c.feeds.put("rows", HostTensor.ofInts(Shape.of(64), new java.util.Random(1).ints(64, 0, 40).toArray()));
        int rows = c.b.input("rows", Shape.of(64), DType.I32);
        int flat = c.b.add(new Op.Reshape(), Shape.of(40, 37 * 70), DType.F32, x);
        int taken = c.b.add(new Op.Take(), flat, rows);
        c.check("large",
                c.b.add(new Op.Binary(Op.BinaryKind.MUL), x, row),
                c.b.add(new Op.Binary(Op.BinaryKind.SUB), col, x),
                c.b.add(new Op.Unary(Op.UnaryKind.TANH), x),
                c.b.add(new Op.Compare(Op.CompareKind.GT), x, row),
                c.b.add(new Op.Where(), idx, x, col),
                c.b.add(new Op.Reduce(Op.ReduceKind.SUM, new int[] {0}, false), x),
                c.b.add(new Op.Reduce(Op.ReduceKind.MAX, new int[] {2}, false), x),
                c.b.add(new Op.Reduce(Op.ReduceKind.SUM, new int[] {0, 1, 2}, false), x),
                c.b.add(new Op.Cumsum(1, true), x),
                c.b.add(new Op.Permute(new int[] {2, 0, 1}), x),
                c.b.add(new Op.Permute(new int[] {0, 2, 1}), x),
                c.b.add(new Op.BroadcastTo(), Shape.of(s), DType.F32, col),
                c.b.add(new Op.Cast(), Shape.of(s), DType.I32, x),
                taken,
                c.b.add(new Op.ScatterAdd(40), rows, taken));
    }

    @Test
    void zeroSizedTensors() {
        Case c = new Case();
        int empty = c.f32(3, 0, 4);
        int full = c.f32(3, 2, 4);
        int a = c.f32(2, 0);
        int b = c.f32(0, 5);
        c.feeds.put("none", HostTensor.ofInts(Shape.of(0), new int[0]));
        int none = c.b.input("none", Shape.of(0), DType.I32);
        c.check("zero-sized",
                c.b.add(new Op.Reduce(Op.ReduceKind.SUM, new int[] {1}, false), empty),      // sum over nothing: 0
                c.b.add(new Op.Reduce(Op.ReduceKind.MAX, new int[] {1}, true), empty),       // max over nothing: -inf
                c.b.add(new Op.MatMul(false, false), a, b),                                   // K = 0: zeros [2, 5]
                c.b.add(new Op.Concat(1), empty, full, empty),
                c.b.add(new Op.Slice(1, 1, 1), full),
                c.b.add(new Op.Unary(Op.UnaryKind.EXP), empty),
                c.b.add(new Op.Take(), full, none),
                c.b.add(new Op.ScatterAdd(3), none, c.b.add(new Op.Take(), full, none)));
    }

    // ---- random multi-op graphs -----------------------------------------------------------------

    /**
     * Random programs over values of shape {@code [a, n, n]} or shapes that broadcast to it: chains
     * of bounded unary ops, broadcasting arithmetic, kept-dim reductions, cumsums, and square
     * matmuls with permuted operands (folded into transpose flags). Several intermediates are
     * outputs, so many values are live at once and buffers are reused around them.
     */
    @Test
    void randomGraphs() {
        Op.UnaryKind[] unary = {Op.UnaryKind.NEG, Op.UnaryKind.TANH, Op.UnaryKind.SIGMOID, Op.UnaryKind.SIN,
            Op.UnaryKind.COS, Op.UnaryKind.ABS};
        Op.BinaryKind[] binary = {Op.BinaryKind.ADD, Op.BinaryKind.SUB, Op.BinaryKind.MUL, Op.BinaryKind.MAX, Op.BinaryKind.MIN};
        for (int t = 0; t < 40; t++) {
            int a = 1 + rnd.nextInt(3);
            int n = 1 + rnd.nextInt(5);
            int[] full = {a, n, n};
            Case c = new Case();
            List<Integer> pool = new ArrayList<>();
            pool.add(c.f32(full));
            pool.add(c.f32(broadcastable(full)));
            int steps = 8 + rnd.nextInt(12);
            for (int s = 0; s < steps; s++) {
                int x = pool.get(rnd.nextInt(pool.size()));
                int y = pool.get(rnd.nextInt(pool.size()));
                int[] xs = c.b.node(x).shape().dims();
                int v = switch (rnd.nextInt(6)) {
                    case 0, 1 -> c.b.add(new Op.Unary(unary[rnd.nextInt(unary.length)]), x);
                    case 2 -> c.b.add(new Op.Binary(binary[rnd.nextInt(binary.length)]), x, y);
                    case 3 -> {
                        int mask = rnd.nextInt(8);
                        int[] axes = java.util.stream.IntStream.range(0, xs.length).filter(ax -> (mask >> ax & 1) == 1).toArray();
                        yield axes.length == 0 ? c.b.add(new Op.Unary(Op.UnaryKind.TANH), x)
                                : c.b.add(new Op.Reduce(rnd.nextBoolean() ? Op.ReduceKind.SUM : Op.ReduceKind.MAX, axes, true), x);
                    }
                    case 4 -> xs.length == 0 ? x : c.b.add(new Op.Cumsum(rnd.nextInt(xs.length), rnd.nextBoolean()), x);
                    default -> {
                        int l = c.b.add(new Op.BroadcastTo(), Shape.of(full), DType.F32, x);
                        int r = c.b.add(new Op.BroadcastTo(), Shape.of(full), DType.F32, y);
                        if (rnd.nextBoolean()) {
                            l = c.b.add(new Op.Permute(new int[] {0, 2, 1}), l);
                        }
                        if (rnd.nextBoolean()) {
                            r = c.b.add(new Op.Permute(new int[] {0, 2, 1}), r);
                        }
                        yield c.b.add(new Op.Unary(Op.UnaryKind.TANH), c.b.add(new Op.MatMul(false, false), l, r));
                    }
                };
                pool.add(v);
            }
            int outs = 1 + rnd.nextInt(3);
            int[] ids = new int[outs];
            for (int o = 0; o < outs; o++) {
                ids[o] = pool.get(pool.size() - 1 - rnd.nextInt(Math.min(pool.size(), 6)));
            }
            ids[0] = pool.get(pool.size() - 1);
            c.check("random graph " + t, ids);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private int[] shuffled(int r) {
        List<Integer> p = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            p.add(i);
        }
        java.util.Collections.shuffle(p, rnd);
        return p.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] concat(int[] x, int[] y) {
        int[] r = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }
}
