package io.recurbench.reports.analysis;

import io.recurbench.reports.model.CurvePoint;
import io.recurbench.reports.model.OperatorEntry;
import io.recurbench.reports.model.Run;
import io.recurbench.reports.stats.Estimate;
import io.recurbench.reports.stats.Interval;

import java.util.List;

/**
 * Everything the report shows about one operator on one task, computed from its successful runs.
 * For an operator without a successful run only {@code entry}, {@code ok} (empty) and
 * {@code failed} are meaningful and the other fields are {@code null}.
 *
 * @param entry          the operator's parity entry
 * @param ok             successful runs, in file order
 * @param failed         failed runs, in file order
 * @param accuracy       primary-metric accuracy: mean over seeds, 95% hierarchical bootstrap CI
 * @param correct        correct examples pooled over seeds
 * @param examples       examples pooled over seeds
 * @param wilson         95% Wilson interval of {@code correct / examples}
 * @param cellAccuracy   Sudoku only: mean over seeds of cell accuracy; {@code null} for ARC
 * @param passAtK        ARC only: mean over seeds of pass@K for each K all seeds evaluated; empty for Sudoku
 * @param learningCurve  mean loss and accuracy over seeds at the steps every seed logged
 * @param supervision    accuracy/entropy/drift per supervision step (seed mean)
 * @param latent         accuracy/entropy/drift per latent cycle (seed mean)
 * @param supervisionStatic cognitive-static verdict on supervision steps
 * @param latentStatic   cognitive-static verdict on latent cycles
 * @param halting        halting histogram summed over seeds (common length)
 * @param trainRate      mean training examples/s over seeds
 * @param evalRate       mean evaluation examples/s over seeds
 * @param wallTimeSeconds total wall time of all runs (failed ones included)
 */
public record OperatorAnalysis(OperatorEntry entry, List<Run> ok, List<Run> failed, Estimate accuracy,
                               long correct, long examples, Interval wilson, Double cellAccuracy,
                               List<KRate> passAtK, List<CurvePoint> learningCurve, DepthProfile supervision,
                               DepthProfile latent, CognitiveStatic.Verdict supervisionStatic,
                               CognitiveStatic.Verdict latentStatic, List<Long> halting, Double trainRate,
                               Double evalRate, double wallTimeSeconds) {

    /** Mean pass@K rate over seeds at one K. */
    public record KRate(int k, double rate) {}

    /** The operator's name. */
    public String name() {
        return entry.operator();
    }

    /** Whether any run succeeded (so that metrics exist). */
    public boolean hasResults() {
        return !ok.isEmpty();
    }
}
