package io.recurbench.reports.analysis;

import io.recurbench.reports.model.DepthPoint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The detector on synthetic depth curves, both ways: static present and absent. */
class CognitiveStaticTest {
    private static final CognitiveStatic RULE = CognitiveStatic.DEFAULT;

    @Test
    void flagsWhereAccuracyFallsAndEntropyRises() {
        // trained depth 3; beyond it accuracy −0.01, −0.03, −0.06 and entropy +0.02, +0.06, +0.12
        DepthProfile p = profile(3, new double[] {0.3, 0.5, 0.6, 0.59, 0.57, 0.54},
                new double[] {1.5, 1.0, 0.8, 0.82, 0.86, 0.92});
        CognitiveStatic.Verdict v = RULE.judge(p);
        assertThat(v.detected()).isTrue();
        assertThat(v.flagged()).containsExactly(5, 6); // depth 4 moves too little on both counts
        assertThat(v.reference().depth()).isEqualTo(3);
        assertThat(v.flags(4)).isFalse();
    }

    @Test
    void thresholdsAreInclusive() {
        // a drop of exactly the thresholds, written with the same double arithmetic the rule uses
        DepthProfile p = profile(1, new double[] {0.5, 0.5 - 0.02}, new double[] {1.0, 1.0 + 0.05});
        assertThat(RULE.judge(p).flagged()).containsExactly(2);
    }

    @Test
    void stableOrImprovingCurvesAreNotFlagged() {
        DepthProfile p = profile(3, new double[] {0.3, 0.5, 0.6, 0.61, 0.62, 0.62},
                new double[] {1.5, 1.0, 0.8, 0.78, 0.77, 0.77});
        assertThat(RULE.judge(p).detected()).isFalse();
    }

    @Test
    void hedgingWithoutLosingAccuracyIsNotStatic() {
        DepthProfile p = profile(2, new double[] {0.4, 0.6, 0.6, 0.595}, new double[] {1.2, 0.9, 1.3, 1.6});
        assertThat(RULE.judge(p).detected()).isFalse();
    }

    @Test
    void confidentlyWrongIsNotStatic() {
        DepthProfile p = profile(2, new double[] {0.4, 0.6, 0.4, 0.2}, new double[] {1.2, 0.9, 0.5, 0.2});
        assertThat(RULE.judge(p).detected()).isFalse();
    }

    @Test
    void depthsUpToTheTrainedOneAreNeverFlagged() {
        // a bad curve before the trained depth (accuracy 0.9 → 0.5, entropy up) is training's business
        DepthProfile p = profile(3, new double[] {0.9, 0.7, 0.5}, new double[] {0.1, 0.5, 1.0});
        CognitiveStatic.Verdict v = RULE.judge(p);
        assertThat(v.detected()).isFalse();
        assertThat(v.evaluatedBeyond()).isFalse();
    }

    @Test
    void stricterThresholdsFlagLess() {
        DepthProfile p = profile(1, new double[] {0.6, 0.55, 0.45}, new double[] {0.5, 0.6, 0.9});
        assertThat(RULE.judge(p).flagged()).containsExactly(2, 3);
        assertThat(new CognitiveStatic(0.1, 0.2).judge(p).flagged()).containsExactly(3);
    }

    @Test
    void profileAveragesSeedsOverCommonDepths() {
        DepthProfile mean = DepthProfile.mean(List.of(2, 2), List.of(
                List.of(new DepthPoint(1, 0.2, 1.0, 0.0), new DepthPoint(2, 0.4, 0.8, 0.1), new DepthPoint(3, 0.3, 0.9, 0.2)),
                List.of(new DepthPoint(1, 0.4, 0.6, 0.0), new DepthPoint(2, 0.6, 0.4, 0.3))));
        assertThat(mean.points()).hasSize(2);
        assertThat(mean.points().get(1).accuracy()).isEqualTo(0.5);
        assertThat(mean.points().get(1).meanEntropy()).isEqualTo((0.8 + 0.4) / 2);
        assertThat(mean.points().get(1).stateNormDrift()).isEqualTo(0.2);
    }

    private static DepthProfile profile(int trained, double[] accuracy, double[] entropy) {
        List<DepthPoint> points = new ArrayList<>();
        for (int i = 0; i < accuracy.length; i++) {
            points.add(new DepthPoint(i + 1, accuracy[i], entropy[i], 0.0));
        }
        return new DepthProfile(trained, points);
    }
}
