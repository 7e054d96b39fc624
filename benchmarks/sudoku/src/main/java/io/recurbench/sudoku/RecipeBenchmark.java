package io.recurbench.sudoku;

import io.recurbench.api.task.Batch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds the TRM Sudoku-Extreme recipe at full size on a synthetic directory of the same shape (Sudoku-Extreme
 * itself is not shipped): {@code train.csv} of generated puzzles and a {@code test.csv} of {@code --eval-rows}
 * rows (default 423,000, the public test split's size; shuffles of generated puzzles, disjoint from training).
 * It prints the time to load and sample both files, the time for one epoch's worth of training batches, and the
 * JVM's peak heap use.
 *
 * <pre>{@code
 * java -Xmx2g -cp benchmarks/sudoku/target/classes:api/target/classes io.recurbench.sudoku.RecipeBenchmark \
 *     --dir /tmp/sudoku-recipe [--eval-rows 423000] [--train-rows 5000]
 * }</pre>
 */
public final class RecipeBenchmark {

    private RecipeBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = null;
        int evalRows = 423_000;
        int trainRows = 5_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--eval-rows" -> evalRows = Integer.parseInt(args[i + 1]);
                case "--train-rows" -> trainRows = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]
                        + "; flags: --dir DIR --eval-rows N --train-rows N");
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("--dir DIR is required (the synthetic files are written there)");
        }
        Files.createDirectories(dir);
        writeSyntheticFiles(dir, trainRows, evalRows);

        long start = System.nanoTime();
        SudokuTask task = new SudokuTask(SudokuOptions.parse(Map.of("source", dir.toString(), "box", "3x3",
                "train-puzzles", "1000", "augmentations", "1000", "eval-puzzles", "all")));
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("loaded %d training puzzles (of %d rows) and %d evaluation rows in %.2f s (%.0f rows/s read)%n",
                task.data().train().size(), trainRows, task.data().eval().size(), loadSeconds,
                (trainRows + evalRows) / loadSeconds);
        System.out.printf("training examples per epoch: %d (1000 x 1001 views)%n", task.trainingExampleCount());

        start = System.nanoTime();
        Iterator<Batch> batches = task.trainingBatches(768, 0);
        long examples = 0;
        long checksum = 0;
        while (examples < task.trainingExampleCount()) {
            Batch batch = batches.next();
            examples += batch.size();
            checksum += batch.inputs()[0];
        }
        double epochSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("one epoch of batches (768 each): %d examples in %.2f s = %.0f examples/s (checksum %d)%n",
                examples, epochSeconds, examples / epochSeconds, checksum);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("peak heap used (sum of heap pools' peaks): %.0f MiB%n", peak / (1024.0 * 1024.0));
    }

    private static void writeSyntheticFiles(Path dir, int trainRows, int evalRows) {
        Generator trainGenerator = new Generator(BoxShape.THREE_BY_THREE, 1, DifficultyRange.ANY);
        List<Puzzle> train = new ArrayList<>(trainRows);
        for (int i = 0; i < trainRows; i++) {
            train.add(trainGenerator.generate(i));
        }
        SudokuCsv.write(dir.resolve("train.csv"), train);

        // Evaluation rows: shuffles of a smaller set of distinct puzzles, generated lazily while writing.
        int distinct = Math.max(1, evalRows / 400);
        Generator evalGenerator = new Generator(BoxShape.THREE_BY_THREE, 2, DifficultyRange.ANY);
        List<Puzzle> bases = new ArrayList<>(distinct);
        for (int i = 0; i < distinct; i++) {
            bases.add(evalGenerator.generate(i));
        }
        int rows = evalRows;
        Iterable<Puzzle> eval = () -> new Iterator<>() {
            private final SplittableRandom random = new SplittableRandom(3);
            private int next;

            @Override
            public boolean hasNext() {
                return next < rows;
            }

            @Override
            public Puzzle next() {
                Puzzle base = bases.get(next++ % bases.size());
                return SudokuTransform.random(BoxShape.THREE_BY_THREE, Augmentation.applicableTo(BoxShape.THREE_BY_THREE),
                        random).apply(base);
            }
        };
        try {
            SudokuCsv.write(dir.resolve("test.csv"), eval);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the synthetic evaluation file in " + dir, e.getCause());
        }
    }
}
