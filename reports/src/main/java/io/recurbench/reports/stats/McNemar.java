package io.recurbench.reports.stats;

/**
 * Exact McNemar test (McNemar 1947; exact binomial form, e.g. Fagerland, Lydersen &amp; Laake 2013,
 * "The McNemar test for binary matched-pairs data") on paired binary outcomes.
 *
 * <p>Of n pairs, {@code b} are right for A and wrong for B and {@code c} the reverse. Under the null
 * hypothesis that A and B are equally accurate each discordant pair is A's with probability ½, so
 * {@code b ~ Binomial(b + c, ½)} and the two-sided p-value is
 * {@code min(1, 2 · P(X ≤ min(b, c)))}. The tail is summed in log space, so thousands of
 * discordant pairs neither underflow nor lose precision.
 */
public final class McNemar {
    private McNemar() {}

    /**
     * Discordant counts of two aligned correctness vectors.
     *
     * @param aRightBWrong pairs that only A got right
     * @param aWrongBRight pairs that only B got right
     */
    public record Discordant(long aRightBWrong, long aWrongBRight) {
        /** The exact two-sided p-value of these counts. */
        public double pValue() {
            return exactTwoSided(aRightBWrong, aWrongBRight);
        }
    }

    /** Counts the discordant pairs of two equally long correctness vectors. */
    public static Discordant discordant(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired vectors differ in length: " + a.length + " vs " + b.length);
        }
        long onlyA = 0;
        long onlyB = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && !b[i]) {
                onlyA++;
            } else if (!a[i] && b[i]) {
                onlyB++;
            }
        }
        return new Discordant(onlyA, onlyB);
    }

    /** The exact two-sided p-value for discordant counts {@code b} and {@code c}. */
    public static double exactTwoSided(long b, long c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0, got " + b + ", " + c);
        }
        long n = b + c;
        if (n == 0) {
            return 1.0;
        }
        long k = Math.min(b, c);
        double logChoose = 0; // log C(n, 0)
        double logTail = Double.NEGATIVE_INFINITY;
        for (long i = 0; i <= k; i++) {
            logTail = logAdd(logTail, logChoose);
            logChoose += Math.log(n - i) - Math.log(i + 1);
        }
        return Math.min(1.0, 2 * Math.exp(logTail - n * Math.log(2)));
    }

    private static double logAdd(double x, double y) {
        if (x == Double.NEGATIVE_INFINITY) {
            return y;
        }
        double hi = Math.max(x, y);
        return hi + Math.log1p(Math.exp(Math.min(x, y) - hi));
    }
}
