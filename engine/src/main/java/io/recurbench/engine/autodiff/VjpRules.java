package io.recurbench.engine.autodiff;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.ir.Op.CompareKind;
import io.recurbench.engine.ir.Op.UnaryKind;
import java.util.Arrays;

/**
 * The vector-Jacobian product of every primitive: given a node and the adjoint {@code g} of its
 * result, appends the nodes computing the adjoint of each operand. One exhaustive {@code switch}
 * over the sealed {@link Op} set, so a new primitive does not compile until it has a rule.
 *
 * <p>Conventions (documented in {@code docs/engine-autodiff.md}):
 * <ul>
 *   <li>Ties of {@code max}/{@code min} — elementwise and reductions — split the gradient evenly
 *       between the tied positions (as JAX does), so the rule is symmetric and its sum is exact.
 *   <li>{@code abs} has gradient 0 at 0.
 *   <li>I32 values, comparisons, casts between dtypes, {@code iota}, constants and
 *       {@code stopGradient} carry no gradient.
 * </ul>
 */
final class VjpRules {
    private final Emitter e;

    VjpRules(Emitter emitter) {
        this.e = emitter;
    }

    /**
     * Which operands of {@code node} a gradient can flow into. Leaves, non-float results and
     * gradient-blocking ops have none.
     */
    static boolean[] differentiableInputs(Node node) {
        boolean[] d = new boolean[node.inputs().length];
        if (node.dtype() != DType.F32) {
            return d;
        }
        switch (node.op()) {
            case Op.Input i -> { }
            case Op.Parameter p -> { }
            case Op.Fill f -> { }
            case Op.ConstantF32 c -> { }
            case Op.ConstantI32 c -> { }
            case Op.Iota i -> { }
            case Op.Compare c -> { }
            case Op.StopGradient s -> { }
            // An I32 operand never depends on a differentiated leaf, so only an F32 -> F32 cast
            // (an identity) ever passes gradient.
            case Op.Cast c -> d[0] = true;
            case Op.Where w -> {
                d[1] = true;
                d[2] = true;
            }
            case Op.Take t -> d[0] = true;
            case Op.ScatterAdd s -> d[1] = true;
            case Op.Unary u -> Arrays.fill(d, true);
            case Op.Binary b -> Arrays.fill(d, true);
            case Op.MatMul m -> Arrays.fill(d, true);
            case Op.Reduce r -> Arrays.fill(d, true);
            case Op.Cumsum c -> Arrays.fill(d, true);
            case Op.Reshape r -> Arrays.fill(d, true);
            case Op.Permute p -> Arrays.fill(d, true);
            case Op.BroadcastTo b -> Arrays.fill(d, true);
            case Op.Slice s -> Arrays.fill(d, true);
            case Op.Pad p -> Arrays.fill(d, true);
            case Op.Concat c -> Arrays.fill(d, true);
        }
        return d;
    }

