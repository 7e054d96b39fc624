package io.recurbench.scaffold;

import io.recurbench.api.task.Batch;
import io.recurbench.api.task.Scorer;
import io.recurbench.api.task.Task;
import io.recurbench.api.task.TaskScore;
import java.util.Iterator;
import java.util.Map;

/**
 * A task whose training example number k has input tokens {@code [k mod 7 + 1, 2, 3, …]}, label
 * {@code k mod 5} everywhere but the last position (ignored), puzzle id {@code k mod puzzleIds} and
 * example id k: tests can tell exactly which example sits in which slot.
 */
final class CountingTask implements Task {
    static final int LENGTH = 4;
    static final int VOCABULARY = 8;
    private final int puzzleIds;

    CountingTask(int puzzleIds) {
        this.puzzleIds = puzzleIds;
    }

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public int vocabularySize() {
        return VOCABULARY;
    }

    @Override
    public int sequenceLength() {
        return LENGTH;
    }

    @Override
    public int puzzleIdentifierCount() {
        return puzzleIds;
    }

    @Override
    public long trainingExampleCount() {
        return Long.MAX_VALUE;
    }

    static Batch batch(long first, int size, int puzzleIds) {
        int[] inputs = new int[size * LENGTH];
        int[] labels = new int[size * LENGTH];
        int[] puzzles = new int[size];
        long[] ids = new long[size];
        for (int i = 0; i < size; i++) {
            long k = first + i;
            for (int p = 0; p < LENGTH; p++) {
                inputs[i * LENGTH + p] = p == 0 ? (int) (k % 7) + 1 : p + 1;
                labels[i * LENGTH + p] = p == LENGTH - 1 ? Batch.IGNORE : (int) (k % 5);
            }
            puzzles[i] = (int) (k % puzzleIds);
            ids[i] = k;
        }
        return new Batch(size, LENGTH, inputs, labels, puzzles, ids);
    }

    @Override
    public Iterator<Batch> trainingBatches(int batchSize, long seed) {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Batch next() {
                Batch b = batch(next, batchSize, puzzleIds);
                next += batchSize;
                return b;
            }
        };
    }

    @Override
    public Iterator<Batch> evaluationBatches(int batchSize) {
        return java.util.List.of(batch(1000, Math.min(batchSize, 3), puzzleIds), batch(1003, 2, puzzleIds)).iterator();
    }

    @Override
    public Scorer newScorer() {
        return new Scorer() {
            private long seen;

            @Override
            public void add(Batch batch, int[] predictedTokens, float[] confidence) {
                seen += batch.size();
            }

            @Override
            public TaskScore result() {
                return new TaskScore("counting", Map.of(), Map.of("examples", seen));
            }
        };
    }
}
