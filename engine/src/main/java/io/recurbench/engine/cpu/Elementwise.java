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
 * <p>The Vector API only compiles a lane operation to SIMD instructions when its operator is a
 * compile-time constant. A loop taking the operator as a parameter is not enough: a long loop is
 * compiled on its own (on-stack replacement), where the parameter is not constant, and runs the
 * API's scalar fallback, far slower than a plain loop. So each vector step goes through
 * a {@code switch} on the op kind whose cases name their operators literally.
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
        int i = from;
        for (int bound = from + F.loopBound(to - from); i < bound; i += F.length()) {
            apply(kind, FloatVector.fromArray(F, a, i)).intoArray(o, i);
        }
        if (i < to) {
            VectorMask<Float> m = F.indexInRange(i, to);
            apply(kind, FloatVector.fromArray(F, a, i, m)).intoArray(o, i, m);
        }
    }

    /**
     * One vector of {@code kind(x)}. Every case names its operator as a constant, so each compiles
     * to SIMD code even where {@code kind} itself is not a compile-time constant (an OSR-compiled
     * loop); the switch costs one predicted branch per vector, not per element.
     */
    private static FloatVector apply(UnaryKind kind, FloatVector x) {
        return switch (kind) {
            case NEG -> x.neg();
            case EXP -> x.lanewise(VectorOperators.EXP);
            case LOG -> x.lanewise(VectorOperators.LOG);
            case SQRT -> x.sqrt();
            case TANH -> x.lanewise(VectorOperators.TANH);
            case SIN -> x.lanewise(VectorOperators.SIN);
            case COS -> x.lanewise(VectorOperators.COS);
            case ABS -> x.abs();
            case SIGMOID -> ONE.div(x.neg().lanewise(VectorOperators.EXP).add(ONE));
        };
    }

    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);

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

    /** One row: each operand either advances ({@code step 1}) or repeats its first element ({@code step 0}). */
    static void binary(BinaryKind kind, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        int i = 0;
        int bound = F.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += F.length()) {
                apply(kind, FloatVector.fromArray(F, a, ao + i), FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i);
            }
        } else if (as == 1) {
            FloatVector bv = FloatVector.broadcast(F, b[bo]);
            for (; i < bound; i += F.length()) {
                apply(kind, FloatVector.fromArray(F, a, ao + i), bv).intoArray(o, oo + i);
            }
        } else if (bs == 1) {
            FloatVector av = FloatVector.broadcast(F, a[ao]);
            for (; i < bound; i += F.length()) {
                apply(kind, av, FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i);
            }
        } else {
            FloatVector r = apply(kind, FloatVector.broadcast(F, a[ao]), FloatVector.broadcast(F, b[bo]));
            for (; i < bound; i += F.length()) {
                r.intoArray(o, oo + i);
            }
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector av = as == 1 ? FloatVector.fromArray(F, a, ao + i, m) : FloatVector.broadcast(F, a[ao]);
            FloatVector bv = bs == 1 ? FloatVector.fromArray(F, b, bo + i, m) : FloatVector.broadcast(F, b[bo]);
            apply(kind, av, bv).intoArray(o, oo + i, m);
        }
    }

    /** One vector of {@code x kind y}; constant operators per case, as in {@link #apply(UnaryKind, FloatVector)}. */
    private static FloatVector apply(BinaryKind kind, FloatVector x, FloatVector y) {
        return switch (kind) {
            case ADD -> x.add(y);
            case SUB -> x.sub(y);
            case MUL -> x.mul(y);
            case DIV -> x.div(y);
            case MAX -> x.max(y);
            case MIN -> x.min(y);
            case ATAN2 -> x.lanewise(VectorOperators.ATAN2, y);
        };
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
