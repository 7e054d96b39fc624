package io.recurbench.engine.cpu;

import io.recurbench.api.DType;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import java.util.Arrays;

/**
 * Turns each node into a {@link Kernel} with all shapes, strides and buffer indices resolved: one
 * exhaustive {@code switch} over the sealed {@link Op} set, so a new primitive does not compile
 * until the CPU backend handles it. Static mistakes (wrong operand count or dtype, shapes that do
 * not fit the op) fail here with the node named, never on the first run.
 */
final class KernelFactory {

    private final Graph graph;
    private final int[] root;

    KernelFactory(Graph graph, BufferPlan plan) {
        this.graph = graph;
        this.root = plan.root();
    }

    /** The kernel computing {@code node}, or null when its value needs no computation (feeds, constants, views). */
    Kernel kernel(Node node) {
        try {
            return build(node);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(describe(node) + ": " + e.getMessage(), e);
        }
    }

    static String describe(Node node) {
        String op = node.op().getClass().getSimpleName();
        return "node " + node.id() + " (" + op + " " + node.dtype() + node.shape()
                + (node.site() == null ? "" : " at " + node.site()) + ")";
    }

    private Kernel build(Node node) {
        Op op = node.op();
        int out = node.id();
        int n = node.shape().intSize();
        boolean f32 = node.dtype() == DType.F32;
        if (n == 0 && !(op instanceof Op.Input || op instanceof Op.Parameter
                || op instanceof Op.ConstantF32 || op instanceof Op.ConstantI32)) {
            return new Moves.Empty();
        }
        return switch (op) {
            case Op.Input i -> null;
            case Op.Parameter p -> {
                require(node.dtype() == DType.F32, "parameters are F32");
                yield null;
            }
            case Op.ConstantF32 c -> {
                require(f32 && c.data().length == n, "F32 constant needs " + n + " values, has " + c.data().length);
                yield null;
            }
            case Op.ConstantI32 c -> {
                require(!f32 && c.data().length == n, "I32 constant needs " + n + " values, has " + c.data().length);
                yield null;
            }
            case Op.Fill fill -> new Moves.Fill(f32, fill.value(), out, n);
            case Op.Iota iota -> {
                int[] d = node.shape().dims();
                int axis = node.shape().axis(iota.axis());
                yield new Moves.Iota(f32, prod(d, 0, axis), d[axis], prod(d, axis + 1, d.length), out);
            }
            case Op.Unary u -> {
                arity(node, 1);
                Node x = in(node, 0);
                require(x.dtype() == node.dtype() && x.shape().equals(node.shape()), "operand " + sig(x) + " differs from result");
                if (f32) {
                    yield new Elementwise.UnaryF32(u.kind(), v(x), out, n);
                }
                require(u.kind() == Op.UnaryKind.NEG || u.kind() == Op.UnaryKind.ABS, "I32 supports only NEG and ABS, not " + u.kind());
                yield new Elementwise.UnaryI32(u.kind(), v(x), out, n);
            }
            case Op.Binary b -> {
                arity(node, 2);
                Node x = in(node, 0);
                Node y = in(node, 1);
                require(x.dtype() == node.dtype() && y.dtype() == node.dtype(), "operands " + sig(x) + ", " + sig(y) + " must both be " + node.dtype());
                Broadcast bc = Broadcast.of(node.shape().dims(), x.shape().dims(), y.shape().dims());
                if (f32) {
                    yield new Elementwise.BinaryF32(b.kind(), v(x), v(y), out, bc);
                }
                require(b.kind() != Op.BinaryKind.ATAN2, "ATAN2 needs F32 operands");
                yield new Elementwise.BinaryI32(b.kind(), v(x), v(y), out, bc, describe(node));
            }
            case Op.Compare c -> {
                arity(node, 2);
                Node x = in(node, 0);
                Node y = in(node, 1);
                require(x.dtype() == y.dtype() && node.dtype() == DType.I32, "compares two operands of one dtype into I32, got " + sig(x) + ", " + sig(y));
                yield new Elementwise.Compare(c.kind(), x.dtype() == DType.F32, v(x), v(y), out,
                        Broadcast.of(node.shape().dims(), x.shape().dims(), y.shape().dims()));
            }
            case Op.Cast c -> {
                arity(node, 1);
                Node x = in(node, 0);
                require(x.shape().equals(node.shape()), "operand " + sig(x) + " differs in shape");
                yield f32 ? new Elementwise.CastToF32(v(x), out, n) : new Elementwise.CastToI32(v(x), out, n);
            }
            case Op.Where w -> {
                arity(node, 3);
                Node c = in(node, 0);
                Node x = in(node, 1);
                Node y = in(node, 2);
                require(x.dtype() == node.dtype() && y.dtype() == node.dtype(),
                        "needs two " + node.dtype() + " branches, got " + sig(c) + ", " + sig(x) + ", " + sig(y));
                yield new Elementwise.Where(c.dtype() == DType.F32, f32, v(c), v(x), v(y), out,
                        Broadcast.of(node.shape().dims(), c.shape().dims(), x.shape().dims(), y.shape().dims()));
            }
            case Op.MatMul mm -> {
                arity(node, 2);
                Node x = in(node, 0);
                Node y = in(node, 1);
                require(f32 && x.dtype() == DType.F32 && y.dtype() == DType.F32, "matmul is F32 only");
                require(x.shape().rank() >= 2 && y.shape().rank() >= 2, "operands " + sig(x) + ", " + sig(y) + " need rank >= 2");
                int ka = mm.transposeA() ? x.shape().dim(-2) : x.shape().dim(-1);
                int kb = mm.transposeB() ? y.shape().dim(-1) : y.shape().dim(-2);
                require(ka == kb, "contracted sizes differ: " + sig(x) + " x " + sig(y) + " (transposeA=" + mm.transposeA() + ", transposeB=" + mm.transposeB() + ")");
                if (ka == 0) {
                    yield new Moves.Fill(true, 0.0, out, n); // an empty contraction is all zeros
                }
                yield MatMulKernel.of(x.shape().dims(), y.shape().dims(), node.shape().dims(), mm.transposeA(), mm.transposeB(), v(x), v(y), out);
            }
            case Op.Reduce r -> {
                arity(node, 1);
                Node x = in(node, 0);
                int[] axes = r.axes();
                for (int i = 0; i < axes.length; i++) {
                    require(axes[i] >= 0 && axes[i] < x.shape().rank() && (i == 0 || axes[i] > axes[i - 1]),
                            "axes " + Arrays.toString(axes) + " must be sorted, distinct and within rank " + x.shape().rank());
                }
                require(x.dtype() == node.dtype(), "dtype changes");
                yield Reductions.reduce(r.kind() == Op.ReduceKind.MAX, f32, x.shape().dims(), axes, v(x), out);
            }
            case Op.Cumsum c -> {
                arity(node, 1);
                Node x = in(node, 0);
                require(x.shape().equals(node.shape()) && x.dtype() == node.dtype(), "operand " + sig(x) + " differs from result");
                int[] d = x.shape().dims();
                int axis = x.shape().axis(c.axis());
                yield new Reductions.Cumsum(f32, c.reverse(), prod(d, 0, axis), d[axis], prod(d, axis + 1, d.length), v(x), out);
            }
            case Op.Reshape r -> {
                arity(node, 1);
                require(in(node, 0).shape().size() == n && in(node, 0).dtype() == node.dtype(), "cannot view " + sig(in(node, 0)) + " as " + sig(node));
                yield null; // a view of its operand's storage (see BufferPlan)
            }
            case Op.StopGradient s -> {
                arity(node, 1);
                yield null; // a view of its operand's storage (see BufferPlan)
            }
            case Op.Permute p -> {
                arity(node, 1);
                Node x = in(node, 0);
                int[] d = x.shape().dims();
                int[] perm = p.perm();
                require(perm.length == d.length && isPermutation(perm), "perm " + Arrays.toString(perm) + " is not a permutation of rank " + d.length);
                for (int i = 0; i < perm.length; i++) {
                    require(node.shape().dim(i) == d[perm[i]], "result shape does not match perm " + Arrays.toString(perm));
                }
                yield Moves.permute(f32, d, perm, v(x), out);
            }
            case Op.BroadcastTo b -> {
                arity(node, 1);
                Node x = in(node, 0);
                yield new Moves.BroadcastTo(f32, Broadcast.of(node.shape().dims(), x.shape().dims()), v(x), out);
            }
            case Op.Slice s -> {
                arity(node, 1);
                Node x = in(node, 0);
                int[] d = x.shape().dims();
                int axis = x.shape().axis(s.axis());
                require(0 <= s.start() && s.start() <= s.end() && s.end() <= d[axis], "slice [" + s.start() + ", " + s.end() + ") outside axis of size " + d[axis]);
                yield new Moves.Slice(prod(d, 0, axis), d[axis], prod(d, axis + 1, d.length), s.start(), s.end() - s.start(), v(x), out);
            }
            case Op.Pad p -> {
                arity(node, 1);
                Node x = in(node, 0);
                int[] d = x.shape().dims();
                int axis = x.shape().axis(p.axis());
                require(p.before() >= 0 && p.after() >= 0 && node.shape().dim(axis) == d[axis] + p.before() + p.after(), "padding does not match the result shape");
                yield new Moves.Pad(f32, prod(d, 0, axis), d[axis], prod(d, axis + 1, d.length), p.before(), p.after(), v(x), out);
            }
            case Op.Concat c -> {
                require(node.inputs().length >= 1, "needs at least one operand");
                int[] d = node.shape().dims();
                int axis = node.shape().axis(c.axis());
                int[] lens = new int[node.inputs().length];
                int[] xs = new int[lens.length];
                int total = 0;
                for (int j = 0; j < lens.length; j++) {
                    Node x = in(node, j);
                    require(x.dtype() == node.dtype() && x.shape().rank() == d.length, "operand " + sig(x) + " does not fit " + sig(node));
                    lens[j] = x.shape().dim(axis);
                    xs[j] = v(x);
                    total += lens[j];
                }
                require(total == d[axis], "operand sizes along axis " + axis + " sum to " + total);
                yield new Moves.Concat(prod(d, 0, axis), lens, prod(d, axis + 1, d.length), xs, out);
            }
            case Op.Take t -> {
                arity(node, 2);
                Node table = in(node, 0);
                Node idx = in(node, 1);
                require(idx.dtype() == DType.I32 && table.dtype() == node.dtype() && table.shape().rank() >= 1, "needs a table and I32 indices, got " + sig(table) + ", " + sig(idx));
                int[] td = table.shape().dims();
                int width = prod(td, 1, td.length);
                require(n == idx.shape().intSize() * width, "result " + sig(node) + " does not match " + sig(table) + " taken at " + sig(idx));
                yield new Moves.Take(v(table), v(idx), out, idx.shape().intSize(), td[0], width, describe(node));
            }
            case Op.ScatterAdd s -> {
                arity(node, 2);
                Node idx = in(node, 0);
                Node upd = in(node, 1);
                require(idx.dtype() == DType.I32 && upd.dtype() == node.dtype(), "needs I32 indices and updates, got " + sig(idx) + ", " + sig(upd));
                int count = idx.shape().intSize();
                int width = count == 0 ? n / Math.max(1, s.rows()) : upd.shape().intSize() / count;
                require(node.shape().dim(0) == s.rows() && n == s.rows() * width, "result " + sig(node) + " is not [" + s.rows() + ", ...] of the update rows");
                yield new Moves.ScatterAdd(v(idx), v(upd), out, count, s.rows(), width, describe(node));
            }
        };
    }

    private int v(Node x) {
        return root[x.id()];
    }

    private Node in(Node node, int i) {
        return graph.node(node.inputs()[i]);
    }

    private static void arity(Node node, int n) {
        require(node.inputs().length == n, "expects " + n + " operands, has " + node.inputs().length);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String sig(Node node) {
        return node.dtype() + "" + node.shape();
    }

    static int prod(int[] d, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= d[i];
        }
        return p;
    }

    private static boolean isPermutation(int[] perm) {
        boolean[] seen = new boolean[perm.length];
        for (int p : perm) {
            if (p < 0 || p >= perm.length || seen[p]) {
                return false;
            }
            seen[p] = true;
        }
        return true;
    }
}
