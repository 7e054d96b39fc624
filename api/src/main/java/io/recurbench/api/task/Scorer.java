package io.recurbench.api.task;

/**
 * Accumulates a model's predictions on a task's evaluation batches and scores them. Not thread-safe.
 */
public interface Scorer {

    /**
     * Records predictions for one evaluation batch.
     *
     * @param batch           a batch produced by {@link Task#evaluationBatches}
     * @param predictedTokens {@code [batch.size() * sequenceLength]} argmax tokens
     * @param confidence      {@code [batch.size()]} the model's confidence in each answer, e.g. the
     *                        sigmoid of TRM's halting logit; tasks that vote use it to break ties
     */
    void add(Batch batch, int[] predictedTokens, float[] confidence);

    /** Scores everything added so far. */
    TaskScore result();
}
