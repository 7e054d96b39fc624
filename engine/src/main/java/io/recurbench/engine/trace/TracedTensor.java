package io.recurbench.engine.trace;

import io.recurbench.api.DType;
import io.recurbench.api.Ops;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.ir.Op;
import java.util.Arrays;

/**
 * A {@link Tensor} that is a node of a {@link Tracer}'s graph: every method appends a node and
 * returns the tensor for it. Negative axes are normalised here, so the IR only sees non-negative,
 * sorted axes; a reduction given no axes reduces all of them.
 *
 * <p>Scalar arguments ({@code x.mul(2f)}) become rank-0 constants of {@code x}'s dtype when
 * {@code x} is I32 and the value is an integer ({@code labels.ne(-100)}), else F32 constants.
 */
public record TracedTensor(Tracer tracer, int id) implements Tensor {

    @Override
    public Shape shape() {
        return tracer.builder().node(id).shape();
    }

    @Override
    public DType dtype() {
        return tracer.builder().node(id).dtype();
    }

    @Override
    public Ops ops() {
        return tracer;
    }

    @Override
    public String toString() {
        return "Tensor#" + id + " " + dtype() + shape();
    }

    private Tensor unary(Op.UnaryKind kind) {
        return tracer.tensor(tracer.builder().add(new Op.Unary(kind), id));
    }

    private Tensor binary(Op.BinaryKind kind, Tensor other) {
        return tracer.tensor(tracer.builder().add(new Op.Binary(kind), id, tracer.id(other)));
    }

    private Tensor compare(Op.CompareKind kind, Tensor other) {
        return tracer.tensor(tracer.builder().add(new Op.Compare(kind), id, tracer.id(other)));
    }

    /** A rank-0 constant {@code c}, of this tensor's dtype when that is I32 and {@code c} is an integer. */
    private Tensor constantLike(float c) {
        if (dtype() == DType.I32 && c == Math.rint(c)) {
            return tracer.full(Shape.scalar(), c, DType.I32);
        }
        return tracer.scalar(c);
    }

    // ---- elementwise unary ---------------------------------------------------------------------

    @Override
    public Tensor neg() {
        return unary(Op.UnaryKind.NEG);
    }

    @Override
    public Tensor exp() {
        return unary(Op.UnaryKind.EXP);
    }

    @Override
    public Tensor log() {
        return unary(Op.UnaryKind.LOG);
    }

    @Override
    public Tensor sqrt() {
        return unary(Op.UnaryKind.SQRT);
    }

    @Override
    public Tensor tanh() {
        return unary(Op.UnaryKind.TANH);
    }

    @Override
    public Tensor sigmoid() {
        return unary(Op.UnaryKind.SIGMOID);
    }

    @Override
    public Tensor sin() {
        return unary(Op.UnaryKind.SIN);
    }

    @Override
    public Tensor cos() {
        return unary(Op.UnaryKind.COS);
    }

    @Override
    public Tensor abs() {
        return unary(Op.UnaryKind.ABS);
    }

    @Override
    public Tensor cast(DType dtype) {
        if (dtype == dtype()) {
            return this;
        }
        return tracer.tensor(tracer.builder().add(new Op.Cast(), shape(), dtype, id));
    }

    // ---- elementwise binary ----------------------------------------------------------------------

    @Override
    public Tensor add(Tensor other) {
        return binary(Op.BinaryKind.ADD, other);
    }

    @Override
    public Tensor sub(Tensor other) {
        return binary(Op.BinaryKind.SUB, other);
    }

    @Override
    public Tensor mul(Tensor other) {
        return binary(Op.BinaryKind.MUL, other);
    }

    @Override
    public Tensor div(Tensor other) {
        return binary(Op.BinaryKind.DIV, other);
    }

    @Override
    public Tensor maximum(Tensor other) {
        return binary(Op.BinaryKind.MAX, other);
    }

    @Override
    public Tensor minimum(Tensor other) {
        return binary(Op.BinaryKind.MIN, other);
    }

    @Override
    public Tensor atan2(Tensor other) {
        return binary(Op.BinaryKind.ATAN2, other);
    }

    @Override
    public Tensor add(float c) {
        return add(constantLike(c));
    }

    @Override
    public Tensor sub(float c) {
        return sub(constantLike(c));
    }

    @Override
    public Tensor mul(float c) {
        return mul(constantLike(c));
    }

    @Override
    public Tensor div(float c) {
        return div(constantLike(c));
    }

    @Override
    public Tensor maximum(float c) {
        return maximum(constantLike(c));
    }

    @Override
    public Tensor minimum(float c) {
        return minimum(constantLike(c));
    }

    // ---- comparisons ---------------------------------------------------------------------------

    @Override
    public Tensor lt(Tensor other) {
        return compare(Op.CompareKind.LT, other);
    }

