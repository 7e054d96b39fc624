package io.recurbench.reports.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down adjustment for multiple comparisons (Holm 1979, "A simple sequentially rejective
 * multiple test procedure"), controlling the family-wise error rate without assuming independence.
 *
 * <p>With m p-values sorted ascending p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value of the i-th is
 * {@code max over j ≤ i of min(1, (m − j + 1) p₍ⱼ₎)}; rejecting where the adjusted value is below α
 * is Holm's procedure at level α.
 */
public final class Holm {
    private Holm() {}

    /** Holm-adjusted p-values, in the order of the input. */
    public static double[] adjust(double[] pValues) {
        int m = pValues.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
                throw new IllegalArgumentException("p-value " + i + " is not in [0, 1]: " + pValues[i]);
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1.0, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
