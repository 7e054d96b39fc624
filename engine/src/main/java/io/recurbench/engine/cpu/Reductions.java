package io.recurbench.engine.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Reductions (sum, max) over arbitrary axes, and cumulative sums.
 *
 * <p>At compile time the input's axes are grouped: neighbouring reduced axes merge, neighbouring
 * kept axes merge, size-1 axes vanish. The common layouts — {@code [outer, reduced]} (last axis),
 * {@code [reduced, inner]} (leading axes) and {@code [outer, reduced, inner]} — run vectorized;
 * anything else (two or more separate reduced groups) walks rows of the innermost group, still
 * vectorised along the row but on one thread.
 */
final class Reductions {

    private static final VectorSpecies<Float> F = Elementwise.F;

    /** Rows processed per chunk when a full reduction is split across cores (fixed, for determinism). */
    private static final int PARTIAL_CHUNK = 1 << 16;

    private Reductions() {}

    /** The input axes grouped into alternating kept/reduced runs. */
    record Groups(int[] dims, boolean[] reduced) {
        static Groups of(int[] shape, int[] axes) {
            boolean[] red = new boolean[shape.length];
            for (int a : axes) {
                red[a] = true;
            }
            List<Integer> dims = new ArrayList<>();
            List<Boolean> flags = new ArrayList<>();
            for (int a = 0; a < shape.length; a++) {
                if (shape[a] == 1) {
                    continue;
                }
                int last = dims.size() - 1;
                if (last >= 0 && flags.get(last) == red[a]) {
                    dims.set(last, dims.get(last) * shape[a]);
                } else {
                    dims.add(shape[a]);
                    flags.add(red[a]);
                }
            }
            int[] d = dims.stream().mapToInt(Integer::intValue).toArray();
            boolean[] r = new boolean[flags.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = flags.get(i);
            }
            return new Groups(d, r);
        }

        int reducedGroups() {
            int n = 0;
            for (boolean b : reduced) {
                n += b ? 1 : 0;
            }
            return n;
        }
    }

    /** Builds the kernel for a reduction of an input of {@code shape} over {@code axes}. */
    static Kernel reduce(boolean max, boolean f32, int[] shape, int[] axes, int x, int out) {
        Groups g = Groups.of(shape, axes);
        int outSize = 1;
        for (int i = 0; i < g.dims().length; i++) {
            outSize *= g.reduced()[i] ? 1 : g.dims()[i];
        }
        if (Arrays.stream(shape).anyMatch(d -> d == 0)) {
            return new Identity(max, f32, out, outSize);
        }
        if (g.reducedGroups() == 0) {
            return new Moves.Copy(x, out, outSize);
        }
        if (g.reducedGroups() == 1) {
            int k = 0;
            while (!g.reduced()[k]) {
                k++;
            }
            int outer = k == 0 ? 1 : g.dims()[0];
            int inner = k == g.dims().length - 1 ? 1 : g.dims()[k + 1];
            return new ThreeAxes(max, f32, outer, g.dims()[k], inner, x, out);
        }
        return General.of(max, f32, shape, axes, x, out);
    }

    /** Reduction over zero elements: the identity (0 for sum, −∞ or Integer.MIN_VALUE for max). */
    record Identity(boolean max, boolean f32, int out, int n) implements Kernel {
        @Override
        public void run(Object[] v) {
            if (f32) {
                Arrays.fill((float[]) v[out], 0, n, max ? Float.NEGATIVE_INFINITY : 0f);
            } else {
                Arrays.fill((int[]) v[out], 0, n, max ? Integer.MIN_VALUE : 0);
            }
        }
    }

    /** {@code out[o, i] = reduce_r in[o, r, i]}. */
    record ThreeAxes(boolean max, boolean f32, int outer, int reduced, int inner, int x, int out) implements Kernel {
        @Override
        public void run(Object[] v) {
            if (!f32) {
                int[] a = (int[]) v[x];
                int[] o = (int[]) v[out];
                Parallel.forRange(outer, grain(), (from, to) -> {
                    for (int p = from; p < to; p++) {
                        intRows(max, a, p * reduced * inner, reduced, inner, o, p * inner);
                    }
                });
                return;
            }
            float[] a = (float[]) v[x];
            float[] o = (float[]) v[out];
            if (inner == 1 && outer == 1) {
                o[0] = full(max, a, reduced);
            } else if (inner == 1) {
                Parallel.forRange(outer, grain(), (from, to) -> {
                    for (int p = from; p < to; p++) {
                        o[p] = max ? maxRow(a, p * reduced, reduced) : sumRow(a, p * reduced, reduced);
                    }
                });
            } else if (outer == 1) {
                Parallel.forRange(inner, Math.max(F.length(), grain()), (from, to) ->
                        columns(max, a, 0, reduced, inner, o, 0, from, to));
            } else {
                Parallel.forRange(outer, grain(), (from, to) -> {
                    for (int p = from; p < to; p++) {
                        columns(max, a, p * reduced * inner, reduced, inner, o, p * inner, 0, inner);
                    }
                });
            }
        }

