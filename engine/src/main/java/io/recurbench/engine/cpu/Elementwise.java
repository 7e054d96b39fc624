package io.recurbench.engine.cpu;

import io.recurbench.engine.ir.Op.BinaryKind;
import io.recurbench.engine.ir.Op.CompareKind;
import io.recurbench.engine.ir.Op.UnaryKind;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise kernels: unary math, broadcasting arithmetic, comparisons, select and casts.
 *
 * <p>The Vector API only compiles a lane operation to SIMD instructions when the operator is a
 * constant after inlining, so each kind is dispatched by a {@code switch} once per row to a small
 * loop that receives a constant {@link VectorOperators} value — never per element.
 */
final class Elementwise {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;

    private Elementwise() {}

    // ---- unary ----------------------------------------------------------------------------------

    /** {@code out = kind(x)} over {@code n} contiguous F32 elements. */
    record UnaryF32(UnaryKind kind, int x, int out, int n) implements Kernel {
        @Override
        public void run(Object[] v) {
            float[] a = (float[]) v[x];
            float[] o = (float[]) v[out];
            Parallel.forRange(n, Parallel.ELEMENTWISE_GRAIN, (from, to) -> unary(kind, a, o, from, to));
        }
    }

    /** {@code out = -x} or {@code |x|} over {@code n} contiguous I32 elements. */
    record UnaryI32(UnaryKind kind, int x, int out, int n) implements Kernel {
        @Override
        public void run(Object[] v) {
            int[] a = (int[]) v[x];
            int[] o = (int[]) v[out];
            switch (kind) {
                case NEG -> {
                    for (int i = 0; i < n; i++) {
                        o[i] = -a[i];
                    }
                }
                case ABS -> {
                    for (int i = 0; i < n; i++) {
                        o[i] = Math.abs(a[i]);
                    }
                }
                default -> throw new IllegalStateException("I32 " + kind + " is rejected at compile time");
            }
        }
    }

    static void unary(UnaryKind kind, float[] a, float[] o, int from, int to) {
        switch (kind) {
            case NEG -> unary(VectorOperators.NEG, a, o, from, to);
            case EXP -> unary(VectorOperators.EXP, a, o, from, to);
            case LOG -> unary(VectorOperators.LOG, a, o, from, to);
            case SQRT -> unary(VectorOperators.SQRT, a, o, from, to);
            case TANH -> unary(VectorOperators.TANH, a, o, from, to);
            case SIN -> unary(VectorOperators.SIN, a, o, from, to);
            case COS -> unary(VectorOperators.COS, a, o, from, to);
            case ABS -> unary(VectorOperators.ABS, a, o, from, to);
            case SIGMOID -> sigmoid(a, o, from, to);
        }
    }

