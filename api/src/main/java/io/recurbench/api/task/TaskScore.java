package io.recurbench.api.task;

import java.util.Map;

/**
 * Scores of one evaluation: named metrics in [0, 1] (or other documented units) and the counts
 * they were computed from, so that a report can show "812 / 1000" next to "81.2%".
 *
 * @param task    the task's name
 * @param metrics metric name to value, e.g. {@code exact_accuracy}, {@code pass@2}
 * @param counts  count name to value, e.g. {@code puzzles}, {@code puzzles_solved}
 */
public record TaskScore(String task, Map<String, Double> metrics, Map<String, Long> counts) {
    public TaskScore {
        metrics = Map.copyOf(metrics);
        counts = Map.copyOf(counts);
    }
}
