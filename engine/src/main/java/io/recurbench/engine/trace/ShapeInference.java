package io.recurbench.engine.trace;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.ir.Op;
import java.util.Arrays;
import java.util.List;

/**
 * Result shape and dtype of every {@link Op}, from its attributes and its operands' types.
 *
 * <p>One exhaustive {@code switch} over the sealed primitive set: adding a primitive does not
 * compile until it has a rule here. Rules throw {@link IllegalArgumentException} with a detail
 * message only ("inner dimensions differ: 3 vs 4"); {@link GraphBuilder} adds the op, the operand
 * types and the call site.
 *
 * <p>Ops whose result type is an attribute rather than a function of the operands — {@code Reshape},
 * {@code BroadcastTo}, {@code Fill}, {@code Iota}, {@code ConstantF32}, {@code ConstantI32},
 * {@code Cast} — need a declared type ({@link #needsDeclaredType}); the declared type is validated
 * against the operands. For every other op a declared type, if given, must equal the inferred one.
 */
public final class ShapeInference {

    private ShapeInference() {}

    /** True if {@code op}'s result type cannot be inferred from its operands and must be declared. */
    public static boolean needsDeclaredType(Op op) {
        return switch (op) {
            case Op.Reshape r -> true;
            case Op.BroadcastTo b -> true;
            case Op.Fill f -> true;
            case Op.Iota i -> true;
            case Op.ConstantF32 c -> true;
            case Op.ConstantI32 c -> true;
            case Op.Cast c -> true;
            case Op.Input i -> true;
            case Op.Parameter p -> true;
            default -> false;
        };
    }

    /** The result type of {@code op} applied to operands of the given types. */
    public static TensorType infer(Op op, List<TensorType> operands) {
        if (needsDeclaredType(op)) {
            throw new IllegalArgumentException("the result shape and dtype are attributes of this op; "
                    + "use GraphBuilder.add(op, shape, dtype, inputs...)");
        }
        return rule(op, null, operands);
    }

    /**
     * Validates a declared result type of {@code op} against its operands and returns it. For ops
     * whose type can be inferred, the declared type must equal the inferred one.
     */
    public static TensorType check(Op op, TensorType declared, List<TensorType> operands) {
        TensorType result = rule(op, declared, operands);
        if (!result.equals(declared)) {
            throw new IllegalArgumentException("declared result " + declared + " but the operands give " + result);
        }
        return result;
    }

