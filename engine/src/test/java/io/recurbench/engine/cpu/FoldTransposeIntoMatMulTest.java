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
        float[] a = Naive.randoms(rnd, 2 * 5 * 3);
        float[] b = Naive.randoms(rnd, 4 * 5);
        float[] c;
        try (CpuExecutable exe = new CpuBackend().compile(permutedOperands(true))) {
            Map<String, HostTensor> out = exe.run(Map.of("a", HostTensor.of(Shape.of(2, 5, 3), a), "b", HostTensor.of(Shape.of(4, 5), b)));
            c = out.get("c").f32();
        }
        // Transpose on the host and multiply without any permute in the graph.
        float[] at = new float[a.length];
        for (int t = 0; t < 2; t++) {
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 3; j++) {
                    at[t * 15 + j * 5 + i] = a[t * 15 + i * 3 + j];
                }
            }
        }
        float[] bt = new float[b.length];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 5; j++) {
                bt[j * 4 + i] = b[i * 5 + j];
            }
        }
        TestGraph g = new TestGraph();
        int x = g.f32("a", 2, 3, 5);
        int y = g.f32("b", 5, 4);
        g.output("c", g.add(new Op.MatMul(false, false), DType.F32, new int[] {2, 3, 4}, x, y));
        try (CpuExecutable exe = new CpuBackend().compile(g.build())) {
            float[] expected = exe.run(Map.of("a", HostTensor.of(Shape.of(2, 3, 5), at), "b", HostTensor.of(Shape.of(5, 4), bt))).get("c").f32();
            assertThat(c).containsExactly(expected);
        }
    }
}
