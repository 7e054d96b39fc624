package io.recurbench.scaffold;

import io.recurbench.api.task.Batch;
import io.recurbench.api.task.Task;
import java.util.Arrays;
import java.util.Iterator;

/**
 * A task's endless training stream cut into single examples, with a position that a checkpoint can
 * store: how many batches were drawn and how many examples of the last one were used. A stream
 * re-created at a position ({@link #at}) yields exactly the examples the original would have
 * yielded next, because {@link Task#trainingBatches} is deterministic for a seed.
 */
public final class ExampleStream {
    private final Iterator<Batch> batches;
    private Batch current;
    private long batchesDrawn;
    private int used;

    /** Where a stream stands. */
    public record Position(long batchesDrawn, int usedOfLast) {}

    private ExampleStream(Task task, int batchSize, long seed) {
        this.batches = task.trainingBatches(batchSize, seed);
    }

    /** A stream from the start of {@code task}'s training batches of {@code batchSize} for {@code seed}. */
    public static ExampleStream start(Task task, int batchSize, long seed) {
        return new ExampleStream(task, batchSize, seed);
    }

    /** A stream at {@code position}: the batches before it are drawn again and skipped. */
    public static ExampleStream at(Task task, int batchSize, long seed, Position position) {
        ExampleStream s = new ExampleStream(task, batchSize, seed);
        for (long i = 0; i < position.batchesDrawn(); i++) {
            s.current = s.batches.next();
        }
        s.batchesDrawn = position.batchesDrawn();
        s.used = position.usedOfLast();
        return s;
    }

    public Position position() {
        return new Position(batchesDrawn, used);
    }

    /** The next example. */
    public Example next() {
        if (current == null || used == current.size()) {
            current = batches.next();
            batchesDrawn++;
            used = 0;
        }
        int i = used++;
        return slice(current, i);
    }

    /** Example {@code i} of {@code batch}. */
    public static Example slice(Batch batch, int i) {
        int a = batch.sequenceLength();
        return new Example(Arrays.copyOfRange(batch.inputs(), i * a, (i + 1) * a),
                Arrays.copyOfRange(batch.labels(), i * a, (i + 1) * a), batch.puzzleIds()[i], batch.exampleIds()[i]);
    }
}
