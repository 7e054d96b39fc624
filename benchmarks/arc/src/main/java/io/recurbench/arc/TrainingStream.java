package io.recurbench.arc;

import io.recurbench.api.task.Batch;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The endless training stream, sampled as TRM's {@code puzzle_dataset.py::_iter_train}: each epoch
 * visits the groups (tasks) in a fresh random order; a visit draws one view of the task at random and
 * adds that view's pairs in random order, as many as still fit in the batch (the rest of that visit
 * is dropped, as in TRM's {@code _sample_batch}). A batch that an epoch leaves unfinished is completed
 * from the next epoch (TRM drops it; with an endless stream nothing is lost either way, and a batch
 * larger than an epoch still works).
 *
 * <p>Translation (TRM's {@code np_grid_to_seq_translational_augment}): input and output of a pair are
 * shifted together by a random offset that keeps both inside the canvas, except for one pair per
 * visit drawn at random, which stays at the top-left (TRM's {@code no_aug_id}). TRM fixes the offsets
 * once when it builds the dataset; here they are drawn per visit, deterministically from the seed.
 *
 * <p>Labels are the encoded outputs with PAD replaced by {@link Batch#IGNORE} (TRM's
 * {@code ignore_label_id = 0}); EOS and colours are trained on.
 */
final class TrainingStream implements Iterator<Batch> {

    private final AugmentedDataset data;
    private final int batchSize;
    private final long seed;
    private final boolean translate;
    private final List<AugmentedDataset.Group> groups;
    private int epoch = -1;
    private SplittableRandom rng;
    private int[] order;
    private int position;

    TrainingStream(AugmentedDataset data, int batchSize, long seed, boolean translate) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.translate = translate;
        this.groups = data.trainingGroups();
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Batch next() {
        int n = TrmCodec.SEQUENCE_LENGTH;
        int[] inputs = new int[batchSize * n];
        int[] labels = new int[batchSize * n];
        int[] puzzleIds = new int[batchSize];
        long[] exampleIds = new long[batchSize];
        int filled = 0;
        while (filled < batchSize) {
            if (order == null || position == order.length) {
                startEpoch();
            }
            AugmentedDataset.Group group = groups.get(order[position++]);
            int view = rng.nextInt(data.viewCount(group.task()));
            Augmentation aug = data.view(group.task(), view);
            int pairs = group.pairs().size();
            int[] pick = shuffled(pairs);
            int untranslated = rng.nextInt(pairs);
            int take = Math.min(pairs, batchSize - filled);
            for (int k = 0; k < take; k++) {
                int p = pick[k];
                ArcPair pair = group.pairs().get(p);
                Grid in = aug.apply(pair.input());
                Grid out = aug.apply(pair.output());
                int dr = 0;
                int dc = 0;
                if (translate && p != untranslated) {
                    dr = rng.nextInt(TrmCodec.SIDE - Math.max(in.rows(), out.rows()) + 1);
                    dc = rng.nextInt(TrmCodec.SIDE - Math.max(in.cols(), out.cols()) + 1);
                }
                TrmCodec.encode(in, dr, dc, inputs, filled * n);
                TrmCodec.encode(out, dr, dc, labels, filled * n);
                puzzleIds[filled] = data.identifier(group.task(), view);
                exampleIds[filled] = new ExampleId(group.task(), view, p).pack();
                filled++;
            }
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == TrmCodec.PAD) {
                labels[i] = Batch.IGNORE;
            }
        }
        return new Batch(batchSize, n, inputs, labels, puzzleIds, exampleIds);
    }

    private void startEpoch() {
        epoch++;
        rng = new SplittableRandom(Seeds.mix(seed, epoch));
        order = shuffled(groups.size());
        position = 0;
    }

    private int[] shuffled(int size) {
        int[] a = new int[size];
        Arrays.setAll(a, i -> i);
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
