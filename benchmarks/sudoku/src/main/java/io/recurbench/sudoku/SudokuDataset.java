package io.recurbench.sudoku;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The puzzles of one task instance: training puzzles (before augmentation) and evaluation puzzles, with what
 * was dropped on the way. No training puzzle is equivalent to an evaluation puzzle under the symmetries of
 * the box shape: candidates whose {@link Fingerprint} matches an evaluation puzzle's are excluded and counted.
 *
 * @param train               training puzzles, N of them
 * @param eval                evaluation puzzles
 * @param excludedAsEvaluation training candidates dropped because they are (or may be) shuffles of evaluation
 *                            puzzles (for CSV sources: the rows the sampler would otherwise have taken)
 * @param skippedRows         malformed CSV rows skipped under {@code on-bad-row=skip}
 * @param problems            the first few skipped-row reasons
 */
public record SudokuDataset(List<Puzzle> train, List<Puzzle> eval, long excludedAsEvaluation, long skippedRows,
                            List<String> problems) {

    public SudokuDataset {
        train = List.copyOf(train);
        eval = List.copyOf(eval);
        problems = List.copyOf(problems);
    }

    /**
     * Builds the puzzles the options describe.
     *
     * @throws IllegalArgumentException if the source cannot supply enough puzzles, naming what was short
     */
    public static SudokuDataset build(SudokuOptions options) {
        return switch (options.source()) {
            case SudokuOptions.Source.Generated g -> generated(options);
            case SudokuOptions.Source.CsvDirectory d -> fromFiles(options, d.evalFile(), d.trainFile());
            case SudokuOptions.Source.CsvFile f -> fromOneFile(options, f.file());
        };
    }

    private static SudokuDataset generated(SudokuOptions options) {
        Generator evalGenerator = new Generator(options.shape(), Seeds.mix(options.seed(), 1, 0), options.difficulty(),
                options.maxBlanks());
        List<Puzzle> eval = new ArrayList<>(options.evalPuzzles());
        for (int i = 0; i < options.evalPuzzles(); i++) {
            eval.add(evalGenerator.generate(i));
        }
        Set<Long> evalPrints = fingerprints(eval);
        Generator trainGenerator = new Generator(options.shape(), Seeds.mix(options.seed(), 2, 0), options.difficulty(),
                options.maxBlanks());
        List<Puzzle> train = new ArrayList<>(options.trainPuzzles());
        long candidateLimit = 10L * options.trainPuzzles() + 1000;
        long excluded = 0;
        for (long i = 0; train.size() < options.trainPuzzles(); i++) {
            if (i == candidateLimit) {
                throw new IllegalArgumentException("sudoku: only " + train.size() + " of " + options.trainPuzzles()
                        + " training puzzles are distinct from the " + eval.size() + " evaluation puzzles after "
                        + candidateLimit + " candidates (box " + options.shape() + " has few puzzles up to symmetry); "
                        + "lower train-puzzles or eval-puzzles");
            }
            Puzzle candidate = trainGenerator.generate(i);
            if (evalPrints.contains(Fingerprint.of(candidate))) {
                excluded++;
            } else {
                train.add(candidate);
            }
        }
        return new SudokuDataset(train, eval, excluded, 0, List.of());
    }

    private static SudokuDataset fromFiles(SudokuOptions options, Path evalFile, Path trainFile) {
        int evalCapacity = options.evalPuzzles() == SudokuOptions.ALL ? Integer.MAX_VALUE : options.evalPuzzles();
        SeededSample<Puzzle> evalSample = new SeededSample<>(evalCapacity, Seeds.mix(options.seed(), 3, 0));
        long[] row = {0};
        SudokuCsv.ReadSummary evalRead = SudokuCsv.read(evalFile, options.shape(), options.onBadRow(), p -> {
            if (options.difficulty().contains(p.rating())) {
                evalSample.offer(row[0]++, p);
            }
        });
        List<Puzzle> eval = evalSample.inStreamOrder();
        requireEnough(evalFile, "eval-puzzles", eval.size(), options.evalPuzzles());

        TrainingSampler sampler = new TrainingSampler(options, eval);
        SudokuCsv.ReadSummary trainRead = SudokuCsv.read(trainFile, options.shape(), options.onBadRow(), sampler::offer);
        List<Puzzle> train = sampler.sample();
        requireEnough(trainFile, "train-puzzles", train.size(), options.trainPuzzles());
        List<String> problems = new ArrayList<>(evalRead.firstProblems());
        problems.addAll(trainRead.firstProblems());
        return new SudokuDataset(train, eval, sampler.excluded(), evalRead.skipped() + trainRead.skipped(), problems);
    }

    private static SudokuDataset fromOneFile(SudokuOptions options, Path file) {
        if (options.evalPuzzles() == SudokuOptions.ALL) {
            throw new IllegalArgumentException("sudoku option 'eval-puzzles': 'all' would leave nothing of " + file
                    + " for training; give a count, or a directory with train.csv and test.csv");
        }
        // Pass 1 samples the evaluation rows; pass 2 samples training rows among the others.
        record Row(long index, Puzzle puzzle) {
        }
        SeededSample<Row> evalRows = new SeededSample<>(options.evalPuzzles(), Seeds.mix(options.seed(), 3, 0));
        long[] row = {0};
        SudokuCsv.ReadSummary firstRead = SudokuCsv.read(file, options.shape(), options.onBadRow(), p -> {
            long index = row[0]++;
            if (options.difficulty().contains(p.rating())) {
                evalRows.offer(index, new Row(index, p));
            }
        });
        List<Row> evalSample = evalRows.inStreamOrder();
        requireEnough(file, "eval-puzzles", evalSample.size(), options.evalPuzzles());
        Set<Long> evalIndices = new HashSet<>();
        List<Puzzle> eval = new ArrayList<>();
        for (Row r : evalSample) {
            evalIndices.add(r.index());
            eval.add(r.puzzle());
        }
        TrainingSampler sampler = new TrainingSampler(options, eval);
        row[0] = 0;
        SudokuCsv.read(file, options.shape(), options.onBadRow(), p -> {
            if (!evalIndices.contains(row[0]++)) {
                sampler.offer(p);
            }
        });
        List<Puzzle> train = sampler.sample();
        requireEnough(file, "train-puzzles", train.size(), options.trainPuzzles());
        return new SudokuDataset(train, eval, sampler.excluded(), firstRead.skipped(), firstRead.firstProblems());
    }

    /**
     * Samples training rows uniformly among those in the rating range and not equivalent to an evaluation puzzle.
     * The fingerprint is computed only for rows that would enter the sample ({@link SeededSample#wouldKeep}).
     */
    private static final class TrainingSampler {
        private final DifficultyRange difficulty;
        private final Set<Long> evalPrints;
        private final SeededSample<Puzzle> sample;
        private long position;
        private long excluded;

        TrainingSampler(SudokuOptions options, List<Puzzle> eval) {
            this.difficulty = options.difficulty();
            this.evalPrints = fingerprints(eval);
            this.sample = new SeededSample<>(options.trainPuzzles(), Seeds.mix(options.seed(), 4, 0));
        }

        void offer(Puzzle p) {
            if (!difficulty.contains(p.rating())) {
                return;
            }
            long index = position++;
            if (!sample.wouldKeep(index)) {
                return;
            }
            if (evalPrints.contains(Fingerprint.of(p))) {
                excluded++;
            } else {
                sample.add(index, p);
            }
        }

        List<Puzzle> sample() {
            return sample.inStreamOrder();
        }

        /** Rows that would have been sampled but are (or may be) shuffles of evaluation puzzles. */
        long excluded() {
            return excluded;
        }
    }

    /** A short sample means every usable row was taken, so {@code got} is then the number of usable rows. */
    private static void requireEnough(Path file, String option, int got, int wanted) {
        if (wanted != SudokuOptions.ALL && got < wanted) {
            throw new IllegalArgumentException("sudoku option '" + option + "' asks for " + wanted + " puzzles but "
                    + file + " has only " + got + " usable rows (valid, rating in range, not equivalent to an evaluation puzzle)");
        }
        if (got == 0) {
            throw new IllegalArgumentException("sudoku: " + file + " has no usable rows for " + option);
        }
    }

    private static Set<Long> fingerprints(List<Puzzle> puzzles) {
        Set<Long> prints = new HashSet<>(puzzles.size() * 2);
        for (Puzzle p : puzzles) {
            prints.add(Fingerprint.of(p));
        }
        return prints;
    }
}
