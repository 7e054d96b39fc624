package io.recurbench.arc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

    /**
     * The tasks named in {@code ids}, each kept in the set it belongs to (training or evaluation), in
     * the sets' own order. Used to run a suite on a handful of tasks.
     *
     * @throws IllegalArgumentException naming the ids found in neither set, or when no evaluation task
     *                                  is named (evaluation would have nothing to score)
     */
    public ArcDataset only(Set<String> ids) {
        List<ArcPuzzle> keptTraining = training.stream().filter(p -> ids.contains(p.id())).toList();
        List<ArcPuzzle> keptEvaluation = evaluation.stream().filter(p -> ids.contains(p.id())).toList();
        Set<String> unknown = new LinkedHashSet<>(ids);
        keptTraining.forEach(p -> unknown.remove(p.id()));
        keptEvaluation.forEach(p -> unknown.remove(p.id()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no task " + String.join(", ", new ArrayList<>(unknown))
                    + " in the training or evaluation set");
        }
        if (keptEvaluation.isEmpty()) {
            throw new IllegalArgumentException("names no evaluation task (" + String.join(", ", ids)
                    + " are all training tasks); evaluation needs at least one");
        }
        return new ArcDataset(keptTraining, keptEvaluation);
    }

    /** Number of test inputs over the evaluation tasks (419 for ARC-AGI-1). */
    public int evaluationTestInputs() {
        return evaluation.stream().mapToInt(p -> p.test().size()).sum();
    }
}
