package io.recurbench.engine.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.ir.Op.BinaryKind;
import io.recurbench.engine.ir.Op.UnaryKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** One finite-difference check per primitive VJP rule (and per variant of its attributes). */
class PrimitiveGradientTest {

    @ParameterizedTest
    @EnumSource(UnaryKind.class)
    void unary(UnaryKind kind) {
        GradCheck c = new GradCheck(kind.ordinal());
        Shape s = Shape.of(2, 3);
        int x = switch (kind) {
            case LOG, SQRT -> c.input("x", s, 0.3, 2.0);
            // away from the kink at 0
            case ABS -> c.input("x", s, new double[] {-1.5, -0.7, -0.2, 0.3, 0.9, 1.8});
            default -> c.input("x", s, -2, 2);
        };
        c.check(c.e.unary(kind, x));
    }

    @ParameterizedTest
    @EnumSource(BinaryKind.class)
    void binaryWithBroadcasting(BinaryKind kind) {
        GradCheck c = new GradCheck(100 + kind.ordinal());
        // [2,1,3] op [4,1] -> [2,4,3]: a leading axis added to b, size-1 axes stretched in both
        Shape sa = Shape.of(2, 1, 3);
        Shape sb = Shape.of(4, 1);
        int a;
        int b;
        switch (kind) {
            case DIV -> {
                a = c.input("a", sa, -2, 2);
                b = c.input("b", sb, new double[] {0.6, -0.9, 1.3, -1.7});
            }
            case MAX, MIN -> {
                double[] pool = c.distinct(10, -2, 2, 0.05);
                a = c.input("a", sa, java.util.Arrays.copyOfRange(pool, 0, 6));
                b = c.input("b", sb, java.util.Arrays.copyOfRange(pool, 6, 10));
            }
            case ATAN2 -> {
                a = c.input("a", sa, new double[] {0.5, -1.2, 0.8, -0.3, 1.5, -0.9});
                b = c.input("b", sb, new double[] {0.7, -1.1, -0.4, 1.6});
            }
            default -> {
                a = c.input("a", sa, -2, 2);
                b = c.input("b", sb, -2, 2);
            }
        }
        c.check(c.e.binary(kind, a, b));
    }

    @Test
    void sameOperandTwiceAccumulatesBothUses() {
        GradCheck c = new GradCheck(7);
        int x = c.input("x", Shape.of(5), -2, 2);
        int y = c.e.add(c.e.mul(x, x), c.e.unary(UnaryKind.EXP, x));
        Map<String, double[]> g = c.check(c.e.div(y, x));
        assertThat(g.get("x")).hasSize(5);
    }