    private static TensorType rule(Op op, TensorType declared, List<TensorType> in) {
        return switch (op) {
            case Op.Input i -> throw new IllegalArgumentException("inputs are declared with GraphBuilder.input(name, shape, dtype)");
            case Op.Parameter p -> throw new IllegalArgumentException("parameters are declared with GraphBuilder.parameter(spec)");
            case Op.Fill f -> {
                arity(in, 0);
                yield declared;
            }
            case Op.ConstantF32 c -> {
                arity(in, 0);
                constant(declared, DType.F32, c.data().length);
                yield declared;
            }
            case Op.ConstantI32 c -> {
                arity(in, 0);
                constant(declared, DType.I32, c.data().length);
                yield declared;
            }
            case Op.Iota i -> {
                arity(in, 0);
                if (i.axis() < 0 || i.axis() >= declared.shape().rank()) {
                    throw new IllegalArgumentException("iota axis " + i.axis() + " out of range for shape " + declared.shape());
                }
                yield declared;
            }
            case Op.Unary u -> {
                arity(in, 1);
                requireDType(in.get(0), DType.F32, "operand");
                yield in.get(0);
            }
            case Op.Binary b -> {
                arity(in, 2);
                sameDType(in);
                if (b.kind() == Op.BinaryKind.ATAN2) {
                    requireDType(in.get(0), DType.F32, "operand");
                }
                yield new TensorType(broadcast(in.get(0).shape(), in.get(1).shape()), in.get(0).dtype());
            }
            case Op.Compare c -> {
                arity(in, 2);
                sameDType(in);
                yield new TensorType(broadcast(in.get(0).shape(), in.get(1).shape()), DType.I32);
            }
            case Op.Cast c -> {
                arity(in, 1);
                if (!declared.shape().equals(in.get(0).shape())) {
                    throw new IllegalArgumentException("cast keeps the shape " + in.get(0).shape()
                            + ", declared " + declared.shape());
                }
                yield declared;
            }
            case Op.Where w -> {
                arity(in, 3);
                if (in.get(1).dtype() != in.get(2).dtype()) {
                    throw new IllegalArgumentException("the two branches have different dtypes "
                            + in.get(1).dtype() + " and " + in.get(2).dtype());
                }
                Shape s = broadcast(broadcast(in.get(0).shape(), in.get(1).shape()), in.get(2).shape());
                yield new TensorType(s, in.get(1).dtype());
            }
            case Op.MatMul m -> matmul(m, in);
            case Op.Reduce r -> {
                arity(in, 1);
                Shape s = in.get(0).shape();
                checkReduceAxes(r.axes(), s.rank());
                yield new TensorType(reduced(s, r.axes(), r.keepDims()), in.get(0).dtype());
            }
            case Op.Cumsum c -> {
                arity(in, 1);
                checkAxis(c.axis(), in.get(0).shape());
                yield in.get(0);
            }
            case Op.Reshape r -> {
                arity(in, 1);
                sameDType(List.of(in.get(0), declared));
                if (declared.shape().size() != in.get(0).shape().size()) {
                    throw new IllegalArgumentException("cannot reshape " + in.get(0).shape().size() + " elements "
                            + in.get(0).shape() + " to " + declared.shape() + " (" + declared.shape().size() + " elements)");
                }
                yield declared;
            }
            case Op.Permute p -> {
                arity(in, 1);
                Shape s = in.get(0).shape();
                checkPermutation(p.perm(), s.rank());
                int[] out = new int[s.rank()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = s.dim(p.perm()[i]);
                }
                yield new TensorType(Shape.of(out), in.get(0).dtype());
            }
            case Op.BroadcastTo b -> {
                arity(in, 1);
                sameDType(List.of(in.get(0), declared));
                if (!broadcastsTo(in.get(0).shape(), declared.shape())) {
                    throw new IllegalArgumentException("cannot broadcast " + in.get(0).shape() + " to " + declared.shape());
                }
                yield declared;
            }
            case Op.Slice sl -> {
                arity(in, 1);
                Shape s = in.get(0).shape();
                checkAxis(sl.axis(), s);
                int d = s.dim(sl.axis());
                if (sl.start() < 0 || sl.start() > sl.end() || sl.end() > d) {
                    throw new IllegalArgumentException("slice [" + sl.start() + ", " + sl.end() + ") out of bounds for axis "
                            + sl.axis() + " of size " + d + " (need 0 <= start <= end <= " + d + ")");
                }
                yield new TensorType(withDim(s, sl.axis(), sl.end() - sl.start()), in.get(0).dtype());
            }
            case Op.Pad p -> {
                arity(in, 1);
                Shape s = in.get(0).shape();
                checkAxis(p.axis(), s);
                if (p.before() < 0 || p.after() < 0) {
                    throw new IllegalArgumentException("negative padding " + p.before() + ", " + p.after());
                }
                yield new TensorType(withDim(s, p.axis(), s.dim(p.axis()) + p.before() + p.after()), in.get(0).dtype());
            }
            case Op.Concat c -> concat(c, in);
            case Op.Take t -> {
                arity(in, 2);
                TensorType table = in.get(0);
                TensorType idx = in.get(1);
                if (table.shape().rank() < 1) {
                    throw new IllegalArgumentException("take needs a table of rank >= 1, got a scalar");
                }
                requireDType(idx, DType.I32, "indices");
                int[] rest = Arrays.copyOfRange(table.shape().dims(), 1, table.shape().rank());
                yield new TensorType(Shape.of(concat(idx.shape().dims(), rest)), table.dtype());
            }
            case Op.ScatterAdd sa -> {
                arity(in, 2);
                TensorType idx = in.get(0);
                TensorType upd = in.get(1);
                requireDType(idx, DType.I32, "indices");
                if (sa.rows() < 0) {
                    throw new IllegalArgumentException("negative row count " + sa.rows());
                }
                int[] id = idx.shape().dims();
                int[] ud = upd.shape().dims();
                if (ud.length < id.length || !Arrays.equals(Arrays.copyOf(ud, id.length), id)) {
                    throw new IllegalArgumentException("updates " + upd.shape() + " must start with the indices' shape "
                            + idx.shape());
                }
                int[] out = concat(new int[] {sa.rows()}, Arrays.copyOfRange(ud, id.length, ud.length));
                yield new TensorType(Shape.of(out), upd.dtype());
            }
            case Op.StopGradient s -> {
                arity(in, 1);
                yield in.get(0);
            }
        };
    }

