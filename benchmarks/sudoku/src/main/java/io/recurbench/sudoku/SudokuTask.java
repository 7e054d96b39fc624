package io.recurbench.sudoku;

import io.recurbench.api.task.Batch;
import io.recurbench.api.task.Scorer;
import io.recurbench.api.task.Task;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The {@code sudoku} task as TRM builds it ({@code dataset/build_sudoku_dataset.py}): N training puzzles, each
 * seen as its original and M shuffled views (training examples = N × (1 + M)), every example with the shared
 * puzzle identifier 0; evaluation puzzles unshuffled. Inputs are the question's tokens, labels the answer's
 * tokens on every cell (givens included, as in TRM), see {@link SudokuEncoding}.
 *
 * <p>The views are fixed by the data seed (view {@code v} of puzzle {@code p} is the same in every epoch and for
 * every training seed, like TRM's pre-built dataset); the training seed only orders the examples, with a fresh
 * permutation per epoch. Batches run across epoch boundaries, so every training batch is full.
 */
public final class SudokuTask implements Task {

    /** The name configs use. */
    public static final String NAME = "sudoku";

    private final BoxShape shape;
    private final SudokuDataset data;
    private final int views;
    private final Set<Augmentation> kinds;
    private final long dataSeed;

    public SudokuTask(SudokuOptions options) {
        this(options.shape(), SudokuDataset.build(options), options.augmentations(), options.augmentKinds(), options.seed());
    }

    /**
     * @param augmentations M, the shuffled views per training puzzle besides the original
     */
    public SudokuTask(BoxShape shape, SudokuDataset data, int augmentations, Set<Augmentation> kinds, long dataSeed) {
        if (augmentations < 0) {
            throw new IllegalArgumentException("augmentations " + augmentations + ": expected >= 0");
        }
        for (Puzzle p : data.train()) {
            requireShape(p, shape);
        }
        for (Puzzle p : data.eval()) {
            requireShape(p, shape);
        }
        this.shape = shape;
        this.data = data;
        this.views = augmentations + 1;
        this.kinds = Set.copyOf(kinds);
        this.dataSeed = dataSeed;
    }

    private static void requireShape(Puzzle p, BoxShape shape) {
        if (!p.shape().equals(shape)) {
            throw new IllegalArgumentException("puzzle " + p.source() + " has box " + p.shape() + ", task is for box " + shape);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int vocabularySize() {
        return SudokuEncoding.VOCABULARY_SIZE;
    }

    @Override
    public int sequenceLength() {
        return shape.cellCount();
    }

    /** One shared identifier (0) for every example, as TRM's Sudoku set: no per-puzzle embeddings. */
    @Override
    public int puzzleIdentifierCount() {
        return 1;
    }

    @Override
    public long trainingExampleCount() {
        return (long) data.train().size() * views;
    }

    public BoxShape shape() {
        return shape;
    }

    /** The puzzles behind the batches, with what was excluded or skipped while building them. */
    public SudokuDataset data() {
        return data;
    }

    /**
     * Training example {@code example} ({@code puzzle * (1 + M) + view}): view 0 is the puzzle itself, the others
     * are shuffles fixed by the data seed.
     */
    public Puzzle trainingExample(long example) {
        if (example < 0 || example >= trainingExampleCount()) {
            throw new IndexOutOfBoundsException("training example " + example + " of " + trainingExampleCount());
        }
        int puzzle = (int) (example / views);
        int view = (int) (example % views);
        Puzzle original = data.train().get(puzzle);
        if (view == 0) {
            return original;
        }
        SplittableRandom random = new SplittableRandom(Seeds.mix(dataSeed, puzzle, view));
        return SudokuTransform.random(shape, kinds, random).apply(original);
    }

    @Override
    public Iterator<Batch> trainingBatches(int batchSize, long seed) {
        requirePositive(batchSize);
        long total = trainingExampleCount();
        if (total > Integer.MAX_VALUE) {
            throw new IllegalStateException("training set of " + total + " examples is too large to shuffle in memory");
        }
        return new Iterator<>() {
            private int[] order;
            private int position;
            private long epoch;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Batch next() {
                int cells = sequenceLength();
                int[] inputs = new int[batchSize * cells];
                int[] labels = new int[batchSize * cells];
                long[] ids = new long[batchSize];
                for (int i = 0; i < batchSize; i++) {
                    if (order == null || position == order.length) {
                        order = Generator.permutation((int) total, new SplittableRandom(Seeds.mix(seed, epoch++, 5)));
                        position = 0;
                    }
                    int example = order[position++];
                    Puzzle view = trainingExample(example);
                    SudokuEncoding.encode(view.question(), inputs, i * cells);
                    SudokuEncoding.encode(view.answer(), labels, i * cells);
                    ids[i] = example;
                }
                return new Batch(batchSize, cells, inputs, labels, new int[batchSize], ids);
            }
        };
    }

    @Override
    public Iterator<Batch> evaluationBatches(int batchSize) {
        requirePositive(batchSize);
        List<Puzzle> eval = data.eval();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < eval.size();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("evaluation batches exhausted");
                }
                int size = Math.min(batchSize, eval.size() - next);
                int cells = sequenceLength();
                int[] inputs = new int[size * cells];
                int[] labels = new int[size * cells];
                long[] ids = new long[size];
                for (int i = 0; i < size; i++) {
                    Puzzle puzzle = eval.get(next + i);
                    SudokuEncoding.encode(puzzle.question(), inputs, i * cells);
                    SudokuEncoding.encode(puzzle.answer(), labels, i * cells);
                    ids[i] = next + i;
                }
                next += size;
                return new Batch(size, cells, inputs, labels, new int[size], ids);
            }
        };
    }

    @Override
    public Scorer newScorer() {
        return new SudokuScorer(shape, data.eval());
    }

    private static void requirePositive(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + ": expected >= 1");
        }
    }
}
