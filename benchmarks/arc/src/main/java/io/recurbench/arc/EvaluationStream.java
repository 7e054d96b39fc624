package io.recurbench.arc;

import io.recurbench.api.task.Batch;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The test split once, in a fixed order: evaluation task, then view, then test input — TRM's
 * {@code _iter_test} order. Inputs are the augmented test inputs at the top-left (no translation);
 * labels are the augmented true outputs with PAD as {@link Batch#IGNORE}, for loss and token metrics
 * only — the {@link ArcScorer} scores against the original grids, after inverting each view.
 */
final class EvaluationStream implements Iterator<Batch> {

    private final AugmentedDataset data;
    private final int batchSize;
    private int task;
    private int view;
    private int test;

    EvaluationStream(AugmentedDataset data, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.task = data.evaluationStart();
    }

    /** Number of examples in the test split: test inputs × views, summed over evaluation tasks. */
    static long size(AugmentedDataset data) {
        long n = 0;
        for (int t = data.evaluationStart(); t < data.tasks().size(); t++) {
            n += (long) data.viewCount(t) * data.tasks().get(t).test().size();
        }
        return n;
    }

    @Override
    public boolean hasNext() {
        return task < data.tasks().size();
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the evaluation split is exhausted");
        }
        int n = TrmCodec.SEQUENCE_LENGTH;
        int[] inputs = new int[batchSize * n];
        int[] labels = new int[batchSize * n];
        int[] puzzleIds = new int[batchSize];
        long[] exampleIds = new long[batchSize];
        int filled = 0;
        while (filled < batchSize && hasNext()) {
            ArcPair pair = data.tasks().get(task).test().get(test);
            Augmentation aug = data.view(task, view);
            TrmCodec.encode(aug.apply(pair.input()), 0, 0, inputs, filled * n);
            TrmCodec.encode(aug.apply(pair.output()), 0, 0, labels, filled * n);
            puzzleIds[filled] = data.identifier(task, view);
            exampleIds[filled] = new ExampleId(task, view, test).pack();
            filled++;
            advance();
        }
        if (filled < batchSize) {
            inputs = java.util.Arrays.copyOf(inputs, filled * n);
            labels = java.util.Arrays.copyOf(labels, filled * n);
            puzzleIds = java.util.Arrays.copyOf(puzzleIds, filled);
            exampleIds = java.util.Arrays.copyOf(exampleIds, filled);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == TrmCodec.PAD) {
                labels[i] = Batch.IGNORE;
            }
        }
        return new Batch(filled, n, inputs, labels, puzzleIds, exampleIds);
    }

    private void advance() {
        test++;
        if (test == data.tasks().get(task).test().size()) {
            test = 0;
            view++;
            if (view == data.viewCount(task)) {
                view = 0;
                task++;
            }
        }
    }
}
