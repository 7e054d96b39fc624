package io.recurbench.scaffold;

/**
 * One training or evaluation example as the ACT loop holds it in a batch slot.
 *
 * @param inputs    {@code [A]} input tokens
 * @param labels    {@code [A]} labels ({@code -100} = not scored)
 * @param puzzleId  per-puzzle embedding identifier
 * @param exampleId the task's identifier of the example
 */
public record Example(int[] inputs, int[] labels, int puzzleId, long exampleId) {}
