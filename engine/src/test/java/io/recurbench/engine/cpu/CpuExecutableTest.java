package io.recurbench.engine.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Op;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Feeds, outputs, schedule and the buffer plan of a compiled graph. */
class CpuExecutableTest {

    private final CpuBackend cpu = new CpuBackend();

    private static Graph affine() {
        TestGraph g = new TestGraph();
        int x = g.f32("x", 2, 3);
        int w = g.add(new Op.Parameter("layer.w"), DType.F32, new int[] {3, 4});
        int y = g.add(new Op.MatMul(false, false), DType.F32, new int[] {2, 4}, x, w);
        return g.output("y", y).build();
    }

    @Test
    void backendNameAndDevice() {
        assertThat(cpu.name()).isEqualTo("cpu");
        assertThat(cpu.device()).contains("threads").contains("-bit vectors");
    }

    @Test
    void foundByServiceLoaderAsCpu() {
        assertThat(java.util.ServiceLoader.load(io.recurbench.engine.backend.Backend.class).stream()
                .map(p -> p.get().name())).contains("cpu");
    }

    @Test
    void missingFeedNamesItAndTheExpectedShape() {
        try (CpuExecutable exe = cpu.compile(affine())) {
            assertThatThrownBy(() -> exe.run(Map.of("x", HostTensor.zeros(Shape.of(2, 3), DType.F32))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("missing feed 'layer.w': expected F32[3, 4]");
        }
    }

    @Test
    void wrongShapeOrDtypeFeedNamesExpectedAndGiven() {
        try (CpuExecutable exe = cpu.compile(affine())) {
            HostTensor w = HostTensor.zeros(Shape.of(3, 4), DType.F32);
            assertThatThrownBy(() -> exe.run(Map.of("x", HostTensor.zeros(Shape.of(3, 2), DType.F32), "layer.w", w)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("feed 'x': expected F32[2, 3], given F32[3, 2]");
            assertThatThrownBy(() -> exe.run(Map.of("x", HostTensor.zeros(Shape.of(2, 3), DType.I32), "layer.w", w)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("feed 'x': expected F32[2, 3], given I32[2, 3]");
        }
    }

    @Test
    void outputsStayValidAcrossRunsAndFeedsAreNotMutated() {
        TestGraph g = new TestGraph();
        int x = g.f32("x", 3);
        int e = g.add(new Op.Unary(Op.UnaryKind.NEG), DType.F32, new int[] {3}, x);
        g.output("neg", e).output("same", x).output("view", g.add(new Op.Reshape(), DType.F32, new int[] {1, 3}, e));
        try (CpuExecutable exe = cpu.compile(g.build())) {
            float[] in = {1, 2, 3};
            Map<String, HostTensor> first = exe.run(Map.of("x", HostTensor.of(Shape.of(3), in)));
            Map<String, HostTensor> second = exe.run(Map.of("x", HostTensor.of(Shape.of(3), 4, 5, 6)));
            assertThat(first.get("neg").f32()).containsExactly(-1, -2, -3);
            assertThat(first.get("view").shape()).isEqualTo(Shape.of(1, 3));
            assertThat(first.get("view").f32()).containsExactly(-1, -2, -3).isNotSameAs(first.get("neg").f32());
            assertThat(first.get("same").f32()).containsExactly(1, 2, 3).isNotSameAs(in);
            assertThat(second.get("neg").f32()).containsExactly(-4, -5, -6);
            assertThat(in).containsExactly(1, 2, 3);
        }
    }

    @Test
    void profileTimesEveryComputingNodeAndReturnsNothingElse() {
        try (CpuExecutable exe = cpu.compile(affine())) {
            var times = exe.profile(Map.of("x", HostTensor.zeros(Shape.of(2, 3), DType.F32),
                    "layer.w", HostTensor.zeros(Shape.of(3, 4), DType.F32)));
            assertThat(times).hasSize(1);
            assertThat(times.get(0).node()).isEqualTo(2);
            assertThat(times.get(0).op()).startsWith("node 2 (MatMul F32[2, 4]");
            assertThat(times.get(0).nanos()).isPositive();
        }
    }

    /** Runs of one executable are serialized, runs of different executables overlap; all give the same results. */
    @Test
    void concurrentRunsAgreeWithSequentialOnes() throws Exception {
        int n = 100_000; // large enough that kernels also use the worker pool
        TestGraph g = new TestGraph();
        int x = g.f32("x", n);
        // Exactly rounded ops only: transcendentals may differ by an ulp before and after the JIT compiles a loop.
        int t = g.add(new Op.Unary(Op.UnaryKind.SQRT), DType.F32, new int[] {n},
                g.add(new Op.Unary(Op.UnaryKind.ABS), DType.F32, new int[] {n}, x));
        int s = g.add(new Op.Reduce(Op.ReduceKind.SUM, new int[] {0}, false), DType.F32, new int[] {}, t);
        g.output("y", g.add(new Op.Binary(Op.BinaryKind.MUL), DType.F32, new int[] {n}, t, s));
        Graph graph = g.build();
        float[] in = Naive.randoms(new java.util.Random(3), n);
        Map<String, HostTensor> feeds = Map.of("x", HostTensor.of(Shape.of(n), in));
        try (CpuExecutable shared = cpu.compile(graph); CpuExecutable other = cpu.compile(graph)) {
            float[] expected = shared.run(feeds).get("y").f32();
            java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                java.util.List<java.util.concurrent.Future<float[]>> results = new java.util.ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    CpuExecutable exe = i % 2 == 0 ? shared : other;
                    results.add(callers.submit(() -> exe.run(feeds).get("y").f32()));
                }
                for (var r : results) {
                    assertThat(java.util.Arrays.equals(r.get(), expected)).isTrue();
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }

    /**
     * Exactly rounded ops and sums give the same bits before and after the JIT compiles the
     * kernels (the sum of vector lanes is taken in a fixed order, not by {@code reduceLanes}).
     */
    @Test
    void exactOpsGiveTheSameBitsColdAndWarm() {
        TestGraph g = new TestGraph();
        int x = g.f32("x", 64, 256);
        int r = g.add(new Op.Unary(Op.UnaryKind.SQRT), DType.F32, new int[] {64, 256},
                g.add(new Op.Unary(Op.UnaryKind.ABS), DType.F32, new int[] {64, 256}, x));
        int rows = g.add(new Op.Reduce(Op.ReduceKind.SUM, new int[] {1}, false), DType.F32, new int[] {64}, r);
        int all = g.add(new Op.Reduce(Op.ReduceKind.SUM, new int[] {0, 1}, false), DType.F32, new int[] {}, x);
        g.output("rows", rows).output("all", all);
        Map<String, HostTensor> feeds = Map.of("x", HostTensor.of(Shape.of(64, 256), Naive.randoms(new java.util.Random(9), 64 * 256)));
        try (CpuExecutable exe = new CpuBackend().compile(g.build())) {
            Map<String, HostTensor> first = exe.run(feeds);
            Map<String, HostTensor> later = first;
            for (int i = 0; i < 2000; i++) {
                later = exe.run(feeds);
            }
            assertThat(java.util.Arrays.equals(later.get("rows").f32(), first.get("rows").f32())).isTrue();
            assertThat(later.get("all").item()).isEqualTo(first.get("all").item());
        }
    }

    @Test
    void deadNodesAreNotScheduled() {
        TestGraph g = new TestGraph();
        int x = g.f32("x", 3);
        g.add(new Op.Unary(Op.UnaryKind.EXP), DType.F32, new int[] {3}, x); // read by nothing
        int y = g.add(new Op.Unary(Op.UnaryKind.NEG), DType.F32, new int[] {3}, x);
        g.output("y", y);
        try (CpuExecutable exe = cpu.compile(g.build())) {
            assertThat(exe.schedule()).containsExactly(0, 2);
        }
    }

    /**
     * A chain where each value dies right after its user: buffers must be reused (planned bytes
     * below naive), while a long-lived value read at the very end must never share its buffer with
     * anything computed in between — if it did, the final sum would be wrong.
     */
    @Test
    void bufferReuseNeverAliasesALiveValue() {
        int n = 1000;
        TestGraph g = new TestGraph();
        int x = g.f32("x", n);
        int keep = g.add(new Op.Unary(Op.UnaryKind.NEG), DType.F32, new int[] {n}, x); // live until the end
        int cur = g.add(new Op.Unary(Op.UnaryKind.ABS), DType.F32, new int[] {n}, x);
        for (int i = 0; i < 6; i++) {
            int one = g.add(new Op.Fill(1.0), DType.F32, new int[] {n});
            cur = g.add(new Op.Binary(Op.BinaryKind.ADD), DType.F32, new int[] {n}, cur, one);
        }
        int viewed = g.add(new Op.Reshape(), DType.F32, new int[] {10, 100}, keep);
        int flat = g.add(new Op.Reshape(), DType.F32, new int[] {n}, viewed);
        int sum = g.add(new Op.Binary(Op.BinaryKind.ADD), DType.F32, new int[] {n}, cur, flat);
        g.output("y", g.add(new Op.Unary(Op.UnaryKind.EXP), DType.F32, new int[] {n}, sum));
        Graph graph = g.build();
        // Fusion off: every node then runs at its own schedule position, which the overlap check assumes.
        try (CpuExecutable exe = new CpuBackend(false).compile(graph)) {
            BufferPlan plan = exe.bufferPlan();
            assertThat(plan.plannedBytes()).isLessThan(plan.naiveBytes() / 3);
            assertNoLiveOverlap(graph, exe.schedule(), plan);
        }
        for (boolean fuse : new boolean[] {false, true}) {
            checkChainResult(new CpuBackend(fuse).compile(graph), n);
        }
    }

    private static void checkChainResult(CpuExecutable compiled, int n) {
        try (CpuExecutable exe = compiled) {
            float[] in = Naive.randoms(new java.util.Random(5), n);
            for (int run = 0; run < 2; run++) {
                float[] y = exe.run(Map.of("x", HostTensor.of(Shape.of(n), in))).get("y").f32();
                double[] e = new double[n];
                for (int i = 0; i < n; i++) {
                    e[i] = Math.exp(Math.abs(in[i]) + 6 - in[i]);
                }
                Naive.assertClose(y, e, 1e-5, "run " + run);
            }
        }
    }

    /** Independent check of the plan: two pooled values whose live ranges overlap never share a slot. */
    private static void assertNoLiveOverlap(Graph graph, int[] schedule, BufferPlan plan) {
        int size = graph.nodes().size();
        int[] def = new int[size];
        int[] last = new int[size];
        java.util.Arrays.fill(def, -1);
        for (int p = 0; p < schedule.length; p++) {
            int root = plan.root()[schedule[p]];
            if (def[root] < 0) {
                def[root] = p;
            }
            last[root] = Math.max(last[root], p);
            for (int in : graph.node(schedule[p]).inputs()) {
                last[plan.root()[in]] = Math.max(last[plan.root()[in]], p);
            }
        }
        for (int a = 0; a < size; a++) {
            for (int b = a + 1; b < size; b++) {
                if (plan.slot()[a] < 0 || plan.slot()[a] != plan.slot()[b]) {
                    continue;
                }
                boolean disjoint = last[a] < def[b] || last[b] < def[a];
                assertThat(disjoint).as("nodes " + a + " and " + b + " share slot " + plan.slot()[a]
                        + " with live ranges [" + def[a] + "," + last[a] + "] and [" + def[b] + "," + last[b] + "]").isTrue();
            }
        }
    }

    @Test
    void sizeClassesRoundUpByAtMostAQuarter() {
        for (int n = 1; n < 100_000; n += 37) {
            int c = BufferPlan.sizeClass(n);
            assertThat(c).isGreaterThanOrEqualTo(n);
            assertThat(c).isLessThanOrEqualTo(Math.max(8, n + n / 4 + 1));
        }
        assertThat(BufferPlan.sizeClass(1000)).isEqualTo(BufferPlan.sizeClass(1020));
    }

    @Test
    void malformedGraphFailsAtCompileTime() {
        java.util.List<io.recurbench.engine.ir.Node> nodes = java.util.List.of(
                new io.recurbench.engine.ir.Node(0, new Op.Unary(Op.UnaryKind.NEG), new int[] {1}, Shape.of(1), DType.F32, "here"),
                new io.recurbench.engine.ir.Node(1, new Op.Input("x"), new int[] {}, Shape.of(1), DType.F32, "there"));
        Graph bad = new Graph(nodes, java.util.List.of(), Map.of("y", 0));
        assertThatThrownBy(() -> cpu.compile(bad)).hasMessageContaining("node 0").hasMessageContaining("topological");
    }
}
