package io.recurbench.reports.model;

import java.util.List;

/**
 * Per-loop diagnostics of a run, evaluated at and beyond the trained depth so that behaviour under
 * extra recursion ("cognitive static") is visible.
 *
 * @param trainedSupervisionSteps N_sup used in training
 * @param supervisionSteps        metrics after supervision steps 1..n (n ≥ trained), with ACT
 *                                halting disabled so every example runs every step
 * @param trainedLatentCycles     latent cycles per supervision step in training (TRM's H×(L+1)
 *                                recursion updates flattened into cycles, as the producer defines)
 * @param latentCycles            metrics after latent cycles 1..m (m ≥ trained) of the last
 *                                supervision step
 * @param haltingHistogram        entry i = number of examples whose Q-halt head first said "halt"
 *                                at supervision step i+1 (evaluated with halting enabled); one entry
 *                                per evaluated supervision step
 */
public record DepthMetrics(int trainedSupervisionSteps, List<DepthPoint> supervisionSteps,
                           int trainedLatentCycles, List<DepthPoint> latentCycles,
                           List<Long> haltingHistogram) {

    public DepthMetrics {
        supervisionSteps = Check.list("supervisionSteps", supervisionSteps);
        latentCycles = Check.list("latentCycles", latentCycles);
        haltingHistogram = Check.list("haltingHistogram", haltingHistogram);
        checkSeries("supervisionSteps", supervisionSteps, "trainedSupervisionSteps", trainedSupervisionSteps);
        checkSeries("latentCycles", latentCycles, "trainedLatentCycles", trainedLatentCycles);
        if (haltingHistogram.size() != supervisionSteps.size()) {
            throw new IllegalArgumentException("haltingHistogram: has " + haltingHistogram.size()
                    + " entries for " + supervisionSteps.size() + " supervision steps");
        }
        for (int i = 0; i < haltingHistogram.size(); i++) {
            Check.nonNegative("haltingHistogram[" + i + "]", haltingHistogram.get(i));
        }
    }

    private static void checkSeries(String field, List<DepthPoint> points, String trainedField, int trained) {
        Check.positive(trainedField, trained);
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).depth() != i + 1) {
                throw new IllegalArgumentException(field + "[" + i + "].depth: expected " + (i + 1)
                        + " (depths run 1, 2, … without gaps), got " + points.get(i).depth());
            }
        }
        if (points.size() < trained) {
            throw new IllegalArgumentException(field + ": has " + points.size() + " depths, fewer than "
                    + trainedField + " = " + trained);
        }
    }
}
