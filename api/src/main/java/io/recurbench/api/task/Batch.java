package io.recurbench.api.task;

import java.util.Objects;

/**
 * A batch of {@code size} examples, each {@code sequenceLength} tokens, stored row-major.
 *
 * @param inputs      {@code [size * sequenceLength]} input tokens
 * @param labels      {@code [size * sequenceLength]} target tokens, {@link #IGNORE} where not scored
 * @param puzzleIds   {@code [size]} per-puzzle embedding identifiers (all 0 if the task uses none)
 * @param exampleIds  {@code [size]} ids the task's {@link Scorer} maps back to what was asked
 */
public record Batch(int size, int sequenceLength, int[] inputs, int[] labels, int[] puzzleIds, long[] exampleIds) {

    /** Label value for positions that are neither trained on nor scored (TRM's IGNORE_LABEL_ID). */
    public static final int IGNORE = -100;

    public Batch {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(puzzleIds, "puzzleIds");
        Objects.requireNonNull(exampleIds, "exampleIds");
        int cells = size * sequenceLength;
        if (inputs.length != cells || labels.length != cells || puzzleIds.length != size || exampleIds.length != size) {
            throw new IllegalArgumentException("batch arrays do not match size " + size + " x sequence " + sequenceLength
                    + ": inputs " + inputs.length + ", labels " + labels.length
                    + ", puzzleIds " + puzzleIds.length + ", exampleIds " + exampleIds.length);
        }
    }
}
