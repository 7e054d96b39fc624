package io.recurbench.engine.autodiff;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.ir.Op.BinaryKind;
import io.recurbench.engine.trace.GraphBuilder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Short names for the node patterns that gradient and optimizer code appends to a graph. Every
 * method appends nodes to the wrapped {@link GraphBuilder} and returns the id of the result.
 */
public final class Emitter {
    private final GraphBuilder b;
    /** Scalar constants already appended, by value: a backward pass reuses 0, 1/2 and 1 many times. */
    private final Map<Double, Integer> scalars = new HashMap<>();

    public Emitter(GraphBuilder builder) {
        this.b = builder;
    }

    public GraphBuilder builder() {
        return b;
    }

    public Shape shape(int id) {
        return b.node(id).shape();
    }

    public DType dtype(int id) {
        return b.node(id).dtype();
    }

    /** A rank-0 F32 constant (one node per value and emitter); broadcasting stretches it to any shape. */
    public int scalar(double value) {
        return scalars.computeIfAbsent(value, v -> b.add(new Op.Fill(v), Shape.scalar(), DType.F32));
    }

    /** An F32 tensor of {@code shape} filled with {@code value}. */
    public int fill(Shape shape, double value) {
        return b.add(new Op.Fill(value), shape, DType.F32);
    }

    public int add(int x, int y) {
        return binary(BinaryKind.ADD, x, y);
    }

    public int sub(int x, int y) {
        return binary(BinaryKind.SUB, x, y);
    }

    public int mul(int x, int y) {
        return binary(BinaryKind.MUL, x, y);
    }

    public int div(int x, int y) {
        return binary(BinaryKind.DIV, x, y);
    }

    public int binary(BinaryKind kind, int x, int y) {
        return b.add(new Op.Binary(kind), x, y);
    }

    public int unary(Op.UnaryKind kind, int x) {
        return b.add(new Op.Unary(kind), x);
    }

    public int neg(int x) {
        return unary(Op.UnaryKind.NEG, x);
    }

    /** Comparison of two F32 tensors, as an F32 tensor of 0/1 (for masks in gradients). */
    public int compareAsF32(Op.CompareKind kind, int x, int y) {
        int mask = b.add(new Op.Compare(kind), x, y);
        return b.add(new Op.Cast(), shape(mask), DType.F32, mask);
    }

    public int where(int cond, int ifTrue, int ifFalse) {
        return b.add(new Op.Where(), cond, ifTrue, ifFalse);
    }

    public int matmul(boolean transposeA, boolean transposeB, int x, int y) {
        return b.add(new Op.MatMul(transposeA, transposeB), x, y);
    }

    /** {@code x} reshaped to {@code shape}; no node when the shape is already that. */
    public int reshape(int x, Shape shape) {
        return shape(x).equals(shape) ? x : b.add(new Op.Reshape(), shape, dtype(x), x);
    }

    /** {@code x} broadcast to {@code shape}; no node when the shape is already that. */
    public int broadcastTo(int x, Shape shape) {
        return shape(x).equals(shape) ? x : b.add(new Op.BroadcastTo(), shape, dtype(x), x);
    }

    public int permute(int x, int... perm) {
        return b.add(new Op.Permute(perm), x);
    }

    /**
     * Sum over {@code axes}. An empty axis list means "no reduction" and appends nothing: the IR
     * rejects a {@code Reduce} without axes, so callers that compute axes must not emit one.
     */
    public int sum(int x, boolean keepDims, int... axes) {
        return axes.length == 0 ? x : b.add(new Op.Reduce(Op.ReduceKind.SUM, axes, keepDims), x);
    }

    /** Sum over every axis to a rank-0 tensor. */
    public int sumAll(int x) {
        int rank = shape(x).rank();
        return rank == 0 ? x : sum(x, false, range(rank));
    }

    /**
     * The adjoint of NumPy broadcasting: sums {@code grad} (of a broadcast result shape) down to
     * {@code target}, the shape of the operand that was broadcast. Leading axes that broadcasting
     * added are summed away, and so are axes where the operand had size 1.
     */
    public int sumTo(int grad, Shape target) {
        Shape s = shape(grad);
        if (s.equals(target)) {
            return grad;
        }
        int lead = s.rank() - target.rank();
        if (lead < 0) {
            throw new IllegalArgumentException("cannot sum gradient of shape " + s + " to the larger shape " + target);
        }
        int[] axes = new int[s.rank()];
        int n = 0;
        for (int a = 0; a < s.rank(); a++) {
            boolean added = a < lead;
            boolean stretched = !added && target.dim(a - lead) == 1 && s.dim(a) != 1;
            if (added || stretched) {
                axes[n++] = a;
            }
        }
        int summed = sum(grad, true, Arrays.copyOf(axes, n));
        return reshape(summed, target);
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
