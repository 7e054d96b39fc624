package io.recurbench.engine.cpu;

import static io.recurbench.engine.cpu.Naive.assertClose;
import static io.recurbench.engine.cpu.Naive.ravel;
import static io.recurbench.engine.cpu.Naive.size;
import static io.recurbench.engine.cpu.Naive.unravel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reductions, cumsum and data movement against naive index loops written here. */
class ReduceAndMoveKernelTest {

    private final CpuBackend cpu = new CpuBackend();
    private final Random rnd = new Random(11);

    @Test
    void reduceEveryAxisSubsetBothKindsBothDtypes() {
        int[][] shapes = {{4, 5, 6}, {2, 1, 3, 4}, {3, 70}, {7}};
        for (int[] shape : shapes) {
            int r = shape.length;
            for (int mask = 0; mask < (1 << r); mask++) {
                final int m = mask;
                int[] axes = java.util.stream.IntStream.range(0, r).filter(a -> (m >> a & 1) == 1).toArray();
                for (boolean keep : new boolean[] {false, true}) {
                    for (Op.ReduceKind kind : Op.ReduceKind.values()) {
                        for (DType dt : DType.values()) {
                            checkReduce(shape, axes, keep, kind, dt);
                        }
                    }
                }
            }
        }
    }

    @Test
    void largeReductionsSplitAcrossThreads() {
        checkReduce(new int[] {300_000}, new int[] {0}, false, Op.ReduceKind.SUM, DType.F32);
        checkReduce(new int[] {300_000}, new int[] {0}, false, Op.ReduceKind.MAX, DType.F32);
        checkReduce(new int[] {700, 130}, new int[] {1}, false, Op.ReduceKind.SUM, DType.F32);
        checkReduce(new int[] {700, 130}, new int[] {0}, true, Op.ReduceKind.MAX, DType.F32);
        checkReduce(new int[] {40, 50, 70}, new int[] {1}, false, Op.ReduceKind.SUM, DType.F32);
        checkReduce(new int[] {40, 50, 70}, new int[] {0, 2}, true, Op.ReduceKind.SUM, DType.F32);  // two reduced groups
        checkReduce(new int[] {40, 50, 70}, new int[] {1}, false, Op.ReduceKind.MAX, DType.I32);
        checkReduce(new int[] {4, 50, 7, 33}, new int[] {1, 3}, false, Op.ReduceKind.MAX, DType.F32);
        checkReduce(new int[] {4, 50, 7, 33}, new int[] {0, 2}, false, Op.ReduceKind.MAX, DType.F32); // kept innermost group
    }

    private void checkReduce(int[] shape, int[] axes, boolean keep, Op.ReduceKind kind, DType dt) {
        boolean[] red = new boolean[shape.length];
        for (int a : axes) {
            red[a] = true;
        }
        List<Integer> od = new ArrayList<>();
        for (int a = 0; a < shape.length; a++) {
            if (!red[a]) {
                od.add(shape[a]);
            } else if (keep) {
                od.add(1);
            }
        }
        int[] outShape = od.stream().mapToInt(Integer::intValue).toArray();
        int n = size(shape);
        float[] xf = Naive.randoms(rnd, n);
        int[] xi = Naive.ints(rnd, n, 100);
        TestGraph g = new TestGraph();
        int x = g.input("x", dt, shape);
        g.output("y", g.add(new Op.Reduce(kind, axes, keep), dt, outShape, x));
        HostTensor feed = dt == DType.F32 ? HostTensor.of(Shape.of(shape), xf) : HostTensor.ofInts(Shape.of(shape), xi);
        HostTensor y = run(g, Map.of("x", feed)).get("y");
        // Reference: fold each input element into its output element (float64 / long).
        int[] keptDims = Arrays.stream(shape).map(d -> d).toArray();
        for (int a : axes) {
            keptDims[a] = 1;
        }
        double[] e = new double[size(outShape)];
        long[] ei = new long[e.length];
        Arrays.fill(e, kind == Op.ReduceKind.MAX ? Double.NEGATIVE_INFINITY : 0);
        Arrays.fill(ei, kind == Op.ReduceKind.MAX ? Integer.MIN_VALUE : 0);
        for (int i = 0; i < n; i++) {
            int[] idx = unravel(i, shape);
            for (int a : axes) {
                idx[a] = 0;
            }
            int o = ravel(idx, keptDims);
            if (kind == Op.ReduceKind.MAX) {
                e[o] = Math.max(e[o], xf[i]);
                ei[o] = Math.max(ei[o], xi[i]);
            } else {
                e[o] += xf[i];
                ei[o] += xi[i];
            }
        }
        String what = kind + " " + dt + " " + Arrays.toString(shape) + " axes " + Arrays.toString(axes) + " keep=" + keep;
        assertThat(y.shape()).as(what).isEqualTo(Shape.of(outShape));
        if (dt == DType.F32) {
            assertClose(y.f32(), e, 1e-5 * Math.sqrt(n), what);
        } else {
            for (int i = 0; i < e.length; i++) {
                assertThat((long) y.i32()[i]).as(what + " at " + i).isEqualTo(ei[i]);
            }
        }
    }

