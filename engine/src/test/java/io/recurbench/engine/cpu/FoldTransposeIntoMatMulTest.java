package io.recurbench.engine.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.transform.FoldTransposeIntoMatMul;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The transpose fold changes the graph (permutes gone, flags set) but not a single output bit. */
class FoldTransposeIntoMatMulTest {

    private final Random rnd = new Random(17);

    /** {@code matmul(permute(a), permute(b))} with a = [2, 5, 3] read as [2, 3, 5], b = [4, 5] read as [5, 4]. */
    private static Graph permutedOperands(boolean keepPermuteAsOutput) {
        TestGraph g = new TestGraph();
        int a = g.f32("a", 2, 5, 3);
        int b = g.f32("b", 4, 5);
        int at = g.add(new Op.Permute(new int[] {0, 2, 1}), DType.F32, new int[] {2, 3, 5}, a);
        int bt = g.add(new Op.Permute(new int[] {1, 0}), DType.F32, new int[] {5, 4}, b);
        int c = g.add(new Op.MatMul(false, false), DType.F32, new int[] {2, 3, 4}, at, bt);
        g.output("c", c);
        if (keepPermuteAsOutput) {
            g.output("at", at);
        }
        return g.build();
    }

    @Test
    void foldsBothOperandsAndDropsTheUnusedPermutes() {
        Graph folded = FoldTransposeIntoMatMul.apply(permutedOperands(false));
        assertThat(folded.nodes()).hasSize(3);
        assertThat(folded.nodes()).noneMatch(n -> n.op() instanceof Op.Permute);
        Op.MatMul mm = (Op.MatMul) folded.output("c").op();
        assertThat(mm.transposeA()).isTrue();
        assertThat(mm.transposeB()).isTrue();
        assertThat(folded.output("c").inputs()).containsExactly(0, 1);
    }

    @Test
    void keepsAPermuteThatIsAlsoAnOutput() {
        Graph folded = FoldTransposeIntoMatMul.apply(permutedOperands(true));
        assertThat(folded.nodes()).hasSize(4);
        assertThat(folded.output("at").op()).isInstanceOf(Op.Permute.class);
        assertThat(((Op.MatMul) folded.output("c").op()).transposeA()).isTrue();
    }

    @Test
    void leavesOtherPermutesAlone() {
        TestGraph g = new TestGraph();
        int a = g.f32("a", 3, 2, 5);
        int at = g.add(new Op.Permute(new int[] {1, 0, 2}), DType.F32, new int[] {2, 3, 5}, a);
        int b = g.f32("b", 5, 4);
        g.output("c", g.add(new Op.MatMul(false, false), DType.F32, new int[] {2, 3, 4}, at, b));
        Graph graph = g.build();
        assertThat(FoldTransposeIntoMatMul.apply(graph)).isSameAs(graph);
    }

    @Test
    void resultsAreBitIdenticalToMultiplyingTheMaterializedTranspose() {
        bitIdentical(2, 3, 5, 4);      // tiny: the direct GEMM path
        bitIdentical(2, 96, 130, 80);  // large enough for the packed, blocked GEMM path
    }

    /** {@code matmul(permute(a), permute(b))} folded, vs the same product of host-transposed operands. */
    private void bitIdentical(int batch, int m, int k, int n) {
        float[] a = Naive.randoms(rnd, batch * k * m);
        float[] b = Naive.randoms(rnd, n * k);
        TestGraph g = new TestGraph();
        int x = g.f32("a", batch, k, m);
        int y = g.f32("b", n, k);
        int xt = g.add(new Op.Permute(new int[] {0, 2, 1}), DType.F32, new int[] {batch, m, k}, x);
        int yt = g.add(new Op.Permute(new int[] {1, 0}), DType.F32, new int[] {k, n}, y);
        g.output("c", g.add(new Op.MatMul(false, false), DType.F32, new int[] {batch, m, n}, xt, yt));
        float[] c;
        try (CpuExecutable exe = new CpuBackend().compile(g.build())) {
            assertThat(exe.graph().nodes()).noneMatch(node -> node.op() instanceof Op.Permute);
            c = exe.run(Map.of("a", HostTensor.of(Shape.of(batch, k, m), a), "b", HostTensor.of(Shape.of(n, k), b))).get("c").f32();
        }
        float[] at = new float[a.length];
        for (int t = 0; t < batch; t++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < m; j++) {
                    at[t * k * m + j * k + i] = a[t * k * m + i * m + j];
                }
            }
        }
        float[] bt = new float[b.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                bt[j * n + i] = b[i * k + j];
            }
        }
        TestGraph plain = new TestGraph();
        int pa = plain.f32("a", batch, m, k);
        int pb = plain.f32("b", k, n);
        plain.output("c", plain.add(new Op.MatMul(false, false), DType.F32, new int[] {batch, m, n}, pa, pb));
        try (CpuExecutable exe = new CpuBackend().compile(plain.build())) {
            float[] expected = exe.run(Map.of("a", HostTensor.of(Shape.of(batch, m, k), at), "b", HostTensor.of(Shape.of(k, n), bt))).get("c").f32();
            assertThat(c).as("m=" + m + " k=" + k + " n=" + n).containsExactly(expected);
        }
    }
}
