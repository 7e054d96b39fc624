package io.recurbench.engine.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

/** Index arithmetic and comparisons for the naive reference loops of the backend tests. */
final class Naive {
    private Naive() {}

    static int size(int[] d) {
        int n = 1;
        for (int x : d) {
            n *= x;
        }
        return n;
    }

    /** Multi-index of flat position {@code flat} in {@code dims}. */
    static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int a = dims.length - 1; a >= 0; a--) {
            idx[a] = flat % dims[a];
            flat /= dims[a];
        }
        return idx;
    }

    static int ravel(int[] idx, int[] dims) {
        int f = 0;
        for (int a = 0; a < dims.length; a++) {
            f = f * dims[a] + idx[a];
        }
        return f;
    }

    /** Flat position in an operand of shape {@code in} read by output position {@code flat} under NumPy broadcasting. */
    static int broadcastIndex(int flat, int[] out, int[] in) {
        int[] o = unravel(flat, out);
        int[] i = new int[in.length];
        for (int a = 0; a < in.length; a++) {
            int oa = a + out.length - in.length;
            i[a] = in[a] == 1 ? 0 : o[oa];
        }
        return ravel(i, in);
    }

    static int[] broadcastShape(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int x = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
            int y = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
            out[i] = Math.max(x, y);
        }
        return out;
    }

    static float[] randoms(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    static int[] ints(Random rnd, int n, int bound) {
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextInt(2 * bound + 1) - bound;
        }
        return x;
    }

    /** Elementwise closeness: |a-e| <= tol·max(1, |e|); NaN matches NaN; infinities must match exactly. */
    static void assertClose(float[] actual, double[] expected, double tol, String what) {
        assertThat(actual).as(what + " length").hasSize(expected.length);
        for (int i = 0; i < actual.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok = Double.isNaN(e) || Double.isInfinite(e)
                    ? Double.compare(a, (float) e) == 0
                    : Math.abs(a - e) <= tol * Math.max(1.0, Math.abs(e));
            if (!ok) {
                throw new AssertionError(what + " at " + i + ": got " + a + ", expected " + e + " (tolerance " + tol + ")");
            }
        }
    }

    /** Exact equality of int arrays, reporting the first difference (cheap on large arrays). */
    static void assertIntsEqual(int[] actual, int[] expected, String what) {
        int at = java.util.Arrays.mismatch(actual, expected);
        if (at >= 0) {
            throw new AssertionError(what + " at " + at + ": got "
                    + (at < actual.length ? actual[at] : "nothing") + ", expected " + (at < expected.length ? expected[at] : "nothing"));
        }
    }
}