    static Stream<Arguments> matmulCases() {
        List<Arguments> cases = new ArrayList<>();
        // {a batch dims}, {b batch dims}
        int[][][] batches = {
            {{}, {}},          // plain 2-D
            {{2, 3}, {}},      // batched x shared rank-2 weight (the folded rhs gradient)
            {{2}, {2}},        // batched x batched
            {{}, {2}},         // shared lhs x batched rhs
            {{1, 2}, {3, 1}},  // batch axes broadcast both ways
        };
        for (int[][] bb : batches) {
            for (boolean tA : new boolean[] {false, true}) {
                for (boolean tB : new boolean[] {false, true}) {
                    cases.add(Arguments.of(bb[0], bb[1], tA, tB));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "batchA={0} batchB={1} tA={2} tB={3}")
    @MethodSource("matmulCases")
    void matmul(int[] batchA, int[] batchB, boolean tA, boolean tB) {
        GradCheck c = new GradCheck(31);
        int m = 2;
        int k = 3;
        int n = 4;
        Shape sa = withMatrix(batchA, tA ? k : m, tA ? m : k);
        Shape sb = withMatrix(batchB, tB ? n : k, tB ? k : n);
        int a = c.input("a", sa, -1, 1);
        int b = c.input("b", sb, -1, 1);
        c.check(c.e.matmul(tA, tB, a, b));
    }

    private static Shape withMatrix(int[] batch, int rows, int cols) {
        int[] d = java.util.Arrays.copyOf(batch, batch.length + 2);
        d[batch.length] = rows;
        d[batch.length + 1] = cols;
        return Shape.of(d);
    }

    static Stream<Arguments> reduceCases() {
        return Stream.of(
                Arguments.of(new int[] {0}, false), Arguments.of(new int[] {0}, true),
                Arguments.of(new int[] {1, 2}, false), Arguments.of(new int[] {1, 2}, true),
                Arguments.of(new int[] {0, 2}, true), Arguments.of(new int[] {0, 1, 2}, false));
    }

    @ParameterizedTest(name = "sum axes={0} keepDims={1}")
    @MethodSource("reduceCases")
    void reduceSum(int[] axes, boolean keepDims) {
        GradCheck c = new GradCheck(41);
        int x = c.input("x", Shape.of(2, 3, 4), -2, 2);
        int y = c.b.add(new Op.Reduce(Op.ReduceKind.SUM, axes, keepDims), x);
        // square so the gradient depends on the reduced value, not just on w
        c.check(c.e.mul(y, y));
    }

    @ParameterizedTest(name = "max axes={0} keepDims={1}")
    @MethodSource("reduceCases")
    void reduceMax(int[] axes, boolean keepDims) {
        GradCheck c = new GradCheck(43);
        int x = c.input("x", Shape.of(2, 3, 4), c.distinct(24, -2, 2, 0.02));
        int y = c.b.add(new Op.Reduce(Op.ReduceKind.MAX, axes, keepDims), x);
        c.check(c.e.mul(y, y));
    }

    @Test
    void reduceMaxSplitsTheGradientEvenlyBetweenTies() {
        GradCheck c = new GradCheck(1);
        int x = c.input("x", Shape.of(2, 4), new double[] {1, 3, 3, 0, 2, 2, 2, -1});
        int y = c.b.add(new Op.Reduce(Op.ReduceKind.MAX, new int[] {1}, false), x);
        double[] g = c.gradientsOfSum(y).get("x");
        assertThat(g).containsExactly(new double[] {0, 0.5, 0.5, 0, 1 / 3.0, 1 / 3.0, 1 / 3.0, 0}, within(1e-15));
    }

    @Test
    void elementwiseMaxAndMinSplitTies() {
        GradCheck c = new GradCheck(2);
        int a = c.input("a", Shape.of(3), new double[] {1, 2, 3});
        int b = c.input("b", Shape.of(3), new double[] {1, 5, 0});
        int y = c.e.add(c.e.binary(BinaryKind.MAX, a, b), c.e.mul(c.e.binary(BinaryKind.MIN, a, b), c.e.scalar(10)));
        Map<String, double[]> g = c.gradientsOfSum(y);
        // tie at 0: max and min each give half; elsewhere the winner takes all
        assertThat(g.get("a")).containsExactly(new double[] {5.5, 10, 1}, within(1e-15));
        assertThat(g.get("b")).containsExactly(new double[] {5.5, 1, 10}, within(1e-15));
    }

    @Test
    void absHasZeroGradientAtZero() {
        GradCheck c = new GradCheck(3);
        int x = c.input("x", Shape.of(3), new double[] {-2, 0, 2});
        assertThat(c.gradientsOfSum(c.e.unary(UnaryKind.ABS, x)).get("x")).containsExactly(-1, 0, 1);
    }

    @ParameterizedTest(name = "cumsum axis={0} reverse={1}")
    @MethodSource("cumsumCases")
    void cumsum(int axis, boolean reverse) {
        GradCheck c = new GradCheck(51);
        int x = c.input("x", Shape.of(3, 4), -2, 2);
        int y = c.b.add(new Op.Cumsum(axis, reverse), x);
        c.check(c.e.mul(y, y));
    }

    static Stream<Arguments> cumsumCases() {
        return Stream.of(Arguments.of(0, false), Arguments.of(0, true), Arguments.of(1, false), Arguments.of(1, true));
    }

    @Test
    void reshape() {
        GradCheck c = new GradCheck(61);
        int x = c.input("x", Shape.of(2, 6), -2, 2);
        int y = c.e.reshape(x, Shape.of(3, 2, 2));
        c.check(c.e.mul(y, c.e.unary(UnaryKind.SIN, y)));
    }

    @Test
    void permute() {
        GradCheck c = new GradCheck(62);
        int x = c.input("x", Shape.of(2, 3, 4), -2, 2);
        int y = c.e.permute(x, 2, 0, 1);
        c.check(c.e.mul(y, y));
    }

    @Test
    void broadcastTo() {
        GradCheck c = new GradCheck(63);
        int row = c.input("row", Shape.of(3), -2, 2);
        int col = c.input("col", Shape.of(2, 1), -2, 2);
        int lead = c.input("lead", Shape.of(1, 3), -2, 2);
        Shape out = Shape.of(4, 2, 3);
        int y = c.e.add(c.e.mul(c.e.broadcastTo(row, out), c.e.broadcastTo(col, out)), c.e.broadcastTo(lead, out));
        c.check(c.e.mul(y, y));
    }

    @Test
    void slice() {
        GradCheck c = new GradCheck(64);
        int x = c.input("x", Shape.of(3, 5), -2, 2);
        int y = c.b.add(new Op.Slice(1, 1, 4), x);
        c.check(c.e.mul(y, y));
    }

    @Test
    void pad() {
        GradCheck c = new GradCheck(65);
        int x = c.input("x", Shape.of(3, 2), -2, 2);
        int y = c.b.add(new Op.Pad(0, 2, 1), x);
        c.check(c.e.unary(UnaryKind.EXP, y));
    }

    @Test
    void concatGivesEachPartItsSlice() {
        GradCheck c = new GradCheck(66);
        int p = c.input("p", Shape.of(2, 1), -2, 2);
        int constant = c.e.fill(Shape.of(2, 2), 0.5);
        int q = c.input("q", Shape.of(2, 3), -2, 2);
        int y = c.b.add(new Op.Concat(1), p, constant, q);
        c.check(c.e.mul(y, y));
    }

    @Test
    void takeScattersIntoRepeatedRows() {
        GradCheck c = new GradCheck(67);
        int table = c.input("table", Shape.of(4, 3), -2, 2);
        int idx = c.intInput("idx", Shape.of(2, 3), 1, 3, 1, 0, 1, 3);
        int y = c.b.add(new Op.Take(), table, idx);
        Map<String, double[]> g = c.check(c.e.mul(y, y));
        // row 2 is never taken
        assertThat(java.util.Arrays.copyOfRange(g.get("table"), 6, 9)).containsOnly(0.0);
    }

    @Test
    void scatterAddGathersForEachUpdate() {
        GradCheck c = new GradCheck(68);
        int idx = c.intInput("idx", Shape.of(5), 2, 0, 2, 4, 2);
        int upd = c.input("upd", Shape.of(5, 2), -2, 2);
        int y = c.b.add(new Op.ScatterAdd(6), idx, upd);
        c.check(c.e.mul(y, y));
    }

    @Test
    void whereRoutesGradientToTheChosenBranch() {
        GradCheck c = new GradCheck(69);
        int x = c.input("x", Shape.of(2, 3), -2, 2);
        int other = c.input("other", Shape.of(3), -2, 2);
        int cond = c.b.add(new Op.Compare(Op.CompareKind.GT), x, c.e.scalar(0));
        int y = c.e.where(cond, c.e.mul(x, x), other);
        c.check(y);
    }

    @Test
    void castBetweenFloatsPassesGradientAndFromIntsCarriesNone() {
        GradCheck c = new GradCheck(70);
        int x = c.input("x", Shape.of(2, 3), -2, 2);
        int same = c.b.add(new Op.Cast(), Shape.of(2, 3), DType.F32, x);
        int iota = c.b.add(new Op.Iota(1), Shape.of(2, 3), DType.I32);
        int asFloat = c.b.add(new Op.Cast(), Shape.of(2, 3), DType.F32, iota);
        c.check(c.e.mul(c.e.mul(same, same), asFloat));
    }

    @Test
    void comparisonsAndConstantsEndGradientPaths() {
        GradCheck c = new GradCheck(71);
        int x = c.input("x", Shape.of(6), new double[] {-1.5, -0.5, 0.25, 0.75, 1.25, 1.75});
        // y = x * [x > 0.5]: the mask is piecewise constant, so d/dx = mask away from the threshold
        int mask = c.e.compareAsF32(Op.CompareKind.GT, x, c.e.scalar(0.5));
        int constant = c.b.add(new Op.ConstantF32(new float[] {1, 2, 3, 4, 5, 6}), Shape.of(6), DType.F32);
        c.check(c.e.mul(c.e.mul(x, mask), constant));
    }

    @Test
    void stopGradientBlocksItsOperand() {
        GradCheck c = new GradCheck(72);
        double[] xs = {-1, 0.5, 2};
        int x = c.input("x", Shape.of(3), xs);
        int stopped = c.b.add(new Op.StopGradient(), x);
        // d/dx [x · stop(x)] = stop(x) = x, not 2x
        assertThat(c.gradientsOfSum(c.e.mul(x, stopped)).get("x")).containsExactly(xs, within(1e-15));
    }

    @Test
    void gradientsWithRespectToParameters() {
        GradCheck c = new GradCheck(73);
        int x = c.input("x", Shape.of(4, 3), -1, 1);
        int w = c.parameter("layer.w", Shape.of(3, 2), -1, 1);
        int bias = c.parameter("layer.b", Shape.of(2), -1, 1);
        c.check(c.e.unary(UnaryKind.TANH, c.e.add(c.e.matmul(false, false, x, w), bias)));
    }
}