    /**
     * Appends the adjoints of {@code node}'s operands given {@code g}, the adjoint of its result.
     * Returns one id per operand, or -1 where {@code want} is false or the operand has no gradient.
     */
    int[] vjp(Node node, int g, boolean[] want) {
        int[] in = node.inputs();
        int[] out = new int[in.length];
        Arrays.fill(out, -1);
        switch (node.op()) {
            case Op.Input i -> { }
            case Op.Parameter p -> { }
            case Op.Fill f -> { }
            case Op.ConstantF32 c -> { }
            case Op.ConstantI32 c -> { }
            case Op.Iota i -> { }
            case Op.Compare c -> { }
            case Op.StopGradient s -> { }
            case Op.Cast c -> out[0] = g;
            case Op.Unary u -> out[0] = unary(u.kind(), in[0], node.id(), g);
            case Op.Binary b -> binary(b.kind(), node, g, want, out);
            case Op.Where w -> {
                int zero = e.scalar(0);
                if (want[1]) {
                    out[1] = e.sumTo(e.where(in[0], g, zero), e.shape(in[1]));
                }
                if (want[2]) {
                    out[2] = e.sumTo(e.where(in[0], zero, g), e.shape(in[2]));
                }
            }
            case Op.MatMul m -> matmul(m, node, g, want, out);
            case Op.Reduce r -> out[0] = reduce(r, node, g);
            case Op.Cumsum c -> out[0] = e.builder().add(new Op.Cumsum(c.axis(), !c.reverse()), g);
            case Op.Reshape r -> out[0] = e.reshape(g, e.shape(in[0]));
            case Op.Permute p -> out[0] = e.permute(g, inverse(p.perm()));
            case Op.BroadcastTo bt -> out[0] = e.sumTo(g, e.shape(in[0]));
            case Op.Slice s -> {
                int size = e.shape(in[0]).dim(s.axis());
                out[0] = e.builder().add(new Op.Pad(s.axis(), s.start(), size - s.end()), g);
            }
            case Op.Pad p -> {
                int size = e.shape(in[0]).dim(p.axis());
                out[0] = e.builder().add(new Op.Slice(p.axis(), p.before(), p.before() + size), g);
            }
            case Op.Concat c -> {
                int offset = 0;
                for (int k = 0; k < in.length; k++) {
                    int size = e.shape(in[k]).dim(c.axis());
                    if (want[k]) {
                        out[k] = e.builder().add(new Op.Slice(c.axis(), offset, offset + size), g);
                    }
                    offset += size;
                }
            }
            case Op.Take t -> {
                int rows = e.shape(in[0]).dim(0);
                out[0] = e.builder().add(new Op.ScatterAdd(rows), in[1], g);
            }
            case Op.ScatterAdd s -> out[1] = e.builder().add(new Op.Take(), g, in[0]);
        }
        for (int k = 0; k < in.length; k++) {
            if (!want[k]) {
                out[k] = -1;
            }
        }
        return out;
    }

    private int unary(UnaryKind kind, int x, int y, int g) {
        return switch (kind) {
            case NEG -> e.neg(g);
            case EXP -> e.mul(g, y);
            case LOG -> e.div(g, x);
            // d sqrt(x) = 1 / (2 sqrt(x)), reusing the forward result
            case SQRT -> e.div(e.mul(g, e.scalar(0.5)), y);
            case TANH -> e.mul(g, e.sub(e.scalar(1), e.mul(y, y)));
            case SIGMOID -> e.mul(g, e.mul(y, e.sub(e.scalar(1), y)));
            case SIN -> e.mul(g, e.unary(UnaryKind.COS, x));
            case COS -> e.neg(e.mul(g, e.unary(UnaryKind.SIN, x)));
            case ABS -> {
                int zero = e.scalar(0);
                int sign = e.sub(e.compareAsF32(CompareKind.GT, x, zero), e.compareAsF32(CompareKind.LT, x, zero));
                yield e.mul(g, sign);
            }
        };
    }

    private void binary(Op.BinaryKind kind, Node node, int g, boolean[] want, int[] out) {
        int a = node.inputs()[0];
        int b = node.inputs()[1];
        Shape sa = e.shape(a);
        Shape sb = e.shape(b);
        // {adjoint of a, adjoint of b} before un-broadcasting; -1 where not wanted
        int[] adj = switch (kind) {
            case ADD -> new int[] {g, g};
            case SUB -> new int[] {g, want[1] ? e.neg(g) : -1};
            case MUL -> new int[] {want[0] ? e.mul(g, b) : -1, want[1] ? e.mul(g, a) : -1};
            case DIV -> {
                // d(a/b)/da = 1/b; d(a/b)/db = -a/b^2 = -(1/b)·(a/b)
                int gOverB = e.div(g, b);
                yield new int[] {gOverB, want[1] ? e.neg(e.mul(gOverB, node.id())) : -1};
            }
            case MAX, MIN -> {
                // share of a: 1 where a wins, 1/2 on ties, 0 where b wins
                CompareKind wins = kind == Op.BinaryKind.MAX ? CompareKind.GT : CompareKind.LT;
                int tie = e.compareAsF32(CompareKind.EQ, a, b);
                int shareA = e.add(e.compareAsF32(wins, a, b), e.mul(tie, e.scalar(0.5)));
                yield new int[] {want[0] ? e.mul(g, shareA) : -1,
                        want[1] ? e.mul(g, e.sub(e.scalar(1), shareA)) : -1};
            }
            case ATAN2 -> {
                // atan2(a, b): d/da = b/(a²+b²), d/db = -a/(a²+b²)
                int gOverR2 = e.div(g, e.add(e.mul(a, a), e.mul(b, b)));
                yield new int[] {want[0] ? e.mul(gOverR2, b) : -1, want[1] ? e.neg(e.mul(gOverR2, a)) : -1};
            }
        };
        int ga = adj[0];
        int gb = adj[1];
        if (want[0]) {
            out[0] = e.sumTo(ga, sa);
        }
        if (want[1]) {
            out[1] = e.sumTo(gb, sb);
        }
    }

