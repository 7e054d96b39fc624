package io.recurbench.engine.cpu;

import io.recurbench.engine.ir.Op.BinaryKind;
import io.recurbench.engine.ir.Op.CompareKind;
import io.recurbench.engine.ir.Op.UnaryKind;
import io.recurbench.engine.cpu.math.F32Math;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise kernels: unary math, broadcasting arithmetic, comparisons, select and casts.
 *
 * <p>The Vector API only compiles a lane operation to SIMD instructions when its operator is a
 * compile-time constant. A loop taking the operator as a parameter is not enough: a long loop is
 * compiled on its own (on-stack replacement), where the parameter is not constant, and runs the
 * API's scalar fallback, far slower than a plain loop. So each vector step goes through
 * a {@code switch} on the op kind whose cases name their operators literally and store their own
 * result (a vector merged from several branches is allocated on the heap).
 *
 * <p>Transcendentals are {@link F32Math}'s, not the Vector API's lane operations, whose results
 * change by an ulp once the JIT compiles a loop (see docs/engine-cpu.md, "Reproducibility").
 */
final class Elementwise {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

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
        unary(kind, a, from, o, from, to - from);
    }

    /** {@code o[oo + i] = kind(a[ao + i])} for {@code i < n}. */
    static void unary(UnaryKind kind, float[] a, int ao, float[] o, int oo, int n) {
        switch (kind) { // transcendentals: one loop each (see the comment above exp(...))
            case EXP -> exp(a, ao, o, oo, n);
            case LOG -> log(a, ao, o, oo, n);
            case TANH -> tanh(a, ao, o, oo, n);
            case SIGMOID -> sigmoid(a, ao, o, oo, n);
            case SIN -> sin(a, ao, o, oo, n);
            case COS -> cos(a, ao, o, oo, n);
            default -> cheapUnary(kind, a, ao, o, oo, n);
        }
    }

    private static void cheapUnary(UnaryKind kind, float[] a, int ao, float[] o, int oo, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            store(kind, FloatVector.fromArray(F, a, ao + i), o, oo + i, null);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            store(kind, FloatVector.fromArray(F, a, ao + i, m), o, oo + i, m);
        }
    }

    // One loop per transcendental, not a case of the per-vector switch: each F32Math function
    // inlines to thousands of C2 nodes, and a fused kernel whose switch had several of them hot hit
    // C2's node-count inlining cutoff, leaving a call whose vector argument was boxed (2x slower).
    // A loop that fails to inline into its caller costs nothing: its arguments are arrays.
    private static void exp(float[] a, int ao, float[] o, int oo, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            F32Math.exp(FloatVector.fromArray(F, a, ao + i)).intoArray(o, oo + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            F32Math.exp(FloatVector.fromArray(F, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    private static void log(float[] a, int ao, float[] o, int oo, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            F32Math.log(FloatVector.fromArray(F, a, ao + i)).intoArray(o, oo + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            F32Math.log(FloatVector.fromArray(F, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    private static void tanh(float[] a, int ao, float[] o, int oo, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            F32Math.tanh(FloatVector.fromArray(F, a, ao + i)).intoArray(o, oo + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            F32Math.tanh(FloatVector.fromArray(F, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    private static void sigmoid(float[] a, int ao, float[] o, int oo, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            F32Math.sigmoid(FloatVector.fromArray(F, a, ao + i)).intoArray(o, oo + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            F32Math.sigmoid(FloatVector.fromArray(F, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    private static void sin(float[] a, int ao, float[] o, int oo, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            F32Math.sin(FloatVector.fromArray(F, a, ao + i)).intoArray(o, oo + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            F32Math.sin(FloatVector.fromArray(F, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    private static void cos(float[] a, int ao, float[] o, int oo, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            F32Math.cos(FloatVector.fromArray(F, a, ao + i)).intoArray(o, oo + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            F32Math.cos(FloatVector.fromArray(F, a, ao + i, m)).intoArray(o, oo + i, m);
        }
    }

    /**
     * Stores one vector of {@code kind(x)} at {@code o[i]} (under {@code m} when not null). Every
     * case names its operator as a constant and stores its own result: no vector value flows out
     * of the switch, since merging vectors from several branches makes the JIT allocate them.
     */
    private static void store(UnaryKind kind, FloatVector x, float[] o, int i, VectorMask<Float> m) {
        switch (kind) {
            case NEG -> into(x.neg(), o, i, m);
            case SQRT -> into(x.sqrt(), o, i, m);
            case ABS -> into(x.abs(), o, i, m);
            default -> throw new IllegalStateException(kind + " has its own loop");
        }
    }

    private static void into(FloatVector r, float[] o, int i, VectorMask<Float> m) {
        if (m == null) {
            r.intoArray(o, i);
        } else {
            r.intoArray(o, i, m);
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

    /** One row: each operand either advances ({@code step 1}) or repeats its first element ({@code step 0}). */
    static void binary(BinaryKind kind, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        int i = 0;
        int bound = F.loopBound(n);
        if (as == 1 && bs == 1) {
            for (; i < bound; i += F.length()) {
                store(kind, FloatVector.fromArray(F, a, ao + i), FloatVector.fromArray(F, b, bo + i), o, oo + i, null);
            }
        } else if (as == 1) {
            FloatVector bv = FloatVector.broadcast(F, b[bo]);
            for (; i < bound; i += F.length()) {
                store(kind, FloatVector.fromArray(F, a, ao + i), bv, o, oo + i, null);
            }
        } else if (bs == 1) {
            FloatVector av = FloatVector.broadcast(F, a[ao]);
            for (; i < bound; i += F.length()) {
                store(kind, av, FloatVector.fromArray(F, b, bo + i), o, oo + i, null);
            }
        } else {
            FloatVector av = FloatVector.broadcast(F, a[ao]);
            FloatVector bv = FloatVector.broadcast(F, b[bo]);
            for (; i < bound; i += F.length()) {
                store(kind, av, bv, o, oo + i, null);
            }
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector av = as == 1 ? FloatVector.fromArray(F, a, ao + i, m) : FloatVector.broadcast(F, a[ao]);
            FloatVector bv = bs == 1 ? FloatVector.fromArray(F, b, bo + i, m) : FloatVector.broadcast(F, b[bo]);
            store(kind, av, bv, o, oo + i, m);
        }
    }

    /** Stores one vector of {@code x kind y}; literal operators, no vector leaves the switch (see {@link #store(UnaryKind, FloatVector, float[], int, VectorMask)}). */
    private static void store(BinaryKind kind, FloatVector x, FloatVector y, float[] o, int i, VectorMask<Float> m) {
        switch (kind) {
            case ADD -> into(x.add(y), o, i, m);
            case SUB -> into(x.sub(y), o, i, m);
            case MUL -> into(x.mul(y), o, i, m);
            case DIV -> into(x.div(y), o, i, m);
            case MAX -> into(x.max(y), o, i, m);
            case MIN -> into(x.min(y), o, i, m);
            case ATAN2 -> into(F32Math.atan2(x, y), o, i, m);
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
