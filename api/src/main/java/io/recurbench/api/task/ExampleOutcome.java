package io.recurbench.api.task;

/**
 * Experimental: the outcome of one scored unit of a task (a puzzle, an ARC test input), so that a
 * harness can pair runs example by example and compute pass@K for any K without knowing the task.
 *
 * <p>The outcome is the 1-based rank of the true answer among the task's ranked answers for that unit
 * (a task that makes one answer per unit reports 1 when it is right); 0 means the true answer was not
 * among them. The unit counts as correct at K when {@code 1 <= rank <= K}.
 *
 * @param id   the unit's id, distinct within one {@link TaskScore}, stable across runs of the same
 *             task data (ARC: {@code taskId#testIndex})
 * @param rank 1-based rank of the true answer, or 0 when it was not produced
 */
public record ExampleOutcome(String id, int rank) {
    public ExampleOutcome {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("example outcome: id must be non-blank");
        }
        if (rank < 0) {
            throw new IllegalArgumentException("example outcome " + id + ": rank must be >= 0, got " + rank);
        }
    }

    /** Whether the true answer is among the first {@code k} answers ({@code k >= 1}). */
    public boolean correctWithin(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        return rank >= 1 && rank <= k;
    }
}
