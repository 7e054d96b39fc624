package io.recurbench.reports.analysis;

import io.recurbench.reports.stats.PairedComparison;

/**
 * A paired comparison of operators A and B on one task.
 *
 * @param a          operator A
 * @param b          operator B
 * @param seeds      seeds where both succeeded (the pairing units of the bootstrap)
 * @param examples   paired examples on the seed with the fewest (ids common to both runs)
 * @param comparison A − B accuracy with its paired bootstrap CI, and McNemar's test
 * @param holmP      McNemar p-value after Holm's adjustment across all pairs of the task
 */
public record PairAnalysis(String a, String b, int seeds, int examples, PairedComparison comparison, double holmP) {

    /** The family-wise level at which a difference is called. */
    public static final double ALPHA = 0.05;

    /**
     * The verdict: an operator is called better only when the Holm-adjusted McNemar test rejects at
     * {@link #ALPHA} and the paired bootstrap CI of the difference excludes zero (both the
     * example-level test and the seed-aware interval agree).
     */
    public String verdict() {
        boolean resolved = holmP < ALPHA && comparison.difference().ci().excludesZero();
        if (!resolved) {
            return "no resolved difference";
        }
        return comparison.difference().point() > 0 ? a + " better" : b + " better";
    }
}
