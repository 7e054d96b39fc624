package io.recurbench.engine.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Op;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Elementwise fusion: which nodes fuse, that liveness follows the group, and bit-identical results. */
class FusionTest {

    private final Random rnd = new Random(31);

    private static Map<String, HostTensor> run(boolean fuse, Graph g, Map<String, HostTensor> feeds) {
        try (CpuExecutable exe = new CpuBackend(fuse).compile(g)) {
            return exe.run(feeds);
        }
    }

    /** Fused and unfused results agree bit for bit (graphs of exactly rounded ops only: see {@link #EXACT_UNARY}). */
    private static void assertBitIdentical(Graph g, Map<String, HostTensor> feeds) {
        assertAgree(g, feeds, 0);
    }

    /**
     * Fused and unfused results agree within {@code ulps} units in the last place (or, for
     * {@code ulps < 0}, within {@code 1e-5 · max(1, |x|)}). Transcendental
     * lane operations ({@code EXP}, {@code TANH}, …) may differ by an ulp between the JIT's
     * intrinsic and the Vector API's Java fallback that runs before a loop is compiled, so graphs
     * using them are compared with {@code ulps > 0}.
     */
    private static void assertAgree(Graph g, Map<String, HostTensor> feeds, int ulps) {
        if (ulps < 0) { // relative tolerance instead of ulps
            Map<String, HostTensor> fused = run(true, g, feeds);
            Map<String, HostTensor> plain = run(false, g, feeds);
            for (String name : g.outputs().keySet()) {
                float[] b = plain.get(name).f32();
                double[] e = new double[b.length];
                for (int i = 0; i < b.length; i++) {
                    e[i] = b[i];
                }
                Naive.assertClose(fused.get(name).f32(), e, 1e-5, name);
            }
            return;
        }
        Map<String, HostTensor> fused = run(true, g, feeds);
        Map<String, HostTensor> plain = run(false, g, feeds);
        for (String name : g.outputs().keySet()) {
            float[] a = fused.get(name).f32();
            float[] b = plain.get(name).f32();
            assertThat(a).hasSameSizeAs(b);
            for (int i = 0; i < a.length; i++) {
                boolean same = Float.floatToIntBits(a[i]) == Float.floatToIntBits(b[i])
                        || Math.abs(a[i] - b[i]) <= ulps * Math.ulp(Math.max(Math.abs(a[i]), Math.abs(b[i])));
                if (!same) {
                    throw new AssertionError(name + " at " + i + ": fused " + a[i] + " vs unfused " + b[i]
                            + " (allowed " + ulps + " ulp)");
                }
            }
        }
    }

    /** Unary kinds that are exactly rounded (same bits compiled or interpreted). */
    private static final Op.UnaryKind[] EXACT_UNARY = {Op.UnaryKind.NEG, Op.UnaryKind.ABS, Op.UnaryKind.SQRT};

    /** Binary kinds that are exactly rounded. */
    private static final Op.BinaryKind[] EXACT_BINARY = {Op.BinaryKind.ADD, Op.BinaryKind.SUB, Op.BinaryKind.MUL,
        Op.BinaryKind.DIV, Op.BinaryKind.MAX, Op.BinaryKind.MIN};

    /** y = exp(-(x·s + b)) · (x + 2): one group; x, s, b are read, the rest stays in tiles. */
    private static Graph chain(int n) {
        TestGraph g = new TestGraph();
        int x = g.f32("x", n);
        int s = g.f32("s");
        int b = g.f32("b", n);
        int xs = g.add(new Op.Binary(Op.BinaryKind.MUL), DType.F32, new int[] {n}, x, s);
        int sum = g.add(new Op.Binary(Op.BinaryKind.ADD), DType.F32, new int[] {n}, xs, b);
        int e = g.add(new Op.Unary(Op.UnaryKind.EXP), DType.F32, new int[] {n},
                g.add(new Op.Unary(Op.UnaryKind.NEG), DType.F32, new int[] {n}, sum));
        int two = g.add(new Op.Fill(2.0), DType.F32, new int[] {n});
        int x2 = g.add(new Op.Binary(Op.BinaryKind.ADD), DType.F32, new int[] {n}, x, two);
        g.output("y", g.add(new Op.Binary(Op.BinaryKind.MUL), DType.F32, new int[] {n}, e, x2));
        return g.build();
    }

