package io.recurbench.engine.trace;

import static io.recurbench.api.DType.F32;
import static io.recurbench.api.DType.I32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.ir.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeInferenceTest {

    private static TensorType t(DType d, int... dims) {
        return new TensorType(Shape.of(dims), d);
    }

    private static TensorType infer(Op op, TensorType... in) {
        return ShapeInference.infer(op, List.of(in));
    }

    private static TensorType check(Op op, TensorType declared, TensorType... in) {
        return ShapeInference.check(op, declared, List.of(in));
    }

    @Test
    void broadcastingAlignsTrailingAxes() {
        assertThat(ShapeInference.broadcast(Shape.of(2, 1, 4), Shape.of(3, 1))).isEqualTo(Shape.of(2, 3, 4));
        assertThat(ShapeInference.broadcast(Shape.scalar(), Shape.of(5))).isEqualTo(Shape.of(5));
        assertThat(ShapeInference.broadcast(Shape.of(0), Shape.of(1))).isEqualTo(Shape.of(0));
        assertThatThrownBy(() -> ShapeInference.broadcast(Shape.of(2, 3), Shape.of(2)))
                .hasMessageContaining("shapes [2, 3] and [2] do not broadcast");
    }

    @Test
    void unaryKeepsTypeAndNeedsF32() {
        assertThat(infer(new Op.Unary(Op.UnaryKind.TANH), t(F32, 2, 3))).isEqualTo(t(F32, 2, 3));
        assertThatThrownBy(() -> infer(new Op.Unary(Op.UnaryKind.EXP), t(I32, 2))).hasMessageContaining("must be F32");
        assertThatThrownBy(() -> infer(new Op.Unary(Op.UnaryKind.EXP))).hasMessageContaining("expects 1 operand, got 0");
    }

    @Test
    void binaryBroadcastsAndNeedsOneDType() {
        assertThat(infer(new Op.Binary(Op.BinaryKind.ADD), t(F32, 4, 1), t(F32, 3))).isEqualTo(t(F32, 4, 3));
        assertThat(infer(new Op.Binary(Op.BinaryKind.MUL), t(I32, 2), t(I32))).isEqualTo(t(I32, 2));
        assertThatThrownBy(() -> infer(new Op.Binary(Op.BinaryKind.ADD), t(F32, 2), t(I32, 2)))
                .hasMessageContaining("operand dtypes differ");
        assertThatThrownBy(() -> infer(new Op.Binary(Op.BinaryKind.ATAN2), t(I32, 2), t(I32, 2)))
                .hasMessageContaining("must be F32");
    }

    @Test
    void compareGivesI32() {
        assertThat(infer(new Op.Compare(Op.CompareKind.LT), t(F32, 2, 1), t(F32, 1, 5))).isEqualTo(t(I32, 2, 5));
    }

    @Test
    void whereBroadcastsAllThreeAndTakesTheBranchDType() {
        assertThat(infer(new Op.Where(), t(I32, 2, 1), t(F32, 3), t(F32))).isEqualTo(t(F32, 2, 3));
        assertThatThrownBy(() -> infer(new Op.Where(), t(I32, 2), t(F32, 2), t(I32, 2)))
                .hasMessageContaining("different dtypes");
    }

    @Test
    void matmulHandlesBatchesTransposeFlagsAndRankTwoRhs() {
        Op.MatMul plain = new Op.MatMul(false, false);
        assertThat(infer(plain, t(F32, 2, 3), t(F32, 3, 4))).isEqualTo(t(F32, 2, 4));
        assertThat(infer(plain, t(F32, 5, 2, 3), t(F32, 3, 4))).isEqualTo(t(F32, 5, 2, 4));
        assertThat(infer(plain, t(F32, 5, 1, 2, 3), t(F32, 6, 3, 4))).isEqualTo(t(F32, 5, 6, 2, 4));
        assertThat(infer(new Op.MatMul(true, false), t(F32, 3, 2), t(F32, 3, 4))).isEqualTo(t(F32, 2, 4));
        assertThat(infer(new Op.MatMul(false, true), t(F32, 7, 2, 3), t(F32, 4, 3))).isEqualTo(t(F32, 7, 2, 4));
        assertThat(infer(new Op.MatMul(true, true), t(F32, 3, 2), t(F32, 4, 3))).isEqualTo(t(F32, 2, 4));
        assertThatThrownBy(() -> infer(plain, t(F32, 2, 3), t(F32, 4, 5))).hasMessageContaining("inner dimensions differ: 3 vs 4");
        assertThatThrownBy(() -> infer(plain, t(F32, 3), t(F32, 3, 4))).hasMessageContaining("rank >= 2");
        assertThatThrownBy(() -> infer(plain, t(F32, 2, 2, 3), t(F32, 3, 3, 4))).hasMessageContaining("do not broadcast");
        assertThatThrownBy(() -> infer(plain, t(I32, 2, 3), t(F32, 3, 4))).hasMessageContaining("left operand must be F32");
    }

    @Test
    void reduceDropsOrKeepsSortedDistinctAxes() {
        assertThat(infer(new Op.Reduce(Op.ReduceKind.SUM, new int[] {0, 2}, false), t(F32, 2, 3, 4))).isEqualTo(t(F32, 3));
        assertThat(infer(new Op.Reduce(Op.ReduceKind.MAX, new int[] {1}, true), t(I32, 2, 3, 4))).isEqualTo(t(I32, 2, 1, 4));
        assertThat(infer(new Op.Reduce(Op.ReduceKind.SUM, new int[] {0, 1}, false), t(F32, 2, 3))).isEqualTo(t(F32));
        assertThatThrownBy(() -> infer(new Op.Reduce(Op.ReduceKind.SUM, new int[] {1, 0}, false), t(F32, 2, 3)))
                .hasMessageContaining("sorted and distinct");
        assertThatThrownBy(() -> infer(new Op.Reduce(Op.ReduceKind.SUM, new int[] {1, 1}, false), t(F32, 2, 3)))
                .hasMessageContaining("sorted and distinct");
        assertThatThrownBy(() -> infer(new Op.Reduce(Op.ReduceKind.SUM, new int[] {2}, false), t(F32, 2, 3)))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> infer(new Op.Reduce(Op.ReduceKind.SUM, new int[] {-1}, false), t(F32, 2, 3)))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> infer(new Op.Reduce(Op.ReduceKind.SUM, new int[0], false), t(F32, 2, 3)))
                .hasMessageContaining("at least one axis");
    }

    @Test
    void cumsumAndStopGradientKeepTheType() {
        assertThat(infer(new Op.Cumsum(1, true), t(F32, 2, 3))).isEqualTo(t(F32, 2, 3));
        assertThatThrownBy(() -> infer(new Op.Cumsum(2, false), t(F32, 2, 3))).hasMessageContaining("axis 2 out of range");
        assertThat(infer(new Op.StopGradient(), t(I32, 4))).isEqualTo(t(I32, 4));
    }

    @Test
    void permuteReordersAxes() {
        assertThat(infer(new Op.Permute(new int[] {2, 0, 1}), t(F32, 2, 3, 4))).isEqualTo(t(F32, 4, 2, 3));
        assertThatThrownBy(() -> infer(new Op.Permute(new int[] {0, 0, 1}), t(F32, 2, 3, 4))).hasMessageContaining("not a permutation");
        assertThatThrownBy(() -> infer(new Op.Permute(new int[] {1, 0}), t(F32, 2, 3, 4))).hasMessageContaining("2 entries for rank 3");
    }

    @Test
    void sliceChecksBounds() {
        assertThat(infer(new Op.Slice(1, 1, 3), t(F32, 2, 5))).isEqualTo(t(F32, 2, 2));
        assertThat(infer(new Op.Slice(0, 2, 2), t(F32, 2, 5))).isEqualTo(t(F32, 0, 5));
        assertThatThrownBy(() -> infer(new Op.Slice(1, 3, 6), t(F32, 2, 5))).hasMessageContaining("out of bounds for axis 1 of size 5");
        assertThatThrownBy(() -> infer(new Op.Slice(1, 3, 2), t(F32, 2, 5))).hasMessageContaining("out of bounds");
    }

    @Test
    void padGrowsOneAxis() {
        assertThat(infer(new Op.Pad(0, 1, 2), t(F32, 2, 5))).isEqualTo(t(F32, 5, 5));
        assertThatThrownBy(() -> infer(new Op.Pad(0, -1, 2), t(F32, 2, 5))).hasMessageContaining("negative padding");
    }

    @Test
    void concatJoinsOneAxis() {
        assertThat(infer(new Op.Concat(1), t(F32, 2, 3), t(F32, 2, 4), t(F32, 2, 1))).isEqualTo(t(F32, 2, 8));
        assertThatThrownBy(() -> infer(new Op.Concat(1), t(F32, 2, 3), t(F32, 3, 4))).hasMessageContaining("dimension 0 differs");
        assertThatThrownBy(() -> infer(new Op.Concat(0), t(F32, 2, 3), t(F32, 2))).hasMessageContaining("different ranks");
        assertThatThrownBy(() -> infer(new Op.Concat(0))).hasMessageContaining("at least one operand");
    }

    @Test
    void takeGathersRows() {
        assertThat(infer(new Op.Take(), t(F32, 10, 4), t(I32, 2, 3))).isEqualTo(t(F32, 2, 3, 4));
        assertThat(infer(new Op.Take(), t(F32, 10), t(I32, 3))).isEqualTo(t(F32, 3));
        assertThatThrownBy(() -> infer(new Op.Take(), t(F32, 10, 4), t(F32, 3))).hasMessageContaining("indices must be I32");
        assertThatThrownBy(() -> infer(new Op.Take(), t(F32), t(I32, 3))).hasMessageContaining("rank >= 1");
    }

    @Test
    void scatterAddIsTakesAdjoint() {
        assertThat(infer(new Op.ScatterAdd(10), t(I32, 2, 3), t(F32, 2, 3, 4))).isEqualTo(t(F32, 10, 4));
        assertThatThrownBy(() -> infer(new Op.ScatterAdd(10), t(I32, 2, 3), t(F32, 3, 2, 4)))
                .hasMessageContaining("must start with the indices' shape [2, 3]");
    }

    @Test
    void attributeTypedOpsAreValidatedAgainstOperands() {
        assertThat(check(new Op.Fill(2.5), t(F32, 2, 2))).isEqualTo(t(F32, 2, 2));
        assertThat(check(new Op.ConstantF32(new float[] {1, 2, 3}), t(F32, 3))).isEqualTo(t(F32, 3));
        assertThatThrownBy(() -> check(new Op.ConstantF32(new float[] {1, 2}), t(F32, 3))).hasMessageContaining("2 constant values for shape [3]");
        assertThatThrownBy(() -> check(new Op.ConstantI32(new int[] {1}), t(F32, 1))).hasMessageContaining("I32 constant cannot have dtype F32");
        assertThat(check(new Op.Iota(1), t(I32, 2, 3))).isEqualTo(t(I32, 2, 3));
        assertThatThrownBy(() -> check(new Op.Iota(2), t(I32, 2, 3))).hasMessageContaining("iota axis 2 out of range");
        assertThat(check(new Op.Cast(), t(I32, 2), t(F32, 2))).isEqualTo(t(I32, 2));
        assertThatThrownBy(() -> check(new Op.Cast(), t(I32, 3), t(F32, 2))).hasMessageContaining("cast keeps the shape");
        assertThat(check(new Op.BroadcastTo(), t(F32, 4, 2, 3), t(F32, 1, 3))).isEqualTo(t(F32, 4, 2, 3));
        assertThatThrownBy(() -> check(new Op.BroadcastTo(), t(F32, 4, 3), t(F32, 2, 3))).hasMessageContaining("cannot broadcast [2, 3] to [4, 3]");
        assertThatThrownBy(() -> check(new Op.BroadcastTo(), t(F32, 2, 3), t(F32, 4, 3))).hasMessageContaining("cannot broadcast");
        assertThat(check(new Op.Reshape(), t(I32, 3, 2), t(I32, 6))).isEqualTo(t(I32, 3, 2));
        assertThatThrownBy(() -> check(new Op.Reshape(), t(F32, 3, 2), t(I32, 6))).hasMessageContaining("dtypes differ");
        assertThatThrownBy(() -> check(new Op.Fill(1), t(F32, 2), t(F32, 2))).hasMessageContaining("expects 0 operands");
    }

    @Test
    void needsDeclaredTypeListsExactlyTheAttributeTypedOps() {
        assertThat(ShapeInference.needsDeclaredType(new Op.Reshape())).isTrue();
        assertThat(ShapeInference.needsDeclaredType(new Op.Cast())).isTrue();
        assertThat(ShapeInference.needsDeclaredType(new Op.Iota(0))).isTrue();
        assertThat(ShapeInference.needsDeclaredType(new Op.Slice(0, 0, 1))).isFalse();
        assertThat(ShapeInference.needsDeclaredType(new Op.MatMul(false, false))).isFalse();
    }
}
