package io.recurbench.engine.reference;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The numerical oracle of the engine: evaluates every node of a {@link Graph} in float64 with
 * plain loops over multi-dimensional indices. The CPU backend, the finite-difference gradient
 * checks and the TVM backend are all checked against it, so it is written to be obviously correct
 * rather than fast — one small method per primitive, each a direct transcription of the primitive's
 * definition in {@link Op}, no blocking, no buffer reuse, no vectorisation.
 *
 * <p>Values are {@code double[]} in row-major order. F32 nodes are computed in float64 throughout
 * (constants and feeds are widened, nothing is rounded back to float), which is what a
 * finite-difference check needs. I32 nodes hold integral doubles; I32 arithmetic is done in Java
 * {@code int} arithmetic (wrap-around, division truncates toward zero, division by zero throws),
 * which is the semantics the Java CPU backend has. Casting F32 to I32 truncates toward zero
 * (Java's {@code (int)} conversion: NaN becomes 0, out-of-range values saturate).
 *
 * <p>Feeds are keyed by input name and by parameter name. A missing feed, or one whose size,
 * shape or dtype does not match the graph's node, fails with a message naming the feed. A
 * {@link Op.Take} or {@link Op.ScatterAdd} index out of range fails naming the node and its site.
 */
public final class ReferenceInterpreter {

    private ReferenceInterpreter() {}

    /** Evaluates {@code g} and returns every output, by name, in the graph's output order. */
    public static Map<String, double[]> run(Graph g, Map<String, HostTensor> feeds) {
        return outputs(g, evaluateAll(g, feeds));
    }

    /** Evaluates every node of {@code g}; element {@code i} is node {@code i}'s value. */
    public static double[][] evaluateAll(Graph g, Map<String, HostTensor> feeds) {
        Map<String, double[]> widened = new LinkedHashMap<>();
        feeds.forEach((name, t) -> widened.put(name, widen(t)));
        for (Node n : g.nodes()) {
            String name = feedName(n.op());
            HostTensor t = name == null ? null : feeds.get(name);
            if (t != null && (!t.shape().equals(n.shape()) || t.dtype() != n.dtype())) {
                throw new IllegalArgumentException("feed '" + name + "' is " + t.dtype() + t.shape()
                        + ", the graph expects " + n.dtype() + n.shape());
            }
        }
        return evaluateAllDoubles(g, widened);
    }

    /** Like {@link #run} with float64 feeds (for finite differences): each array is row-major, of the node's size. */
    public static Map<String, double[]> runDoubles(Graph g, Map<String, double[]> feeds) {
        return outputs(g, evaluateAllDoubles(g, feeds));
    }

    /** Like {@link #evaluateAll} with float64 feeds. */
    public static double[][] evaluateAllDoubles(Graph g, Map<String, double[]> feeds) {
        double[][] values = new double[g.nodes().size()][];
        for (Node n : g.nodes()) {
            try {
                values[n.id()] = evaluate(g, n, values, feeds);
            } catch (ArithmeticException e) { // I32 division by zero
                throw new IllegalArgumentException("node " + n.id() + " (" + n.op().getClass().getSimpleName()
                        + ", traced at " + n.site() + "): " + e.getMessage(), e);
            }
        }
        return values;
    }

    private static Map<String, double[]> outputs(Graph g, double[][] values) {
        Map<String, double[]> out = new LinkedHashMap<>();
        g.outputs().forEach((name, id) -> out.put(name, values[id]));
        return out;
    }

    private static String feedName(Op op) {
        return switch (op) {
            case Op.Input in -> in.name();
            case Op.Parameter p -> p.name();
            default -> null;
        };
    }

    private static double[] widen(HostTensor t) {
        double[] out = new double[t.shape().intSize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.dtype() == DType.F32 ? t.f32()[i] : t.i32()[i];
        }
        return out;
    }

    private static double[] evaluate(Graph g, Node n, double[][] v, Map<String, double[]> feeds) {
        int[] in = n.inputs();
        return switch (n.op()) {
            case Op.Input i -> feed(n, i.name(), feeds);
            case Op.Parameter p -> feed(n, p.name(), feeds);
            case Op.Fill f -> fill(n.shape(), n.dtype() == DType.I32 ? (int) f.value() : f.value());
            case Op.ConstantF32 c -> {
                double[] out = new double[c.data().length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = c.data()[i];
                }
                yield out;
            }
            case Op.ConstantI32 c -> Arrays.stream(c.data()).asDoubleStream().toArray();
            case Op.Iota i -> iota(n.shape(), i.axis());
            case Op.Unary u -> unary(u.kind(), v[in[0]]);
            case Op.Binary b -> binary(b.kind(), n, v[in[0]], dims(g, in[0]), v[in[1]], dims(g, in[1]));
            case Op.Compare c -> compare(c.kind(), n, v[in[0]], dims(g, in[0]), v[in[1]], dims(g, in[1]));
            case Op.Cast c -> cast(n.dtype(), v[in[0]]);
            case Op.Where w -> where(n, v[in[0]], dims(g, in[0]), v[in[1]], dims(g, in[1]), v[in[2]], dims(g, in[2]));
            case Op.MatMul m -> matmul(m, n, v[in[0]], dims(g, in[0]), v[in[1]], dims(g, in[1]));
            case Op.Reduce r -> reduce(r, n, v[in[0]], dims(g, in[0]));
            case Op.Cumsum c -> cumsum(c.axis(), c.reverse(), n.shape().dims(), v[in[0]]);
            case Op.Reshape r -> v[in[0]].clone();
            case Op.Permute p -> permute(p.perm(), n, v[in[0]], dims(g, in[0]));
            case Op.BroadcastTo b -> broadcast(n, v[in[0]], dims(g, in[0]));
            case Op.Slice s -> slice(s, n, v[in[0]], dims(g, in[0]));
            case Op.Pad p -> pad(p, n, v[in[0]], dims(g, in[0]));
            case Op.Concat c -> concat(c.axis(), g, n, v);
            case Op.Take t -> take(n, v[in[0]], dims(g, in[0]), v[in[1]]);
            case Op.ScatterAdd s -> scatterAdd(s.rows(), n, v[in[0]], v[in[1]]);
            case Op.StopGradient s -> v[in[0]].clone();
        };
    }

    private static int[] dims(Graph g, int id) {
        return g.node(id).shape().dims();
    }

    private static double[] feed(Node n, String name, Map<String, double[]> feeds) {
        double[] value = feeds.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing feed '" + name + "' (" + n.dtype() + n.shape()
                    + "); feeds given: " + new TreeSet<>(feeds.keySet()));
        }
        if (value.length != n.shape().size()) {
            throw new IllegalArgumentException("feed '" + name + "' has " + value.length + " values, the graph expects "
                    + n.dtype() + n.shape() + " (" + n.shape().size() + " values)");
        }
        if (n.dtype() == DType.I32) {
            for (double d : value) {
                if (d != Math.rint(d)) {
                    throw new IllegalArgumentException("feed '" + name + "' is I32 but holds the non-integer " + d);
                }
            }
        }
        return value.clone();
    }

    // ---- index arithmetic (row-major) ------------------------------------------------------------

    /** The multi-index of row-major position {@code flat} in an array of {@code dims}. */
    static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int a = dims.length - 1; a >= 0; a--) {
            idx[a] = flat % dims[a];
            flat /= dims[a];
        }
        return idx;
    }

    /** The row-major position of {@code idx} in an array of {@code dims}. */
    static int ravel(int[] idx, int[] dims) {
        int flat = 0;
        for (int a = 0; a < dims.length; a++) {
            flat = flat * dims[a] + idx[a];
        }
        return flat;
    }

    /**
     * The position in an operand of shape {@code inDims} read by result index {@code outIdx} under
     * NumPy broadcasting: trailing axes aligned, size-1 axes read at 0.
     */
    static int broadcastRead(int[] outIdx, int[] inDims) {
        int lead = outIdx.length - inDims.length;
        int flat = 0;
        for (int a = 0; a < inDims.length; a++) {
            int i = inDims[a] == 1 ? 0 : outIdx[lead + a];
            flat = flat * inDims[a] + i;
        }
        return flat;
    }

    private static int size(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    // ---- primitives ------------------------------------------------------------------------------

    private static double[] fill(Shape shape, double value) {
        double[] out = new double[shape.intSize()];
        Arrays.fill(out, value);
        return out;
    }

    private static double[] iota(Shape shape, int axis) {
        int[] dims = shape.dims();
        double[] out = new double[size(dims)];
        for (int i = 0; i < out.length; i++) {
            out[i] = unravel(i, dims)[axis];
        }
        return out;
    }

    private static double[] unary(Op.UnaryKind kind, double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double a = x[i];
            out[i] = switch (kind) {
                case NEG -> -a;
                case EXP -> Math.exp(a);
                case LOG -> Math.log(a);
                case SQRT -> Math.sqrt(a);
                case TANH -> Math.tanh(a);
                case SIGMOID -> 1.0 / (1.0 + Math.exp(-a));
                case SIN -> Math.sin(a);
                case COS -> Math.cos(a);
                case ABS -> Math.abs(a);
            };
        }
        return out;
    }

    private static double[] binary(Op.BinaryKind kind, Node n, double[] x, int[] xDims, double[] y, int[] yDims) {
        int[] dims = n.shape().dims();
        double[] out = new double[size(dims)];
        for (int i = 0; i < out.length; i++) {
            int[] idx = unravel(i, dims);
            double a = x[broadcastRead(idx, xDims)];
            double b = y[broadcastRead(idx, yDims)];
            out[i] = n.dtype() == DType.I32 ? binaryInt(kind, (int) a, (int) b) : binaryReal(kind, a, b);
        }
        return out;
    }

    private static double binaryReal(Op.BinaryKind kind, double a, double b) {
        return switch (kind) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case ATAN2 -> Math.atan2(a, b);
        };
    }

    private static double binaryInt(Op.BinaryKind kind, int a, int b) {
        return switch (kind) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case ATAN2 -> throw new IllegalArgumentException("ATAN2 is defined for F32 only");
        };
    }

    private static double[] compare(Op.CompareKind kind, Node n, double[] x, int[] xDims, double[] y, int[] yDims) {
        int[] dims = n.shape().dims();
        double[] out = new double[size(dims)];
        for (int i = 0; i < out.length; i++) {
            int[] idx = unravel(i, dims);
            double a = x[broadcastRead(idx, xDims)];
            double b = y[broadcastRead(idx, yDims)];
            boolean holds = switch (kind) {
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
                case EQ -> a == b;
                case NE -> a != b;
            };
            out[i] = holds ? 1 : 0;
        }
        return out;
    }

    private static double[] cast(DType to, double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = to == DType.I32 ? (int) x[i] : x[i];
        }
        return out;
    }

    private static double[] where(Node n, double[] c, int[] cDims, double[] t, int[] tDims, double[] f, int[] fDims) {
        int[] dims = n.shape().dims();
        double[] out = new double[size(dims)];
        for (int i = 0; i < out.length; i++) {
            int[] idx = unravel(i, dims);
            out[i] = c[broadcastRead(idx, cDims)] != 0 ? t[broadcastRead(idx, tDims)] : f[broadcastRead(idx, fDims)];
        }
        return out;
    }

    /** {@code out[..., m, n] = sum_k A[..., m, k] * B[..., k, n]}, A and B read transposed if flagged. */
    private static double[] matmul(Op.MatMul op, Node n, double[] a, int[] aDims, double[] b, int[] bDims) {
        int[] dims = n.shape().dims();
        int rank = dims.length;
        int k = op.transposeA() ? aDims[aDims.length - 2] : aDims[aDims.length - 1];
        int[] aBatch = Arrays.copyOf(aDims, aDims.length - 2);
        int[] bBatch = Arrays.copyOf(bDims, bDims.length - 2);
        double[] out = new double[size(dims)];
        for (int i = 0; i < out.length; i++) {
            int[] idx = unravel(i, dims);
            int row = idx[rank - 2];
            int col = idx[rank - 1];
            int[] batch = Arrays.copyOf(idx, rank - 2);
            int aBase = broadcastRead(batch, aBatch) * aDims[aDims.length - 2] * aDims[aDims.length - 1];
            int bBase = broadcastRead(batch, bBatch) * bDims[bDims.length - 2] * bDims[bDims.length - 1];
            int aCols = aDims[aDims.length - 1];
            int bCols = bDims[bDims.length - 1];
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double av = op.transposeA() ? a[aBase + j * aCols + row] : a[aBase + row * aCols + j];
                double bv = op.transposeB() ? b[bBase + col * bCols + j] : b[bBase + j * bCols + col];
                sum += av * bv;
            }
            out[i] = sum;
        }
        return out;
    }

    private static double[] reduce(Op.Reduce op, Node n, double[] x, int[] xDims) {
        int[] outDims = n.shape().dims();
        double[] out = new double[size(outDims)];
        if (op.kind() == Op.ReduceKind.MAX) {
            Arrays.fill(out, Double.NEGATIVE_INFINITY);
        }
        for (int i = 0; i < x.length; i++) {
            int[] idx = unravel(i, xDims);
            int[] outIdx = new int[outDims.length];
            int j = 0;
            for (int a = 0; a < xDims.length; a++) {
                boolean reduced = Arrays.binarySearch(op.axes(), a) >= 0;
                if (!reduced) {
                    outIdx[j++] = idx[a];
                } else if (op.keepDims()) {
                    outIdx[j++] = 0;
                }
            }
            int o = ravel(outIdx, outDims);
            out[o] = op.kind() == Op.ReduceKind.SUM ? out[o] + x[i] : Math.max(out[o], x[i]);
        }
        return out;
    }

    private static double[] cumsum(int axis, boolean reverse, int[] dims, double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            int[] idx = unravel(i, dims);
            int at = idx[axis];
            double sum = 0;
            for (int j = 0; j < dims[axis]; j++) {
                if (reverse ? j >= at : j <= at) {
                    idx[axis] = j;
                    sum += x[ravel(idx, dims)];
                }
            }
            out[i] = sum;
        }
        return out;
    }

    private static double[] permute(int[] perm, Node n, double[] x, int[] xDims) {
        int[] dims = n.shape().dims();
        double[] out = new double[size(dims)];
        for (int i = 0; i < out.length; i++) {
            int[] idx = unravel(i, dims);
            int[] inIdx = new int[idx.length];
            for (int a = 0; a < idx.length; a++) {
                inIdx[perm[a]] = idx[a];
            }
            out[i] = x[ravel(inIdx, xDims)];
        }
        return out;
    }

    private static double[] broadcast(Node n, double[] x, int[] xDims) {
        int[] dims = n.shape().dims();
        double[] out = new double[size(dims)];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[broadcastRead(unravel(i, dims), xDims)];
        }
        return out;
    }

    private static double[] slice(Op.Slice op, Node n, double[] x, int[] xDims) {
        int[] dims = n.shape().dims();
        double[] out = new double[size(dims)];
        for (int i = 0; i < out.length; i++) {
            int[] idx = unravel(i, dims);
            idx[op.axis()] += op.start();
            out[i] = x[ravel(idx, xDims)];
        }
        return out;
    }

    private static double[] pad(Op.Pad op, Node n, double[] x, int[] xDims) {
        int[] dims = n.shape().dims();
        double[] out = new double[size(dims)];
        for (int i = 0; i < out.length; i++) {
            int[] idx = unravel(i, dims);
            int at = idx[op.axis()] - op.before();
            if (at >= 0 && at < xDims[op.axis()]) {
                idx[op.axis()] = at;
                out[i] = x[ravel(idx, xDims)];
            }
        }
        return out;
    }

    private static double[] concat(int axis, Graph g, Node n, double[][] v) {
        int[] dims = n.shape().dims();
        double[] out = new double[size(dims)];
        for (int i = 0; i < out.length; i++) {
            int[] idx = unravel(i, dims);
            int at = idx[axis];
            for (int part : n.inputs()) {
                int[] partDims = dims(g, part);
                if (at < partDims[axis]) {
                    idx[axis] = at;
                    out[i] = v[part][ravel(idx, partDims)];
                    break;
                }
                at -= partDims[axis];
            }
        }
        return out;
    }

    /** {@code out[idx..., rest...] = table[indices[idx...], rest...]}. */
    private static double[] take(Node n, double[] table, int[] tableDims, double[] indices) {
        int rows = tableDims[0];
        int rowSize = size(Arrays.copyOfRange(tableDims, 1, tableDims.length));
        double[] out = new double[indices.length * rowSize];
        for (int i = 0; i < indices.length; i++) {
            int row = checkedRow(n, indices[i], rows);
            for (int r = 0; r < rowSize; r++) {
                out[i * rowSize + r] = table[row * rowSize + r];
            }
        }
        return out;
    }

    /** {@code out[indices[idx...], rest...] += updates[idx..., rest...]}, starting from zeros. */
    private static double[] scatterAdd(int rows, Node n, double[] indices, double[] updates) {
        int[] dims = n.shape().dims();
        int rowSize = size(Arrays.copyOfRange(dims, 1, dims.length));
        double[] out = new double[n.shape().intSize()];
        for (int i = 0; i < indices.length; i++) {
            int row = checkedRow(n, indices[i], rows);
            for (int r = 0; r < rowSize; r++) {
                out[row * rowSize + r] += updates[i * rowSize + r];
            }
        }
        return out;
    }

    private static int checkedRow(Node n, double index, int rows) {
        int row = (int) index;
        if (row < 0 || row >= rows) {
            throw new IllegalArgumentException("node " + n.id() + " (" + n.op().getClass().getSimpleName() + ", traced at "
                    + n.site() + "): index " + row + " out of range [0, " + rows + ")");
        }
        return row;
    }
}
