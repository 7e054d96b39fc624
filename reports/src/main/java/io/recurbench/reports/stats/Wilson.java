package io.recurbench.reports.stats;

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; recommended over the Wald interval
 * by Brown, Cai &amp; DasGupta 2001, "Interval Estimation for a Binomial Proportion"):
 *
 * <pre>
 *   centre = (p̂ + z²/2n) / (1 + z²/n)
 *   half   = z √(p̂(1−p̂)/n + z²/4n²) / (1 + z²/n)
 * </pre>
 *
 * It treats the n trials as independent, so on pooled examples of several seeds it ignores
 * between-seed variance; the hierarchical bootstrap is the interval that accounts for it.
 */
public final class Wilson {
    /** The standard-normal quantile for a two-sided 95% interval, Φ⁻¹(0.975). */
    public static final double Z95 = 1.959963984540054;

    private Wilson() {}

    /** The 95% Wilson interval of {@code successes} out of {@code trials}. */
    public static Interval interval95(long successes, long trials) {
        return interval(successes, trials, Z95);
    }

    /** The Wilson interval for the given normal quantile {@code z}. */
    public static Interval interval(long successes, long trials, double z) {
        if (trials <= 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("Wilson interval needs 0 <= successes <= trials, trials > 0; got "
                    + successes + "/" + trials);
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
