package io.recurbench.engine.cpu;

import static io.recurbench.engine.cpu.Naive.assertClose;
import static io.recurbench.engine.cpu.Naive.size;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Op;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** MatMul through {@link Gemm}: transposes, batches, and broadcast batch axes, against a naive triple loop. */
class MatMulKernelTest {

    private final CpuBackend cpu = new CpuBackend();
    private final Random rnd = new Random(3);

    @Test
    void plainAndTransposedOperands() {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                check(new int[] {}, new int[] {}, 7, 9, 13, ta, tb);
                check(new int[] {3}, new int[] {3}, 5, 4, 6, ta, tb);
            }
        }
    }

    @Test
    void sharedRightOperandFoldsBatchesIntoRows() {
        check(new int[] {4, 5}, new int[] {}, 6, 7, 8, false, false);   // [B,S,D] x [D,E]
        check(new int[] {4, 5}, new int[] {}, 6, 7, 8, false, true);
        check(new int[] {2}, new int[] {}, 6, 7, 8, true, false);        // transA cannot fold into rows
    }

    @Test
    void broadcastBatchAxes() {
        check(new int[] {2, 1}, new int[] {1, 3}, 4, 5, 6, false, false);
        check(new int[] {1, 3}, new int[] {2, 1}, 4, 5, 6, true, true);
        check(new int[] {}, new int[] {2, 3}, 4, 5, 6, false, false);    // rank-2 left, batched right
        check(new int[] {2, 3}, new int[] {3}, 4, 5, 6, false, true);
    }

    @Test
    void contractedSizeMismatchFailsAtCompileTime() {
        TestGraph g = new TestGraph();
        int a = g.f32("a", 2, 3);
        int b = g.f32("b", 4, 5);
        g.output("c", g.add(new Op.MatMul(false, false), DType.F32, new int[] {2, 5}, a, b));
        assertThatThrownBy(() -> cpu.compile(g.build())).hasMessageContaining("node 2 (MatMul")
                .hasMessageContaining("contracted sizes differ: F32[2, 3] x F32[4, 5]");
    }

    private void check(int[] aBatch, int[] bBatch, int m, int k, int n, boolean ta, boolean tb) {
        int[] as = concat(aBatch, ta ? new int[] {k, m} : new int[] {m, k});
        int[] bs = concat(bBatch, tb ? new int[] {n, k} : new int[] {k, n});
        int[] batch = Naive.broadcastShape(aBatch, bBatch);
        int[] os = concat(batch, new int[] {m, n});
        float[] a = Naive.randoms(rnd, size(as));
        float[] b = Naive.randoms(rnd, size(bs));
        TestGraph g = new TestGraph();
        int x = g.f32("a", as);
        int y = g.f32("b", bs);
        g.output("c", g.add(new Op.MatMul(ta, tb), DType.F32, os, x, y));
        float[] c;
        try (CpuExecutable exe = cpu.compile(g.build())) {
            c = exe.run(Map.of("a", HostTensor.of(Shape.of(as), a), "b", HostTensor.of(Shape.of(bs), b))).get("c").f32();
        }
        double[] e = new double[size(os)];
        int batches = size(batch);
        for (int t = 0; t < batches; t++) {
            int aOff = (aBatch.length == 0 ? 0 : Naive.broadcastIndex(t, batch, aBatch)) * m * k;
            int bOff = (bBatch.length == 0 ? 0 : Naive.broadcastIndex(t, batch, bBatch)) * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        double av = ta ? a[aOff + p * m + i] : a[aOff + i * k + p];
                        double bv = tb ? b[bOff + j * k + p] : b[bOff + p * n + j];
                        s += av * bv;
                    }
                    e[(t * m + i) * n + j] = s;
                }
            }
        }
        assertClose(c, e, 1e-5, "matmul a" + Arrays.toString(as) + " b" + Arrays.toString(bs) + " ta=" + ta + " tb=" + tb);
    }

    private static int[] concat(int[] x, int[] y) {
        int[] r = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }
}
