package io.recurbench.api.task;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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

    /**
     * Writes task-specific result files for what was added so far into {@code directory} (created if
     * missing), e.g. ARC's {@code submission.json} in the ARC Prize format. Each file is written to a
     * temporary file in {@code directory} and atomically renamed, so a reader never sees half a file.
     * Experimental: added for tasks whose official scoring reads a file. The default writes nothing.
     *
     * @return the files written, in a fixed order
     */
    default List<Path> writeArtifacts(Path directory) throws IOException {
        return List.of();
    }
}
