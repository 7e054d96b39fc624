package io.recurbench.engine.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.ir.Op.BinaryKind;
import io.recurbench.engine.ir.Op.UnaryKind;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The same compiled graph gives the same bits on its first (interpreted) run and after thousands of
 * runs (C2-compiled kernels): transcendentals, a softmax, skinny products through {@code SmallGemm}'s
 * dot-product path, and reductions. Fails with the Vector API's {@code lanewise(EXP)} (checked by
 * hand: 1-ulp differences) or {@code reduceLanes(ADD)} in {@code SmallGemm}.
 */
class ColdWarmReproducibilityTest {

    private static final int R = 16;
    private static final int C = 250; // not a multiple of the lane count: masked tails too

    @Test
    void lastOfThousandsOfRunsEqualsTheFirstBitForBit() {
        TestGraph g = new TestGraph();
        int x = g.f32("x", R, C);
        int y = g.f32("y", R, C);
        int w = g.f32("w", 6, C);
        int[] rc = {R, C};
        int exp = unary(g, UnaryKind.EXP, x, rc);
        int log = unary(g, UnaryKind.LOG, unary(g, UnaryKind.ABS, y, rc), rc);
        int tanh = unary(g, UnaryKind.TANH, x, rc);
        int sigmoid = unary(g, UnaryKind.SIGMOID, y, rc);
        int sin = unary(g, UnaryKind.SIN, x, rc);
        int cos = unary(g, UnaryKind.COS, y, rc);
        int atan2 = g.add(new Op.Binary(BinaryKind.ATAN2), DType.F32, rc, x, y);
        int mix = binary(g, BinaryKind.ADD, binary(g, BinaryKind.MUL, exp, tanh, rc), binary(g, BinaryKind.SUB, log, sigmoid, rc), rc);
        // skinny products with B transposed: SmallGemm's vector dot products along k
        int proj = g.add(new Op.MatMul(false, true), DType.F32, new int[] {R, 6}, mix, w);
        int scores = g.add(new Op.MatMul(false, true), DType.F32, new int[] {R, R}, x, y);
        // softmax over the last axis
        int max = g.add(new Op.Reduce(Op.ReduceKind.MAX, new int[] {1}, true), DType.F32, new int[] {R, 1}, scores);
        int e = unary(g, UnaryKind.EXP, binary(g, BinaryKind.SUB, scores, max, new int[] {R, R}), new int[] {R, R});
        int sum = g.add(new Op.Reduce(Op.ReduceKind.SUM, new int[] {1}, true), DType.F32, new int[] {R, 1}, e);
        int softmax = binary(g, BinaryKind.DIV, e, sum, new int[] {R, R});
        int rows = g.add(new Op.Reduce(Op.ReduceKind.SUM, new int[] {1}, false), DType.F32, new int[] {R},
                binary(g, BinaryKind.ADD, binary(g, BinaryKind.ADD, sin, cos, rc), atan2, rc));
        g.output("mix", mix).output("proj", proj).output("softmax", softmax).output("rows", rows);
        Random rnd = new Random(5);
        Map<String, HostTensor> feeds = Map.of(
                "x", HostTensor.of(Shape.of(R, C), scaled(Naive.randoms(rnd, R * C), 3f)),
                "y", HostTensor.of(Shape.of(R, C), scaled(Naive.randoms(rnd, R * C), 3f)),
                "w", HostTensor.of(Shape.of(6, C), Naive.randoms(rnd, 6 * C)));
        try (CpuExecutable exe = new CpuBackend().compile(g.build())) {
            Map<String, HostTensor> first = exe.run(feeds);
            Map<String, HostTensor> last = first;
            for (int i = 0; i < 3000; i++) {
                last = exe.run(feeds);
            }
            for (String name : first.keySet()) {
                float[] a = first.get(name).f32();
                float[] b = last.get(name).f32();
                int differing = 0;
                for (int i = 0; i < a.length; i++) {
                    differing += Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i]) ? 1 : 0;
                }
                assertThat(differing).as("elements of '%s' that changed between run 1 and run 3001", name).isZero();
            }
        }
    }

    private static float[] scaled(float[] a, float s) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= s;
        }
        return a;
    }

    private static int unary(TestGraph g, UnaryKind kind, int x, int[] dims) {
        return g.add(new Op.Unary(kind), DType.F32, dims, x);
    }

    private static int binary(TestGraph g, BinaryKind kind, int x, int y, int[] dims) {
        return g.add(new Op.Binary(kind), DType.F32, dims, x, y);
    }
}
