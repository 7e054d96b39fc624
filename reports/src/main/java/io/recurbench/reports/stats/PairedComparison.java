package io.recurbench.reports.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares two operators evaluated with the same seeds on the same examples.
 *
 * <p>Effect size: the accuracy difference A − B (mean over seeds of per-seed differences) with a
 * paired hierarchical bootstrap interval — seeds and examples are resampled once and both operators
 * are scored on the same draw, which keeps the example-level correlation between them (Koehn 2004
 * uses the same paired design for MT metrics). Test: exact McNemar on the discordant pairs pooled
 * over all (seed, example) units. Pooling treats seed replicates as independent units, so the
 * p-value is about "these trained models differ on these examples"; whether the difference holds
 * across seeds is what the bootstrap interval (which resamples seeds) shows.
 *
 * @param difference A − B with its 95% paired bootstrap interval
 * @param discordant McNemar's discordant counts, pooled over seeds
 * @param pValue     McNemar's exact two-sided p-value (unadjusted; adjust across pairs with {@link Holm})
 */
public record PairedComparison(Estimate difference, McNemar.Discordant discordant, double pValue) {

    /**
     * Compares aligned correctness: {@code a.get(s)[i]} and {@code b.get(s)[i]} are the same seed
     * and the same example.
     */
    public static PairedComparison of(List<boolean[]> a, List<boolean[]> b, int resamples, long seed) {
        if (a.size() != b.size() || a.isEmpty()) {
            throw new IllegalArgumentException("paired comparison needs the same non-zero number of seeds, got "
                    + a.size() + " and " + b.size());
        }
        List<double[]> differences = new ArrayList<>(a.size());
        long onlyA = 0;
        long onlyB = 0;
        for (int s = 0; s < a.size(); s++) {
            boolean[] x = a.get(s);
            boolean[] y = b.get(s);
            McNemar.Discordant d = McNemar.discordant(x, y);
            onlyA += d.aRightBWrong();
            onlyB += d.aWrongBRight();
            double[] diff = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                diff[i] = (x[i] ? 1 : 0) - (y[i] ? 1 : 0);
            }
            differences.add(diff);
        }
        McNemar.Discordant pooled = new McNemar.Discordant(onlyA, onlyB);
        return new PairedComparison(HierarchicalBootstrap.estimate95(differences, resamples, seed), pooled,
                pooled.pValue());
    }
}