        private int grain() {
            return Math.max(1, Parallel.ELEMENTWISE_GRAIN / Math.max(1, reduced * inner));
        }
    }

    /** A whole-array reduction, split into fixed chunks whose partials combine in order. */
    private static float full(boolean max, float[] a, int n) {
        int chunks = (n + PARTIAL_CHUNK - 1) / PARTIAL_CHUNK;
        if (chunks <= 1) {
            return max ? maxRow(a, 0, n) : sumRow(a, 0, n);
        }
        float[] partial = new float[chunks];
        Parallel.forRange(chunks, 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                int lo = c * PARTIAL_CHUNK;
                int len = Math.min(n, lo + PARTIAL_CHUNK) - lo;
                partial[c] = max ? maxRow(a, lo, len) : sumRow(a, lo, len);
            }
        });
        float r = max ? Float.NEGATIVE_INFINITY : 0f;
        for (float p : partial) {
            r = max ? Math.max(r, p) : r + p;
        }
        return r;
    }

    static float sumRow(float[] a, int off, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int i = 0;
        int step = 2 * F.length();
        for (int bound = n - n % step; i < bound; i += step) {
            acc0 = acc0.add(FloatVector.fromArray(F, a, off + i));
            acc1 = acc1.add(FloatVector.fromArray(F, a, off + i + F.length()));
        }
        float s = sumLanes(acc0.add(acc1));
        for (; i < n; i++) {
            s += a[off + i];
        }
        return s;
    }

    /**
     * The lanes of {@code v} summed first to last. Not {@code reduceLanes(ADD)}: its order differs
     * between the JIT intrinsic (a tree) and the Vector API's Java fallback (sequential), and float
     * addition is not associative, so results would change once the loop is compiled.
     */
    private static float sumLanes(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < F.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }

    static float maxRow(float[] a, int off, int n) {
        FloatVector acc = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            acc = acc.max(FloatVector.fromArray(F, a, off + i));
        }
        float m = acc.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            m = Math.max(m, a[off + i]);
        }
        return m;
    }

    /** {@code o[oOff + i] = reduce_r a[aOff + r*inner + i]} for columns {@code i in [from, to)}. */
    private static void columns(boolean max, float[] a, int aOff, int reduced, int inner, float[] o, int oOff,
            int from, int to) {
        System.arraycopy(a, aOff + from, o, oOff + from, to - from);
        for (int r = 1; r < reduced; r++) {
            int row = aOff + r * inner;
            int i = from;
            for (int bound = from + F.loopBound(to - from); i < bound; i += F.length()) {
                FloatVector acc = FloatVector.fromArray(F, o, oOff + i);
                FloatVector x = FloatVector.fromArray(F, a, row + i);
                if (max) { // each branch stores its own result: no vector merges across branches
                    acc.max(x).intoArray(o, oOff + i);
                } else {
                    acc.add(x).intoArray(o, oOff + i);
                }
            }
            for (; i < to; i++) {
                o[oOff + i] = max ? Math.max(o[oOff + i], a[row + i]) : o[oOff + i] + a[row + i];
            }
        }
    }

    private static void intRows(boolean max, int[] a, int aOff, int reduced, int inner, int[] o, int oOff) {
        System.arraycopy(a, aOff, o, oOff, inner);
        for (int r = 1; r < reduced; r++) {
            int row = aOff + r * inner;
            for (int i = 0; i < inner; i++) {
                o[oOff + i] = max ? Math.max(o[oOff + i], a[row + i]) : o[oOff + i] + a[row + i];
            }
        }
    }

    /**
     * Any other reduction (two or more separate reduced groups, e.g. axes {0, 2} of [B, S, D]).
     * The input is walked as rows of its innermost group: a reduced innermost group is folded
     * with a vectorised row reduction into one output element; a kept one is accumulated as a
     * whole row into the output. Row output offsets are precomputed.
     *
     * @param rowOut   output offset of each input row
     * @param width    elements per input row (the innermost group)
     * @param innerReduced whether the innermost group is reduced
     */
    record General(boolean max, boolean f32, int[] rowOut, int width, boolean innerReduced, int outSize, int x, int out)
            implements Kernel {
        static General of(boolean max, boolean f32, int[] shape, int[] axes, int x, int out) {
            Groups g = Groups.of(shape, axes);
            int k = g.dims().length;
            int[] outStride = new int[k];
            int s = 1;
            for (int a = k - 1; a >= 0; a--) {
                if (!g.reduced()[a]) {
                    outStride[a] = s;
                    s *= g.dims()[a];
                }
            }
            int rows = 1;
            for (int a = 0; a < k - 1; a++) {
                rows *= g.dims()[a];
            }
            int[] rowOut = new int[rows];
            int[] idx = new int[k - 1];
            int cur = 0;
            for (int r = 0; r < rows; r++) {
                rowOut[r] = cur;
                for (int a = k - 2; a >= 0; a--) {
                    idx[a]++;
                    cur += outStride[a];
                    if (idx[a] < g.dims()[a]) {
                        break;
                    }
                    cur -= outStride[a] * g.dims()[a];
                    idx[a] = 0;
                }
            }
            return new General(max, f32, rowOut, g.dims()[k - 1], g.reduced()[k - 1], s, x, out);
        }

        @Override
        public void run(Object[] v) {
            if (f32) {
                float[] a = (float[]) v[x];
                float[] o = (float[]) v[out];
                Arrays.fill(o, 0, outSize, max ? Float.NEGATIVE_INFINITY : 0f);
                for (int r = 0; r < rowOut.length; r++) {
                    int src = r * width;
                    int dst = rowOut[r];
                    if (innerReduced) {
                        o[dst] = max ? Math.max(o[dst], maxRow(a, src, width)) : o[dst] + sumRow(a, src, width);
                    } else {
                        accumulate(max, a, src, o, dst, width);
                    }
                }
            } else {
                int[] a = (int[]) v[x];
                int[] o = (int[]) v[out];
                Arrays.fill(o, 0, outSize, max ? Integer.MIN_VALUE : 0);
                for (int r = 0; r < rowOut.length; r++) {
                    for (int i = 0; i < width; i++) {
                        int dst = rowOut[r] + (innerReduced ? 0 : i);
                        int e = a[r * width + i];
                        o[dst] = max ? Math.max(o[dst], e) : o[dst] + e;
                    }
                }
            }
        }
    }

    /** {@code o[dst + i] = o[dst + i] (max|+) a[src + i]} for {@code i < n}. */
    private static void accumulate(boolean max, float[] a, int src, float[] o, int dst, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector acc = FloatVector.fromArray(F, o, dst + i);
            FloatVector x = FloatVector.fromArray(F, a, src + i);
            if (max) { // each branch stores its own result: no vector merges across branches
                acc.max(x).intoArray(o, dst + i);
            } else {
                acc.add(x).intoArray(o, dst + i);
            }
        }
        for (; i < n; i++) {
            o[dst + i] = max ? Math.max(o[dst + i], a[src + i]) : o[dst + i] + a[src + i];
        }
    }

    /** Inclusive prefix sum along the middle axis of {@code [outer, len, inner]}. */
    record Cumsum(boolean f32, boolean reverse, int outer, int len, int inner, int x, int out) implements Kernel {
        @Override
        public void run(Object[] v) {
            int grain = Math.max(1, Parallel.ELEMENTWISE_GRAIN / Math.max(1, len * inner));
            if (f32) {
                float[] a = (float[]) v[x];
                float[] o = (float[]) v[out];
                Parallel.forRange(outer, grain, (from, to) -> {
                    for (int p = from; p < to; p++) {
                        cumsum(a, o, p * len * inner);
                    }
                });
            } else {
                int[] a = (int[]) v[x];
                int[] o = (int[]) v[out];
                Parallel.forRange(outer, grain, (from, to) -> {
                    for (int p = from; p < to; p++) {
                        cumsum(a, o, p * len * inner);
                    }
                });
            }
        }

        private void cumsum(float[] a, float[] o, int base) {
            int first = reverse ? len - 1 : 0;
            int dir = reverse ? -1 : 1;
            System.arraycopy(a, base + first * inner, o, base + first * inner, inner);
            for (int s = 1; s < len; s++) {
                int cur = base + (first + dir * s) * inner;
                int prev = cur - dir * inner;
                int i = 0;
                for (int bound = F.loopBound(inner); i < bound; i += F.length()) {
                    FloatVector.fromArray(F, o, prev + i).add(FloatVector.fromArray(F, a, cur + i)).intoArray(o, cur + i);
                }
                for (; i < inner; i++) {
                    o[cur + i] = o[prev + i] + a[cur + i];
                }
            }
        }

        private void cumsum(int[] a, int[] o, int base) {
            int first = reverse ? len - 1 : 0;
            int dir = reverse ? -1 : 1;
            System.arraycopy(a, base + first * inner, o, base + first * inner, inner);
            for (int s = 1; s < len; s++) {
                int cur = base + (first + dir * s) * inner;
                int prev = cur - dir * inner;
                for (int i = 0; i < inner; i++) {
                    o[cur + i] = o[prev + i] + a[cur + i];
                }
            }
        }
    }
}