    private static void unary(VectorOperators.Unary op, float[] a, float[] o, int from, int to) {
        int i = from;
        for (int bound = from + F.loopBound(to - from); i < bound; i += F.length()) {
            FloatVector.fromArray(F, a, i).lanewise(op).intoArray(o, i);
        }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector.fromArray(F, a, i, m).lanewise(op).intoArray(o, i, m);
        }
    }

    private static void sigmoid(float[] a, float[] o, int from, int to) {
        int i = from;
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int bound = from + F.loopBound(to - from); i < bound; i += F.length()) {
            FloatVector e = FloatVector.fromArray(F, a, i).neg().lanewise(VectorOperators.EXP);
            one.div(e.add(one)).intoArray(o, i);
        }
        for (; i < to; i++) {
            o[i] = 1f / (1f + (float) Math.exp(-a[i]));
        }
    }

    // ---- binary F32 -----------------------------------------------------------------------------

    /** {@code out = x kind y} with broadcasting precomputed in {@code bc}. */
    record BinaryF32(BinaryKind kind, int x, int y, int out, Broadcast bc) implements Kernel {
        @Override
        public void run(Object[] v) {
            float[] a = (float[]) v[x];
            float[] b = (float[]) v[y];
            float[] o = (float[]) v[out];
            int as = bc.steps()[0];
            int bs = bc.steps()[1];
            int w = bc.width();
            bc.forEach((row, from, to) -> binary(kind, a, bc.offset(0, row) + from * as, as,
                    b, bc.offset(1, row) + from * bs, bs, o, row * w + from, to - from));
        }
    }

    static void binary(BinaryKind kind, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        switch (kind) {
            case ADD -> binary(VectorOperators.ADD, a, ao, as, b, bo, bs, o, oo, n);
            case SUB -> binary(VectorOperators.SUB, a, ao, as, b, bo, bs, o, oo, n);
            case MUL -> binary(VectorOperators.MUL, a, ao, as, b, bo, bs, o, oo, n);
            case DIV -> binary(VectorOperators.DIV, a, ao, as, b, bo, bs, o, oo, n);
            case MAX -> binary(VectorOperators.MAX, a, ao, as, b, bo, bs, o, oo, n);
            case MIN -> binary(VectorOperators.MIN, a, ao, as, b, bo, bs, o, oo, n);
            case ATAN2 -> binary(VectorOperators.ATAN2, a, ao, as, b, bo, bs, o, oo, n);
        }
    }

    /** One row: each operand either advances ({@code step 1}) or repeats its first element ({@code step 0}). */
    private static void binary(VectorOperators.Binary op, float[] a, int ao, int as, float[] b, int bo, int bs,
            float[] o, int oo, int n) {
        int i = 0;
        int bound = F.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += F.length()) {
                FloatVector.fromArray(F, a, ao + i).lanewise(op, FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i);
            }
        } else if (as == 1) {
            FloatVector bv = FloatVector.broadcast(F, b[bo]);
            for (; i < bound; i += F.length()) {
                FloatVector.fromArray(F, a, ao + i).lanewise(op, bv).intoArray(o, oo + i);
            }
        } else if (bs == 1) {
            FloatVector av = FloatVector.broadcast(F, a[ao]);
            for (; i < bound; i += F.length()) {
                av.lanewise(op, FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i);
            }
        } else {
            FloatVector r = FloatVector.broadcast(F, a[ao]).lanewise(op, FloatVector.broadcast(F, b[bo]));
            for (; i < bound; i += F.length()) {
                r.intoArray(o, oo + i);
            }
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector av = as == 1 ? FloatVector.fromArray(F, a, ao + i, m) : FloatVector.broadcast(F, a[ao]);
            FloatVector bv = bs == 1 ? FloatVector.fromArray(F, b, bo + i, m) : FloatVector.broadcast(F, b[bo]);
            av.lanewise(op, bv).intoArray(o, oo + i, m);
        }
    }

    // ---- binary I32 -----------------------------------------------------------------------------

    /** Integer arithmetic with broadcasting; DIV truncates toward zero and fails on a zero divisor. */
    record BinaryI32(BinaryKind kind, int x, int y, int out, Broadcast bc, String node) implements Kernel {
        @Override
        public void run(Object[] v) {
            int[] a = (int[]) v[x];
            int[] b = (int[]) v[y];
            int[] o = (int[]) v[out];
            int as = bc.steps()[0];
            int bs = bc.steps()[1];
            int w = bc.width();
            bc.forEach((row, from, to) -> binaryInt(kind, a, bc.offset(0, row) + from * as, as,
                    b, bc.offset(1, row) + from * bs, bs, o, row * w + from, to - from, node));
        }
    }

    static void binaryInt(BinaryKind kind, int[] a, int ao, int as, int[] b, int bo, int bs, int[] o, int oo, int n,
            String node) {
        switch (kind) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i * as] + b[bo + i * bs];
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i * as] - b[bo + i * bs];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i * as] * b[bo + i * bs];
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.max(a[ao + i * as], b[bo + i * bs]);
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.min(a[ao + i * as], b[bo + i * bs]);
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    int d = b[bo + i * bs];
                    if (d == 0) {
                        throw new ArithmeticException(node + ": I32 division by zero");
                    }
                    o[oo + i] = a[ao + i * as] / d;
                }
            }
            case ATAN2 -> throw new IllegalStateException("I32 ATAN2 is rejected at compile time");
        }
    }

    // ---- comparisons ----------------------------------------------------------------------------

    /** {@code out = (x kind y) ? 1 : 0}, F32 or I32 operands, I32 result. */
    record Compare(CompareKind kind, boolean f32, int x, int y, int out, Broadcast bc) implements Kernel {
        @Override
        public void run(Object[] v) {
            int[] o = (int[]) v[out];
            int as = bc.steps()[0];
            int bs = bc.steps()[1];
            int w = bc.width();
            if (f32) {
                float[] a = (float[]) v[x];
                float[] b = (float[]) v[y];
                bc.forEach((row, from, to) -> compare(kind, a, bc.offset(0, row) + from * as, as,
                        b, bc.offset(1, row) + from * bs, bs, o, row * w + from, to - from));
            } else {
                int[] a = (int[]) v[x];
                int[] b = (int[]) v[y];
                bc.forEach((row, from, to) -> compare(kind, a, bc.offset(0, row) + from * as, as,
                        b, bc.offset(1, row) + from * bs, bs, o, row * w + from, to - from));
            }
        }
    }

    static void compare(CompareKind kind, float[] a, int ao, int as, float[] b, int bo, int bs, int[] o, int oo, int n) {
        switch (kind) {
            case LT -> { for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i * as] < b[bo + i * bs] ? 1 : 0; } }
            case LE -> { for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i * as] <= b[bo + i * bs] ? 1 : 0; } }
            case GT -> { for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i * as] > b[bo + i * bs] ? 1 : 0; } }
            case GE -> { for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i * as] >= b[bo + i * bs] ? 1 : 0; } }
            case EQ -> { for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i * as] == b[bo + i * bs] ? 1 : 0; } }
            case NE -> { for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i * as] != b[bo + i * bs] ? 1 : 0; } }
        }
    }

    static void compare(CompareKind kind, int[] a, int ao, int as, int[] b, int bo, int bs, int[] o, int oo, int n) {
        switch (kind) {
            case LT -> { for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i * as] < b[bo + i * bs] ? 1 : 0; } }
            case LE -> { for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i * as] <= b[bo + i * bs] ? 1 : 0; } }
            case GT -> { for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i * as] > b[bo + i * bs] ? 1 : 0; } }
            case GE -> { for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i * as] >= b[bo + i * bs] ? 1 : 0; } }
            case EQ -> { for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i * as] == b[bo + i * bs] ? 1 : 0; } }
            case NE -> { for (int i = 0; i < n; i++) { o[oo + i] = a[ao + i * as] != b[bo + i * bs] ? 1 : 0; } }
        }
    }

    // ---- where, cast ----------------------------------------------------------------------------

    /** {@code out = cond != 0 ? x : y}, three operands broadcast together; the condition is I32 or F32. */
    record Where(boolean condF32, boolean f32, int cond, int x, int y, int out, Broadcast bc) implements Kernel {
        @Override
        public void run(Object[] v) {
            Object c = v[cond];
            Object a = v[x];
            Object b = v[y];
            Object o = v[out];
            int cs = bc.steps()[0];
            int as = bc.steps()[1];
            int bs = bc.steps()[2];
            int w = bc.width();
            bc.forEach((row, from, to) -> {
                int co = bc.offset(0, row) + from * cs;
                int ao = bc.offset(1, row) + from * as;
                int bo = bc.offset(2, row) + from * bs;
                int oo = row * w + from;
                int n = to - from;
                if (condF32 && f32) {
                    select((float[]) c, co, cs, (float[]) a, ao, as, (float[]) b, bo, bs, (float[]) o, oo, n);
                } else if (condF32) {
                    select((float[]) c, co, cs, (int[]) a, ao, as, (int[]) b, bo, bs, (int[]) o, oo, n);
                } else if (f32) {
                    select((int[]) c, co, cs, (float[]) a, ao, as, (float[]) b, bo, bs, (float[]) o, oo, n);
                } else {
                    select((int[]) c, co, cs, (int[]) a, ao, as, (int[]) b, bo, bs, (int[]) o, oo, n);
                }
            });
        }
    }

    private static void select(int[] c, int co, int cs, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = c[co + i * cs] != 0 ? a[ao + i * as] : b[bo + i * bs];
        }
    }

    private static void select(int[] c, int co, int cs, int[] a, int ao, int as, int[] b, int bo, int bs, int[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = c[co + i * cs] != 0 ? a[ao + i * as] : b[bo + i * bs];
        }
    }

    private static void select(float[] c, int co, int cs, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = c[co + i * cs] != 0 ? a[ao + i * as] : b[bo + i * bs];
        }
    }

    private static void select(float[] c, int co, int cs, int[] a, int ao, int as, int[] b, int bo, int bs, int[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = c[co + i * cs] != 0 ? a[ao + i * as] : b[bo + i * bs];
        }
    }

    /** F32 → I32 (truncation toward zero, NaN → 0, saturating) over {@code n} elements. */
    record CastToI32(int x, int out, int n) implements Kernel {
        @Override
        public void run(Object[] v) {
            float[] a = (float[]) v[x];
            int[] o = (int[]) v[out];
            Parallel.forRange(n, Parallel.ELEMENTWISE_GRAIN, (from, to) -> {
                for (int i = from; i < to; i++) {
                    o[i] = (int) a[i];
                }
            });
        }
    }

    /** I32 → F32 over {@code n} elements. */
    record CastToF32(int x, int out, int n) implements Kernel {
        @Override
        public void run(Object[] v) {
            int[] a = (int[]) v[x];
            float[] o = (float[]) v[out];
            Parallel.forRange(n, Parallel.ELEMENTWISE_GRAIN, (from, to) -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i];
                }
            });
        }
    }
}