    /**
     * C = op(A)·op(B) where op transposes the last two axes when the flag is set. Each operand's
     * adjoint is a product of g with the other operand, chosen so no explicit transpose is needed;
     * batch axes that were broadcast are summed away afterwards. A rank-2 B shared by a batched A
     * (every linear layer) gets its adjoint from one folded [batch·M, K]ᵀ × [batch·M, N] product
     * instead of a per-batch product followed by a sum.
     */
    private void matmul(Op.MatMul m, Node node, int g, boolean[] want, int[] out) {
        int a = node.inputs()[0];
        int b = node.inputs()[1];
        boolean tA = m.transposeA();
        boolean tB = m.transposeB();
        if (want[0]) {
            int ga;
            if (!tA) {
                ga = tB ? e.matmul(false, false, g, b) : e.matmul(false, true, g, b);
            } else {
                ga = tB ? e.matmul(true, true, b, g) : e.matmul(false, true, b, g);
            }
            out[0] = e.sumTo(ga, e.shape(a));
        }
        if (want[1]) {
            if (e.shape(b).rank() == 2 && e.shape(a).rank() > 2) {
                out[1] = foldedRhsGrad(a, tA, tB, g);
            } else {
                int gb;
                if (!tB) {
                    gb = tA ? e.matmul(false, false, a, g) : e.matmul(true, false, a, g);
                } else {
                    gb = tA ? e.matmul(true, true, g, a) : e.matmul(true, false, g, a);
                }
                out[1] = e.sumTo(gb, e.shape(b));
            }
        }
    }

    private int foldedRhsGrad(int a, boolean tA, boolean tB, int g) {
        Shape sa = e.shape(a);
        int r = sa.rank();
        int rows = Math.toIntExact(sa.size() / ((long) sa.dim(-1) * sa.dim(-2))) * (tA ? sa.dim(-1) : sa.dim(-2));
        int k = tA ? sa.dim(-2) : sa.dim(-1);
        int opA = a;
        if (tA) {
            int[] perm = Emitter.range(r);
            perm[r - 2] = r - 1;
            perm[r - 1] = r - 2;
            opA = e.permute(a, perm);
        }
        int a2 = e.reshape(opA, Shape.of(rows, k));
        int n = e.shape(g).dim(-1);
        int g2 = e.reshape(g, Shape.of(rows, n));
        return tB ? e.matmul(true, false, g2, a2) : e.matmul(true, false, a2, g2);
    }

    private int reduce(Op.Reduce r, Node node, int g) {
        int x = node.inputs()[0];
        Shape sx = e.shape(x);
        if (r.axes().length == 0) {
            return g;
        }
        Shape kept = keptShape(sx, r.axes());
        int gk = e.reshape(g, kept);
        return switch (r.kind()) {
            case SUM -> e.broadcastTo(gk, sx);
            case MAX -> {
                // the gradient goes to the positions equal to the maximum, split evenly on ties
                int yk = e.reshape(node.id(), kept);
                int hit = e.compareAsF32(CompareKind.EQ, x, yk);
                int count = e.sum(hit, true, r.axes());
                yield e.mul(hit, e.div(gk, count));
            }
        };
    }

    private static Shape keptShape(Shape s, int[] axes) {
        int[] d = s.dims();
        for (int a : axes) {
            d[a] = 1;
        }
        return Shape.of(d);
    }

    private static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }
}
