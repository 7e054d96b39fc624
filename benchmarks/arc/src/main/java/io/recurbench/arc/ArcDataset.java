package io.recurbench.arc;

import java.util.List;

/**
 * The two public ARC-AGI-1 sets, each in a fixed order (sorted by task id).
 *
 * @param training   the 400 training tasks (all their pairs are training data)
 * @param evaluation the 400 evaluation tasks (demonstrations are training data; test outputs are the answers)
 */
public record ArcDataset(List<ArcPuzzle> training, List<ArcPuzzle> evaluation) {
    public ArcDataset {
        training = List.copyOf(training);
        evaluation = List.copyOf(evaluation);
    }

    /** Number of test inputs over the evaluation tasks (419 for ARC-AGI-1). */
    public int evaluationTestInputs() {
        return evaluation.stream().mapToInt(p -> p.test().size()).sum();
    }
}