    @Test
    void cumsumEveryAxisBothDirections() {
        int[] shape = {3, 4, 35};
        float[] x = Naive.randoms(rnd, size(shape));
        int[] xi = Naive.ints(rnd, size(shape), 9);
        for (int axis = 0; axis < 3; axis++) {
            for (boolean rev : new boolean[] {false, true}) {
                for (DType dt : DType.values()) {
                    TestGraph g = new TestGraph();
                    int in = g.input("x", dt, shape);
                    g.output("y", g.add(new Op.Cumsum(axis, rev), dt, shape, in));
                    HostTensor feed = dt == DType.F32 ? HostTensor.of(Shape.of(shape), x) : HostTensor.ofInts(Shape.of(shape), xi);
                    HostTensor y = run(g, Map.of("x", feed)).get("y");
                    double[] e = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        int[] idx = unravel(i, shape);
                        int pos = idx[axis];
                        double s = 0;
                        for (int j = 0; j < shape[axis]; j++) {
                            if (rev ? j >= pos : j <= pos) {
                                idx[axis] = j;
                                s += dt == DType.F32 ? x[ravel(idx, shape)] : xi[ravel(idx, shape)];
                            }
                        }
                        e[i] = s;
                    }
                    if (dt == DType.F32) {
                        assertClose(y.f32(), e, 1e-5, "cumsum axis " + axis + " rev " + rev);
                    } else {
                        for (int i = 0; i < e.length; i++) {
                            assertThat((double) y.i32()[i]).isEqualTo(e[i]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void permuteEveryRank3And4Order() {
        checkAllPerms(new int[] {3, 4, 5});
        checkAllPerms(new int[] {2, 1, 3, 5});
        checkAllPerms(new int[] {2, 3, 4, 5});
        checkPermute(new int[] {3, 70, 45}, new int[] {0, 2, 1}); // blocked transpose, tiles with ragged edges
        checkPermute(new int[] {400, 300}, new int[] {1, 0});     // large: split across threads
    }

    private void checkAllPerms(int[] shape) {
        for (int[] perm : permutations(shape.length)) {
            checkPermute(shape, perm);
        }
    }

    private void checkPermute(int[] shape, int[] perm) {
        int[] outShape = new int[shape.length];
        for (int i = 0; i < perm.length; i++) {
            outShape[i] = shape[perm[i]];
        }
        int n = size(shape);
        float[] x = Naive.randoms(rnd, n);
        int[] xi = Naive.ints(rnd, n, 1000);
        for (DType dt : DType.values()) {
            TestGraph g = new TestGraph();
            int in = g.input("x", dt, shape);
            g.output("y", g.add(new Op.Permute(perm), dt, outShape, in));
            HostTensor y = run(g, Map.of("x", dt == DType.F32 ? HostTensor.of(Shape.of(shape), x) : HostTensor.ofInts(Shape.of(shape), xi))).get("y");
            float[] ef = new float[n];
            int[] ei = new int[n];
            for (int o = 0; o < n; o++) {
                int[] oi = unravel(o, outShape);
                int[] ii = new int[shape.length];
                for (int a = 0; a < perm.length; a++) {
                    ii[perm[a]] = oi[a];
                }
                int src = ravel(ii, shape);
                ef[o] = x[src];
                ei[o] = xi[src];
            }
            String what = "perm " + Arrays.toString(perm) + " of " + Arrays.toString(shape) + " " + dt;
            if (dt == DType.F32) {
                assertThat(Arrays.mismatch(y.f32(), ef)).as(what).isEqualTo(-1);
            } else {
                Naive.assertIntsEqual(y.i32(), ei, what);
            }
        }
    }

    private static List<int[]> permutations(int r) {
        List<int[]> out = new ArrayList<>();
        permute(new int[r], new boolean[r], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int pos, List<int[]> out) {
        if (pos == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int i = 0; i < cur.length; i++) {
            if (!used[i]) {
                used[i] = true;
                cur[pos] = i;
                permute(cur, used, pos + 1, out);
                used[i] = false;
            }
        }
    }

    @Test
    void broadcastToNewAndStretchedAxes() {
        int[] in = {3, 1};
        int[] out = {2, 3, 4};
        float[] x = {1, 2, 3};
        TestGraph g = new TestGraph();
        int i = g.f32("x", in);
        g.output("y", g.add(new Op.BroadcastTo(), DType.F32, out, i));
        float[] y = run(g, Map.of("x", HostTensor.of(Shape.of(in), x))).get("y").f32();
        for (int o = 0; o < y.length; o++) {
            assertThat(y[o]).isEqualTo(x[Naive.broadcastIndex(o, out, in)]);
        }
    }

    @Test
    void sliceAndPadAreAdjoint() {
        int[] shape = {2, 5, 3};
        float[] x = Naive.randoms(rnd, size(shape));
        TestGraph g = new TestGraph();
        int in = g.f32("x", shape);
        int s = g.add(new Op.Slice(1, 1, 4), DType.F32, new int[] {2, 3, 3}, in);
        int p = g.add(new Op.Pad(1, 1, 1), DType.F32, new int[] {2, 5, 3}, s);
        g.output("slice", s).output("pad", p);
        Map<String, HostTensor> out = run(g, Map.of("x", HostTensor.of(Shape.of(shape), x)));
        float[] sl = out.get("slice").f32();
        float[] pd = out.get("pad").f32();
        for (int o = 0; o < pd.length; o++) {
            int[] idx = unravel(o, shape);
            boolean inside = idx[1] >= 1 && idx[1] < 4;
            assertThat(pd[o]).isEqualTo(inside ? x[o] : 0f);
            if (inside) {
                assertThat(sl[ravel(new int[] {idx[0], idx[1] - 1, idx[2]}, new int[] {2, 3, 3})]).isEqualTo(x[o]);
            }
        }
    }

    @Test
    void concatAlongMiddleAxisBothDtypes() {
        TestGraph g = new TestGraph();
        int a = g.i32("a", 2, 1, 2);
        int b = g.i32("b", 2, 2, 2);
        g.output("c", g.add(new Op.Concat(1), DType.I32, new int[] {2, 3, 2}, a, b));
        int[] c = run(g, Map.of("a", HostTensor.ofInts(Shape.of(2, 1, 2), 1, 2, 3, 4),
                "b", HostTensor.ofInts(Shape.of(2, 2, 2), 10, 11, 12, 13, 14, 15, 16, 17))).get("c").i32();
        assertThat(c).containsExactly(1, 2, 10, 11, 12, 13, 3, 4, 14, 15, 16, 17);
    }

    @Test
    void takeGathersRowsAndScatterAddAccumulatesRepeats() {
        float[] table = Naive.randoms(rnd, 5 * 3);
        int[] idx = {4, 0, 4, 2, 2, 2};
        TestGraph g = new TestGraph();
        int t = g.f32("t", 5, 3);
        int i = g.i32("i", 2, 3);
        int taken = g.add(new Op.Take(), DType.F32, new int[] {2, 3, 3}, t, i);
        int scat = g.add(new Op.ScatterAdd(5), DType.F32, new int[] {5, 3}, i, taken);
        g.output("taken", taken).output("scat", scat);
        Map<String, HostTensor> out = run(g, Map.of("t", HostTensor.of(Shape.of(5, 3), table), "i", HostTensor.ofInts(Shape.of(2, 3), idx)));
        float[] tk = out.get("taken").f32();
        double[] sc = new double[15];
        for (int n = 0; n < idx.length; n++) {
            for (int c = 0; c < 3; c++) {
                assertThat(tk[n * 3 + c]).isEqualTo(table[idx[n] * 3 + c]);
                sc[idx[n] * 3 + c] += table[idx[n] * 3 + c];
            }
        }
        assertClose(out.get("scat").f32(), sc, 1e-6, "scatterAdd");
    }

    @Test
    void takeOutOfRangeIndexNamesNodeAndIndex() {
        TestGraph g = new TestGraph();
        int t = g.f32("t", 2, 2);
        int i = g.i32("i", 1);
        g.output("y", g.add(new Op.Take(), DType.F32, new int[] {1, 2}, t, i));
        assertThatThrownBy(() -> run(g, Map.of("t", HostTensor.of(Shape.of(2, 2), 1, 2, 3, 4), "i", HostTensor.ofInts(Shape.of(1), 2))))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("node 2").hasMessageContaining("index 2")
                .hasMessageContaining("[0, 2)");
    }

    @Test
    void iotaFillAndConstants() {
        TestGraph g = new TestGraph();
        int io = g.add(new Op.Iota(1), DType.I32, new int[] {2, 3, 2});
        int iof = g.add(new Op.Iota(0), DType.F32, new int[] {3});
        int fill = g.add(new Op.Fill(2.5), DType.F32, new int[] {2, 2});
        int ci = g.add(new Op.ConstantI32(new int[] {7, 8}), DType.I32, new int[] {2});
        int cf = g.add(new Op.ConstantF32(new float[] {0.5f}), DType.F32, new int[] {});
        g.output("io", io).output("iof", iof).output("fill", fill).output("ci", ci).output("cf", cf);
        Map<String, HostTensor> out = run(g, Map.of());
        assertThat(out.get("io").i32()).containsExactly(0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2);
        assertThat(out.get("iof").f32()).containsExactly(0, 1, 2);
        assertThat(out.get("fill").f32()).containsExactly(2.5f, 2.5f, 2.5f, 2.5f);
        assertThat(out.get("ci").i32()).containsExactly(7, 8);
        assertThat(out.get("cf").item()).isEqualTo(0.5f);
    }

    @Test
    void constantOfWrongLengthFailsAtCompileTime() {
        TestGraph g = new TestGraph();
        g.output("c", g.add(new Op.ConstantF32(new float[] {1, 2}), DType.F32, new int[] {3}));
        assertThatThrownBy(() -> cpu.compile(g.build())).hasMessageContaining("node 0").hasMessageContaining("needs 3 values, has 2");
    }

    private Map<String, HostTensor> run(TestGraph g, Map<String, HostTensor> feeds) {
        try (CpuExecutable exe = cpu.compile(g.build())) {
            return exe.run(feeds);
        }
    }
}
