package io.recurbench.reports.analysis;

import io.recurbench.reports.model.DepthPoint;

import java.util.ArrayList;
import java.util.List;

/**
 * Detects "cognitive static": a looped model that, run for more recursion steps than it was trained
 * with, drifts into noise — its answers get worse while its predicted distribution gets flatter.
 *
 * <p>Rule (documented in {@code docs/reports.md}): let T be the trained depth and (a_T, H_T) the
 * seed-averaged accuracy and mean entropy there. A depth d &gt; T is <em>flagged</em> when both
 * <pre>
 *   a_d ≤ a_T − minAccuracyDrop     (accuracy fell by at least the threshold)
 *   H_d ≥ H_T + minEntropyRise      (entropy rose by at least the threshold)
 * </pre>
 * hold. An operator shows cognitive static on an axis when at least one depth is flagged; the
 * onset is the first flagged depth. Requiring both signs separates static from two benign cases:
 * a model that keeps its accuracy while hedging (entropy up, accuracy flat) and one that becomes
 * confidently wrong (accuracy down, entropy down) — the latter is a different failure, "collapse
 * to a fixed wrong answer", and is not called static.
 *
 * @param minAccuracyDrop absolute accuracy drop (fraction, 0.02 = 2 percentage points)
 * @param minEntropyRise  absolute rise of mean entropy in nats
 */
public record CognitiveStatic(double minAccuracyDrop, double minEntropyRise) {

    /**
     * Defaults: a 2-point accuracy drop is about one binomial standard error on a 500-example
     * evaluation at 50% accuracy (√(0.25/500) ≈ 0.022), and 0.05 nats is about 2% of the
     * maximum entropy of a 10-way answer distribution (ln 10 ≈ 2.30).
     */
    public static final CognitiveStatic DEFAULT = new CognitiveStatic(0.02, 0.05);

    public CognitiveStatic {
        if (!(minAccuracyDrop >= 0) || !(minEntropyRise >= 0)) {
            throw new IllegalArgumentException("thresholds must be >= 0");
        }
    }

    /**
     * The verdict for one operator on one depth axis.
     *
     * @param trainedDepth the trained depth T
     * @param reference    the metrics at T
     * @param flagged      the depths beyond T that meet the rule, ascending
     * @param evaluatedBeyond whether any depth beyond T was evaluated at all
     */
    public record Verdict(int trainedDepth, DepthPoint reference, List<Integer> flagged, boolean evaluatedBeyond) {
        public Verdict {
            flagged = List.copyOf(flagged);
        }

        /** Whether static was detected. */
        public boolean detected() {
            return !flagged.isEmpty();
        }

        /** Whether {@code depth} is flagged. */
        public boolean flags(int depth) {
            return flagged.contains(depth);
        }
    }

    /** Applies the rule to a seed-averaged depth profile. */
    public Verdict judge(DepthProfile profile) {
        DepthPoint ref = profile.atTrainedDepth();
        List<Integer> flagged = new ArrayList<>();
        for (DepthPoint p : profile.points()) {
            if (p.depth() > profile.trainedDepth()
                    && p.accuracy() <= ref.accuracy() - minAccuracyDrop
                    && p.meanEntropy() >= ref.meanEntropy() + minEntropyRise) {
                flagged.add(p.depth());
            }
        }
        return new Verdict(profile.trainedDepth(), ref, flagged, profile.points().size() > profile.trainedDepth());
    }
}
