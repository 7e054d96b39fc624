package io.recurbench.reports.stats;

/**
 * Sample quantiles by linear interpolation between order statistics (Hyndman &amp; Fan 1996,
 * definition 7 — R's and NumPy's default): for sorted {@code x[0..n-1]} and level {@code q},
 * {@code h = (n − 1) q}, {@code Q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])}.
 */
public final class Quantiles {
    private Quantiles() {}

    /**
     * The type-7 quantile of already sorted values.
     *
     * @param sorted ascending values, at least one
     * @param q      level in [0, 1]
     */
    public static double ofSorted(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("quantile of no values");
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile level must be in [0, 1], got " + q);
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