    private Map<String, HostTensor> chainFeeds(int n) {
        return Map.of("x", HostTensor.of(Shape.of(n), Naive.randoms(rnd, n)), "s", HostTensor.of(Shape.scalar(), 0.7f),
                "b", HostTensor.of(Shape.of(n), Naive.randoms(rnd, n)));
    }

    @Test
    void aChainRunsAsOneKernelWithoutIntermediateBuffers() {
        int n = 1000;
        Graph g = chain(n);
        try (CpuExecutable exe = new CpuBackend().compile(g)) {
            List<CpuExecutable.NodeTime> times = exe.profile(chainFeeds(n));
            assertThat(times).hasSize(1);
            assertThat(times.get(0).op()).contains("fused with 6 nodes");
            assertThat(exe.bufferPlan().slotCount()).isZero(); // only the output, which is a fresh array
        }
        Map<String, HostTensor> feeds = chainFeeds(n);
        float[] x = feeds.get("x").f32();
        float[] b = feeds.get("b").f32();
        float[] y = run(true, g, feeds).get("y").f32();
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = Math.exp(-(x[i] * 0.7 + b[i])) * (x[i] + 2);
        }
        Naive.assertClose(y, e, 1e-5, "fused chain");
    }

    @Test
    void valuesReadAcrossGroupsAndOutputsAreNotAbsorbedButBroadcastOperandsAre() {
        TestGraph g = new TestGraph();
        int x = g.f32("x", 4, 8);
        int row = g.f32("row", 8);
        int a = g.add(new Op.Unary(Op.UnaryKind.ABS), DType.F32, new int[] {4, 8}, x);           // read twice, one group
        int b = g.add(new Op.Binary(Op.BinaryKind.MUL), DType.F32, new int[] {4, 8}, a, a);
        int c = g.add(new Op.Unary(Op.UnaryKind.NEG), DType.F32, new int[] {4, 8}, b);           // an output
        int d = g.add(new Op.Binary(Op.BinaryKind.ADD), DType.F32, new int[] {4, 8}, c, row);    // row-broadcast operand
        int e = g.add(new Op.Unary(Op.UnaryKind.ABS), DType.F32, new int[] {4, 8}, d);
        int s = g.add(new Op.Unary(Op.UnaryKind.SQRT), DType.F32, new int[] {4, 8}, x);          // read by two groups
        int p = g.add(new Op.Unary(Op.UnaryKind.NEG), DType.F32, new int[] {4, 8}, s);
        int q = g.add(new Op.Reduce(Op.ReduceKind.SUM, new int[] {1}, false), DType.F32, new int[] {4}, p);
        int r = g.add(new Op.Binary(Op.BinaryKind.MUL), DType.F32, new int[] {4, 8}, s, e);
        g.output("c", c).output("r", r).output("q", q);
        Graph graph = g.build();
        Fusion f = Fusion.plan(graph, CpuBackend.schedule(graph));
        assertThat(f.absorbed(a)).isTrue();   // both reads are b's
        assertThat(f.absorbed(b)).isTrue();   // into c
        assertThat(f.absorbed(c)).isFalse();  // an output
        assertThat(f.absorbed(d)).isTrue();   // into r, reading row with step 0 across rows
        assertThat(f.absorbed(e)).isTrue();   // into r
        assertThat(f.absorbed(s)).isFalse();  // read by p (p's own group, before a reduction) and by r
        assertThat(f.absorbed(p)).isFalse();  // read by a reduction
        assertThat(f.members()[c]).containsExactly(a, b);
        assertThat(f.members()[r]).containsExactly(d, e);
        assertBitIdentical(graph, Map.of("x", HostTensor.of(Shape.of(4, 8), Naive.randoms(rnd, 32)),
                "row", HostTensor.of(Shape.of(8), Naive.randoms(rnd, 8))));
    }

    /**
     * A member reads {@code a} early in the schedule, but runs only with its group root at the end;
     * in between, non-fusible nodes take buffers. If {@code a}'s buffer were released at the
     * member's schedule position, a cumsum would overwrite it before the group reads it.
     */
    @Test
    void valuesReadByAMemberStayLiveUntilTheGroupRuns() {
        int n = 700;
        TestGraph g = new TestGraph();
        int x = g.f32("x", n);
        int y = g.f32("y", n);
        int a = g.add(new Op.Cumsum(0, false), DType.F32, new int[] {n}, x);
        int m = g.add(new Op.Binary(Op.BinaryKind.MUL), DType.F32, new int[] {n}, a, y);        // member
        int c = g.add(new Op.Cumsum(0, true), DType.F32, new int[] {n}, y);
        int d = g.add(new Op.Cumsum(0, false), DType.F32, new int[] {n}, c);
        int r = g.add(new Op.Binary(Op.BinaryKind.SUB), DType.F32, new int[] {n}, m, d);        // root
        g.output("r", r);
        Graph graph = g.build();
        Fusion f = Fusion.plan(graph, CpuBackend.schedule(graph));
        assertThat(f.absorbed(m)).isTrue();
        Map<String, HostTensor> feeds = Map.of("x", HostTensor.of(Shape.of(n), Naive.randoms(rnd, n)),
                "y", HostTensor.of(Shape.of(n), Naive.randoms(rnd, n)));
        assertBitIdentical(graph, feeds);
    }

    @Test
    void largeChainsAcrossTilesAndThreadsAreBitIdentical() {
        for (int n : new int[] {1, 511, 512, 513, 200_003}) {
            assertAgree(chain(n), chainFeeds(n), 2); // the chain has an EXP, then one multiplication
        }
    }

    @Test
    void randomElementwiseGraphsAreBitIdentical() {
        randomGraphs(EXACT_UNARY, EXACT_BINARY, 0);
    }

    /**
     * With transcendentals, an ulp of difference (see {@link #assertAgree}) can grow through later
     * ops, so these graphs use bounded functions and non-amplifying arithmetic and are compared
     * within {@code 1e-5 · max(1, |x|)}.
     */
    @Test
    void randomGraphsWithTranscendentalsAgree() {
        Op.UnaryKind[] unary = {Op.UnaryKind.NEG, Op.UnaryKind.TANH, Op.UnaryKind.SIGMOID, Op.UnaryKind.SIN, Op.UnaryKind.COS};
        Op.BinaryKind[] binary = {Op.BinaryKind.ADD, Op.BinaryKind.SUB, Op.BinaryKind.MUL, Op.BinaryKind.MAX, Op.BinaryKind.MIN};
        randomGraphs(unary, binary, -1);
    }

    /** Random elementwise graphs over [r, c] values, [c] rows, [r, 1] columns, scalars and fills. */
    private void randomGraphs(Op.UnaryKind[] unary, Op.BinaryKind[] binary, int ulps) {
        for (int t = 0; t < 30; t++) {
            int r = 1 + rnd.nextInt(40);
            int c = 1 + rnd.nextInt(700);
            int[] full = {r, c};
            TestGraph g = new TestGraph();
            List<Integer> pool = new java.util.ArrayList<>(List.of(g.f32("x", r, c), g.f32("y", r, c)));
            int row = g.f32("row", c);
            int col = g.f32("col", r, 1);
            int s0 = g.f32("s");
            for (int s = 0; s < 12; s++) {
                int a = pool.get(rnd.nextInt(pool.size()));
                int v = switch (rnd.nextInt(4)) {
                    case 0 -> g.add(new Op.Unary(unary[rnd.nextInt(unary.length)]), DType.F32, full, a);
                    case 1 -> g.add(new Op.Binary(binary[rnd.nextInt(binary.length)]), DType.F32, full, a,
                            pool.get(rnd.nextInt(pool.size())));
                    case 2 -> {
                        int b = new int[] {row, col, s0}[rnd.nextInt(3)];
                        yield rnd.nextBoolean()
                                ? g.add(new Op.Binary(binary[rnd.nextInt(binary.length)]), DType.F32, full, a, b)
                                : g.add(new Op.Binary(binary[rnd.nextInt(binary.length)]), DType.F32, full, b, a);
                    }
                    default -> g.add(new Op.Binary(binary[rnd.nextInt(binary.length)]), DType.F32, full, a,
                            g.add(new Op.Fill(rnd.nextInt(5) - 2), DType.F32, rnd.nextBoolean() ? full : new int[] {}));
                };
                pool.add(v);
            }
            g.output("last", pool.get(pool.size() - 1)).output("mid", pool.get(2 + rnd.nextInt(pool.size() - 2)));
            assertAgree(g.build(), Map.of("x", HostTensor.of(Shape.of(r, c), Naive.randoms(rnd, r * c)),
                    "y", HostTensor.of(Shape.of(r, c), Naive.randoms(rnd, r * c)),
                    "row", HostTensor.of(Shape.of(c), Naive.randoms(rnd, c)),
                    "col", HostTensor.of(Shape.of(r, 1), Naive.randoms(rnd, r)),
                    "s", HostTensor.of(Shape.scalar(), 0.5f)), ulps);
        }
    }
}