    private static TensorType matmul(Op.MatMul m, List<TensorType> in) {
        arity(in, 2);
        requireDType(in.get(0), DType.F32, "left operand");
        requireDType(in.get(1), DType.F32, "right operand");
        Shape a = in.get(0).shape();
        Shape b = in.get(1).shape();
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException("matmul needs operands of rank >= 2");
        }
        int mDim = m.transposeA() ? a.dim(-1) : a.dim(-2);
        int kA = m.transposeA() ? a.dim(-2) : a.dim(-1);
        int kB = m.transposeB() ? b.dim(-1) : b.dim(-2);
        int nDim = m.transposeB() ? b.dim(-2) : b.dim(-1);
        if (kA != kB) {
            throw new IllegalArgumentException("inner dimensions differ: " + kA + " vs " + kB);
        }
        Shape batchA = Shape.of(Arrays.copyOf(a.dims(), a.rank() - 2));
        Shape batchB = Shape.of(Arrays.copyOf(b.dims(), b.rank() - 2));
        Shape batch = broadcast(batchA, batchB);
        return new TensorType(Shape.of(concat(batch.dims(), new int[] {mDim, nDim})), DType.F32);
    }

    private static TensorType concat(Op.Concat c, List<TensorType> in) {
        if (in.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one operand");
        }
        sameDType(in);
        Shape first = in.get(0).shape();
        checkAxis(c.axis(), first);
        long total = 0;
        for (TensorType t : in) {
            Shape s = t.shape();
            if (s.rank() != first.rank()) {
                throw new IllegalArgumentException("operands have different ranks");
            }
            for (int a = 0; a < s.rank(); a++) {
                if (a != c.axis() && s.dim(a) != first.dim(a)) {
                    throw new IllegalArgumentException("dimension " + a + " differs: " + s.dim(a) + " vs " + first.dim(a)
                            + " (only axis " + c.axis() + " may differ)");
                }
            }
            total += s.dim(c.axis());
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("concatenated axis too long: " + total);
        }
        return new TensorType(withDim(first, c.axis(), (int) total), in.get(0).dtype());
    }

    /** NumPy broadcast of two shapes: trailing axes aligned, a dimension of 1 stretches. */
    public static Shape broadcast(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
            int db = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + a + " and " + b + " do not broadcast (axis " + i
                        + " of the result: " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return Shape.of(out);
    }

    /** True if NumPy broadcasting stretches {@code from} to exactly {@code to}. */
    public static boolean broadcastsTo(Shape from, Shape to) {
        if (from.rank() > to.rank()) {
            return false;
        }
        int lead = to.rank() - from.rank();
        for (int i = 0; i < from.rank(); i++) {
            if (from.dim(i) != 1 && from.dim(i) != to.dim(lead + i)) {
                return false;
            }
        }
        return true;
    }

    /** The shape left after reducing {@code axes} (sorted, distinct, valid). */
    public static Shape reduced(Shape s, int[] axes, boolean keepDims) {
        int[] dims = s.dims();
        int[] out = new int[keepDims ? dims.length : dims.length - axes.length];
        int j = 0;
        for (int a = 0; a < dims.length; a++) {
            boolean isReduced = Arrays.binarySearch(axes, a) >= 0;
            if (keepDims) {
                out[j++] = isReduced ? 1 : dims[a];
            } else if (!isReduced) {
                out[j++] = dims[a];
            }
        }
        return Shape.of(out);
    }

    private static void checkReduceAxes(int[] axes, int rank) {
        if (axes.length == 0) {
            throw new IllegalArgumentException("reduce needs at least one axis");
        }
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < 0 || axes[i] >= rank) {
                throw new IllegalArgumentException("reduce axis " + axes[i] + " out of range for rank " + rank);
            }
            if (i > 0 && axes[i] <= axes[i - 1]) {
                throw new IllegalArgumentException("reduce axes must be sorted and distinct, got " + Arrays.toString(axes));
            }
        }
    }

    private static void checkPermutation(int[] perm, int rank) {
        if (perm.length != rank) {
            throw new IllegalArgumentException("permutation " + Arrays.toString(perm) + " has " + perm.length
                    + " entries for rank " + rank);
        }
        boolean[] seen = new boolean[rank];
        for (int p : perm) {
            if (p < 0 || p >= rank || seen[p]) {
                throw new IllegalArgumentException(Arrays.toString(perm) + " is not a permutation of 0.." + (rank - 1));
            }
            seen[p] = true;
        }
    }

    private static void checkAxis(int axis, Shape s) {
        if (axis < 0 || axis >= s.rank()) {
            throw new IllegalArgumentException("axis " + axis + " out of range for shape " + s);
        }
    }

    private static void constant(TensorType declared, DType dtype, int length) {
        if (declared.dtype() != dtype) {
            throw new IllegalArgumentException("a " + dtype + " constant cannot have dtype " + declared.dtype());
        }
        if (declared.shape().size() != length) {
            throw new IllegalArgumentException(length + " constant values for shape " + declared.shape()
                    + " (" + declared.shape().size() + " elements)");
        }
    }

    private static void arity(List<TensorType> in, int n) {
        if (in.size() != n) {
            throw new IllegalArgumentException("expects " + n + " operand" + (n == 1 ? "" : "s") + ", got " + in.size());
        }
    }

    private static void sameDType(List<TensorType> in) {
        for (TensorType t : in) {
            if (t.dtype() != in.get(0).dtype()) {
                throw new IllegalArgumentException("operand dtypes differ: " + t.dtype() + " vs " + in.get(0).dtype()
                        + " (cast one of them)");
            }
        }
    }

    private static void requireDType(TensorType t, DType dtype, String what) {
        if (t.dtype() != dtype) {
            throw new IllegalArgumentException(what + " must be " + dtype + ", got " + t.dtype());
        }
    }

    private static Shape withDim(Shape s, int axis, int size) {
        int[] d = s.dims();
        d[axis] = size;
        return Shape.of(d);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A readable one-line form of {@code op} with its attributes, for error messages and dumps. */
    public static String describe(Op op) {
        return switch (op) {
            case Op.Input i -> "Input[" + i.name() + "]";
            case Op.Parameter p -> "Parameter[" + p.name() + "]";
            case Op.Fill f -> "Fill[" + f.value() + "]";
            case Op.ConstantF32 c -> "ConstantF32[" + c.data().length + " values]";
            case Op.ConstantI32 c -> "ConstantI32[" + c.data().length + " values]";
            case Op.Iota i -> "Iota[axis=" + i.axis() + "]";
            case Op.Unary u -> "Unary[" + u.kind() + "]";
            case Op.Binary b -> "Binary[" + b.kind() + "]";
            case Op.Compare c -> "Compare[" + c.kind() + "]";
            case Op.Cast c -> "Cast";
            case Op.Where w -> "Where";
            case Op.MatMul m -> "MatMul[transposeA=" + m.transposeA() + ", transposeB=" + m.transposeB() + "]";
            case Op.Reduce r -> "Reduce[" + r.kind() + ", axes=" + Arrays.toString(r.axes()) + ", keepDims=" + r.keepDims() + "]";
            case Op.Cumsum c -> "Cumsum[axis=" + c.axis() + ", reverse=" + c.reverse() + "]";
            case Op.Reshape r -> "Reshape";
            case Op.Permute p -> "Permute[" + Arrays.toString(p.perm()) + "]";
            case Op.BroadcastTo b -> "BroadcastTo";
            case Op.Slice s -> "Slice[axis=" + s.axis() + ", " + s.start() + ":" + s.end() + "]";
            case Op.Pad p -> "Pad[axis=" + p.axis() + ", before=" + p.before() + ", after=" + p.after() + "]";
            case Op.Concat c -> "Concat[axis=" + c.axis() + "]";
            case Op.Take t -> "Take";
            case Op.ScatterAdd s -> "ScatterAdd[rows=" + s.rows() + "]";
            case Op.StopGradient s -> "StopGradient";
        };
    }
}
