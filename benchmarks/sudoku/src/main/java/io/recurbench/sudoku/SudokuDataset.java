package io.recurbench.sudoku;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The puzzles of one task instance: training puzzles (before augmentation) and evaluation puzzles, with what
 * was dropped on the way. No training puzzle is equivalent to an evaluation puzzle under the symmetries of
 * the box shape: candidates whose {@link Fingerprint} matches an evaluation puzzle's are excluded and counted.
 *
 * @param train               training puzzles, N of them
 * @param eval                evaluation puzzles
 * @param excludedAsEvaluation training candidates dropped because they are (or may be) shuffles of evaluation puzzles
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
        Generator evalGenerator = new Generator(options.shape(), Seeds.mix(options.seed(), 1, 0), options.difficulty());
        List<Puzzle> eval = new ArrayList<>(options.evalPuzzles());
        for (int i = 0; i < options.evalPuzzles(); i++) {
            eval.add(evalGenerator.generate(i));
        }
        Set<Long> evalPrints = fingerprints(eval);
        Generator trainGenerator = new Generator(options.shape(), Seeds.mix(options.seed(), 2, 0), options.difficulty());
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
        Reservoir<Puzzle> evalSample = new Reservoir<>(evalCapacity, new SplittableRandom(Seeds.mix(options.seed(), 3, 0)));
        SudokuCsv.ReadSummary evalRead = SudokuCsv.read(evalFile, options.shape(), options.onBadRow(), p -> {
            if (options.difficulty().contains(p.rating())) {
                evalSample.offer(p);
            }
        });
        List<Puzzle> eval = evalSample.sample();
        requireEnough(evalFile, "eval-puzzles", eval.size(), options.evalPuzzles(), evalSample.seen());
        Set<Long> evalPrints = fingerprints(eval);

        Reservoir<Puzzle> trainSample = new Reservoir<>(options.trainPuzzles(), new SplittableRandom(Seeds.mix(options.seed(), 4, 0)));
        long[] excluded = {0};
        SudokuCsv.ReadSummary trainRead = SudokuCsv.read(trainFile, options.shape(), options.onBadRow(), p -> {
            if (!options.difficulty().contains(p.rating())) {
                return;
            }
            if (evalPrints.contains(Fingerprint.of(p))) {
                excluded[0]++;
            } else {
                trainSample.offer(p);
            }
        });
        List<Puzzle> train = trainSample.sample();
        requireEnough(trainFile, "train-puzzles", train.size(), options.trainPuzzles(), trainSample.seen());
        List<String> problems = new ArrayList<>(evalRead.firstProblems());
        problems.addAll(trainRead.firstProblems());
        return new SudokuDataset(train, eval, excluded[0], evalRead.skipped() + trainRead.skipped(), problems);
    }

    private static SudokuDataset fromOneFile(SudokuOptions options, Path file) {
        if (options.evalPuzzles() == SudokuOptions.ALL) {
            throw new IllegalArgumentException("sudoku option 'eval-puzzles': 'all' would leave nothing of " + file
                    + " for training; give a count, or a directory with train.csv and test.csv");
        }
        // Pass 1 samples the evaluation rows; pass 2 samples training rows among the others.
        record Row(long index, Puzzle puzzle) {
        }
        Reservoir<Row> evalRows = new Reservoir<>(options.evalPuzzles(), new SplittableRandom(Seeds.mix(options.seed(), 3, 0)));
        long[] row = {0};
        SudokuCsv.ReadSummary firstRead = SudokuCsv.read(file, options.shape(), options.onBadRow(), p -> {
            long index = row[0]++;
            if (options.difficulty().contains(p.rating())) {
                evalRows.offer(new Row(index, p));
            }
        });
        List<Row> evalSample = evalRows.sample();
        requireEnough(file, "eval-puzzles", evalSample.size(), options.evalPuzzles(), evalRows.seen());
        Set<Long> evalIndices = new HashSet<>();
        List<Puzzle> eval = new ArrayList<>();
        for (Row r : evalSample) {
            evalIndices.add(r.index());
            eval.add(r.puzzle());
        }
        Set<Long> evalPrints = fingerprints(eval);
        Reservoir<Puzzle> trainSample = new Reservoir<>(options.trainPuzzles(), new SplittableRandom(Seeds.mix(options.seed(), 4, 0)));
        long[] excluded = {0};
        row[0] = 0;
        SudokuCsv.read(file, options.shape(), options.onBadRow(), p -> {
            long index = row[0]++;
            if (evalIndices.contains(index) || !options.difficulty().contains(p.rating())) {
                return;
            }
            if (evalPrints.contains(Fingerprint.of(p))) {
                excluded[0]++;
            } else {
                trainSample.offer(p);
            }
        });
        List<Puzzle> train = trainSample.sample();
        requireEnough(file, "train-puzzles", train.size(), options.trainPuzzles(), trainSample.seen());
        return new SudokuDataset(train, eval, excluded[0], firstRead.skipped(), firstRead.firstProblems());
    }

    private static void requireEnough(Path file, String option, int got, int wanted, long usable) {
        if (wanted != SudokuOptions.ALL && got < wanted) {
            throw new IllegalArgumentException("sudoku option '" + option + "' asks for " + wanted + " puzzles but "
                    + file + " has only " + usable + " usable rows (valid, rating in range, not equivalent to an evaluation puzzle)");
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
