package io.recurbench.api.task;

import java.util.Iterator;

/**
 * A benchmark task: data in, token tensors out; predictions in, scores out. Independent of any model.
 *
 * <p>The contract a third-party task (a maze, a new puzzle) implements:
 * <ul>
 *   <li>Every example is a fixed-length sequence of {@link #sequenceLength()} input tokens in
 *       {@code [0, vocabularySize())} and as many label tokens; a label of {@link Batch#IGNORE} is
 *       not scored and not trained on.</li>
 *   <li>{@link #trainingBatches} is deterministic for a seed and never yields an evaluation label
 *       (a task must prove this in its tests).</li>
 *   <li>{@link #evaluationBatches} is finite and deterministic; each example carries an id that its
 *       {@link Scorer} understands (for example which augmented view of which puzzle it is).</li>
 *   <li>If the task uses per-puzzle embeddings ({@link #puzzleIdentifierCount()} &gt; 1), every
 *       example carries a puzzle identifier in {@code [0, puzzleIdentifierCount())}; identifier 0
 *       is reserved for "no puzzle" as in TRM.</li>
 * </ul>
 * Instances are created by a {@link TaskFactory} found through {@link java.util.ServiceLoader}.
 */
public interface Task {

    /** Stable name, e.g. {@code sudoku} or {@code arc-agi-1}. */
    String name();

    /** Number of distinct tokens, PAD (0) included. */
    int vocabularySize();

    /** Tokens per example (without puzzle-embedding positions, which the scaffold adds). */
    int sequenceLength();

    /** Number of per-puzzle embedding identifiers (0 reserved), or 1 if the task uses none. */
    int puzzleIdentifierCount();

    default boolean usesPuzzleEmbeddings() {
        return puzzleIdentifierCount() > 1;
    }

    /** Number of training examples in one epoch (augmented views included). */
    long trainingExampleCount();

    /** An endless stream of shuffled training batches (epoch after epoch), deterministic for {@code seed}. */
    Iterator<Batch> trainingBatches(int batchSize, long seed);

    /** All evaluation examples once, in a fixed order; the last batch may be smaller. */
    Iterator<Batch> evaluationBatches(int batchSize);

    /** A fresh accumulator that turns predictions on the evaluation batches into scores. */
    Scorer newScorer();
}