    @Override
    public Tensor le(Tensor other) {
        return compare(Op.CompareKind.LE, other);
    }

    @Override
    public Tensor gt(Tensor other) {
        return compare(Op.CompareKind.GT, other);
    }

    @Override
    public Tensor ge(Tensor other) {
        return compare(Op.CompareKind.GE, other);
    }

    @Override
    public Tensor eq(Tensor other) {
        return compare(Op.CompareKind.EQ, other);
    }

    @Override
    public Tensor ne(Tensor other) {
        return compare(Op.CompareKind.NE, other);
    }

    @Override
    public Tensor lt(float c) {
        return lt(constantLike(c));
    }

    @Override
    public Tensor gt(float c) {
        return gt(constantLike(c));
    }

    @Override
    public Tensor ge(float c) {
        return ge(constantLike(c));
    }

    @Override
    public Tensor le(float c) {
        return le(constantLike(c));
    }

    // ---- linear algebra ------------------------------------------------------------------------

    @Override
    public Tensor matmul(Tensor other) {
        return tracer.tensor(tracer.builder().add(new Op.MatMul(false, false), id, tracer.id(other)));
    }

    // ---- reductions ----------------------------------------------------------------------------

    @Override
    public Tensor sum(boolean keepDims, int... axes) {
        return reduce(Op.ReduceKind.SUM, keepDims, axes);
    }

    @Override
    public Tensor max(boolean keepDims, int... axes) {
        return reduce(Op.ReduceKind.MAX, keepDims, axes);
    }

    @Override
    public Tensor mean(boolean keepDims, int... axes) {
        int[] normalized = reduceAxes(axes);
        if (normalized.length == 0) {
            return this;
        }
        long count = 1;
        for (int a : normalized) {
            count *= shape().dim(a);
        }
        return sum(keepDims, normalized).div((float) count);
    }

    private Tensor reduce(Op.ReduceKind kind, boolean keepDims, int[] axes) {
        int[] normalized = reduceAxes(axes);
        if (normalized.length == 0) {
            return this; // a scalar: reducing all of its (zero) axes is the identity
        }
        return tracer.tensor(tracer.builder().add(new Op.Reduce(kind, normalized, keepDims), id));
    }

    /** Normalised, sorted, distinct axes; all axes when none are given. */
    private int[] reduceAxes(int[] axes) {
        Shape s = shape();
        if (axes.length == 0) {
            int[] all = new int[s.rank()];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = Tracer.normalizedAxis(axes[i], s);
        }
        return Arrays.stream(out).sorted().distinct().toArray();
    }

    @Override
    public Tensor cumsum(int axis, boolean reverse) {
        return tracer.tensor(tracer.builder().add(new Op.Cumsum(Tracer.normalizedAxis(axis, shape()), reverse), id));
    }

    // ---- shape and data movement ---------------------------------------------------------------

    @Override
    public Tensor reshape(int... dims) {
        int[] out = dims.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("reshape " + shape() + " to " + Arrays.toString(dims)
                            + ": at most one dimension may be -1; at " + CallSite.find());
                }
                inferred = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("reshape " + shape() + " to " + Arrays.toString(dims)
                        + ": negative dimension; at " + CallSite.find());
            } else {
                known *= out[i];
            }
        }
        long size = shape().size();
        if (inferred >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("reshape " + shape() + " (" + size + " elements) to "
                        + Arrays.toString(dims) + ": no size for the -1 dimension; at " + CallSite.find());
            }
            out[inferred] = (int) (size / known);
        }
        Shape target = Shape.of(out);
        if (target.equals(shape())) {
            return this;
        }
        return tracer.tensor(tracer.builder().add(new Op.Reshape(), target, dtype(), id));
    }

    @Override
    public Tensor permute(int... perm) {
        int[] p = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            p[i] = perm[i] < 0 ? perm[i] + rank() : perm[i];
        }
        return tracer.tensor(tracer.builder().add(new Op.Permute(p), id));
    }

    @Override
    public Tensor broadcastTo(int... dims) {
        Shape target = Shape.of(dims);
        if (target.equals(shape())) {
            return this;
        }
        return tracer.tensor(tracer.builder().add(new Op.BroadcastTo(), target, dtype(), id));
    }

    @Override
    public Tensor slice(int axis, int start, int end) {
        return tracer.tensor(tracer.builder().add(new Op.Slice(Tracer.normalizedAxis(axis, shape()), start, end), id));
    }

    @Override
    public Tensor take(Tensor indices) {
        return tracer.tensor(tracer.builder().add(new Op.Take(), id, tracer.id(indices)));
    }

    @Override
    public Tensor stopGradient() {
        return tracer.tensor(tracer.builder().add(new Op.StopGradient(), id));
    }
}
