package io.recurbench.api.task;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Scores of one evaluation: named metrics in [0, 1] (or other documented units) and the counts
 * they were computed from, so that a report can show "812 / 1000" next to "81.2%".
 *
 * @param task     the task's name
 * @param metrics  metric name to value, e.g. {@code exact_accuracy}, {@code pass@2}
 * @param counts   count name to value, e.g. {@code puzzles}, {@code puzzles_solved}
 * @param outcomes experimental: one {@link ExampleOutcome} per scored unit, in a fixed order, ids
 *                 distinct; empty when the task does not report them (then a harness cannot compute
 *                 pass@K or paired tests from the score alone)
 */
public record TaskScore(String task, Map<String, Double> metrics, Map<String, Long> counts,
                        List<ExampleOutcome> outcomes) {
    public TaskScore {
        metrics = Map.copyOf(metrics);
        counts = Map.copyOf(counts);
        outcomes = List.copyOf(outcomes);
        var ids = new HashSet<String>();
        for (ExampleOutcome o : outcomes) {
            if (!ids.add(o.id())) {
                throw new IllegalArgumentException("task " + task + ": example outcome id '" + o.id() + "' appears twice");
            }
        }
    }

    /** A score without per-example outcomes. */
    public TaskScore(String task, Map<String, Double> metrics, Map<String, Long> counts) {
        this(task, metrics, counts, List.of());
    }
}
