package io.recurbench.reports.analysis;

import io.recurbench.reports.model.DepthPoint;

import java.util.ArrayList;
import java.util.List;

/**
 * One operator's metrics against recursion depth, averaged over its successful seeds.
 *
 * @param trainedDepth the depth used in training (same for every seed)
 * @param points       mean metrics at depths 1..n, n the smallest depth count over the seeds
 */
public record DepthProfile(int trainedDepth, List<DepthPoint> points) {

    public DepthProfile {
        points = List.copyOf(points);
        if (trainedDepth < 1 || trainedDepth > points.size()) {
            throw new IllegalArgumentException("trained depth " + trainedDepth + " outside 1.." + points.size());
        }
    }

    /**
     * The per-depth mean of several seeds' series.
     *
     * @param trainedDepths the trained depth of each seed; they must agree
     * @param series        one depth series per seed
     */
    public static DepthProfile mean(List<Integer> trainedDepths, List<List<DepthPoint>> series) {
        if (series.isEmpty() || trainedDepths.size() != series.size()) {
            throw new IllegalArgumentException("need one trained depth per series and at least one series");
        }
        int trained = trainedDepths.getFirst();
        if (trainedDepths.stream().anyMatch(t -> t != trained)) {
            throw new IllegalArgumentException("seeds of one operator disagree on the trained depth: " + trainedDepths);
        }
        int depths = series.stream().mapToInt(List::size).min().orElseThrow();
        List<DepthPoint> points = new ArrayList<>(depths);
        for (int d = 0; d < depths; d++) {
            double acc = 0;
            double entropy = 0;
            double drift = 0;
            for (List<DepthPoint> s : series) {
                acc += s.get(d).accuracy();
                entropy += s.get(d).meanEntropy();
                drift += s.get(d).stateNormDrift();
            }
            int n = series.size();
            points.add(new DepthPoint(d + 1, acc / n, entropy / n, drift / n));
        }
        return new DepthProfile(trained, points);
    }

    /** The point at the trained depth. */
    public DepthPoint atTrainedDepth() {
        return points.get(trainedDepth - 1);
    }
}
