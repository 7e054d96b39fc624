package io.recurbench.sudoku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.task.Batch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task reading Sudoku-Extreme-layout files written by the test (9x9). */
class CsvSourceTest {

    @TempDir
    Path dir;

    private final List<Puzzle> evalPuzzles = new ArrayList<>();
    private final List<Puzzle> fresh = new ArrayList<>();
    private final List<Puzzle> leaked = new ArrayList<>();

    @BeforeEach
    void writeFiles() {
        Generator evalGenerator = new Generator(BoxShape.THREE_BY_THREE, 100, DifficultyRange.ANY);
        Generator freshGenerator = new Generator(BoxShape.THREE_BY_THREE, 200, DifficultyRange.ANY);
        for (int i = 0; i < 30; i++) {
            Puzzle p = evalGenerator.generate(i);
            evalPuzzles.add(new Puzzle(p.shape(), p.question(), p.answer(), "eval" + i, i));
        }
        for (int i = 0; i < 40; i++) {
            Puzzle p = freshGenerator.generate(i);
            fresh.add(new Puzzle(p.shape(), p.question(), p.answer(), "fresh" + i, i));
        }
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 25; i++) {
            Puzzle source = evalPuzzles.get(i);
            Puzzle copy = i < 5 ? source : SudokuTransform.random(BoxShape.THREE_BY_THREE,
                    Augmentation.applicableTo(BoxShape.THREE_BY_THREE), random).apply(source);
            leaked.add(new Puzzle(copy.shape(), copy.question(), copy.answer(), "leak" + i, 0));
        }
        List<Puzzle> train = new ArrayList<>(fresh);
        for (int i = 0; i < leaked.size(); i++) {
            train.add(3 * i % train.size(), leaked.get(i)); // interleave the leaks with the fresh rows
        }
        SudokuCsv.write(dir.resolve("train.csv"), train);
        SudokuCsv.write(dir.resolve("test.csv"), evalPuzzles);
    }

    private SudokuTask task(String... keyValues) {
        Map<String, String> options = new HashMap<>(Map.of("source", dir.toString(), "box", "3x3"));
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put(keyValues[i], keyValues[i + 1]);
        }
        return (SudokuTask) SudokuTaskTest.factory().create(options);
    }

    @Test
    void directoryLayoutExcludesCopiesAndShufflesOfEvaluationPuzzles() {
        SudokuTask task = task("train-puzzles", "40", "eval-puzzles", "all", "augmentations", "3");
        assertThat(task.data().eval()).hasSize(30);
        assertThat(task.data().excludedAsEvaluation()).isEqualTo(25);
        assertThat(task.data().train()).extracting(Puzzle::source).allMatch(s -> s.startsWith("fresh"));
        assertThat(task.data().train()).hasSize(40);

        Set<Long> evalPrints = new HashSet<>();
        Set<String> evalQuestions = new HashSet<>();
        for (Puzzle p : evalPuzzles) {
            evalPrints.add(Fingerprint.of(p));
            evalQuestions.add(SudokuCsv.formatGrid(p.question()));
        }
        Iterator<Batch> batches = task.trainingBatches(16, 5);
        for (long seen = 0; seen < task.trainingExampleCount(); ) {
            Batch batch = batches.next();
            for (int i = 0; i < batch.size(); i++, seen++) {
                byte[] question = SudokuEncoding.decode(batch.inputs(), i * 81, 81, 9);
                byte[] answer = SudokuEncoding.decode(batch.labels(), i * 81, 81, 9);
                assertThat(evalQuestions).doesNotContain(SudokuCsv.formatGrid(question));
                assertThat(evalPrints).doesNotContain(Fingerprint.of(BoxShape.THREE_BY_THREE, question, answer));
            }
        }
    }

    @Test
    void askingForMoreThanTheFileHoldsFailsWithTheCount() {
        assertThatThrownBy(() -> task("train-puzzles", "41", "eval-puzzles", "all"))
                .hasMessage("sudoku option 'train-puzzles' asks for 41 puzzles but " + dir.resolve("train.csv")
                        + " has only 40 usable rows (valid, rating in range, not equivalent to an evaluation puzzle)");
    }

    @Test
    void evaluationSampleIsSeededAndInFileOrder() {
        List<String> a = sources(task("train-puzzles", "5", "eval-puzzles", "10", "seed", "1").data().eval());
        List<String> b = sources(task("train-puzzles", "5", "eval-puzzles", "10", "seed", "1").data().eval());
        List<String> c = sources(task("train-puzzles", "5", "eval-puzzles", "10", "seed", "2").data().eval());
        assertThat(a).hasSize(10).isEqualTo(b).isNotEqualTo(c);
        List<Integer> positions = a.stream().map(s -> Integer.parseInt(s.substring(4))).toList();
        assertThat(positions).isSorted();
    }

    @Test
    void ratingColumnFiltersRows() {
        SudokuTask task = task("train-puzzles", "10", "eval-puzzles", "all", "min-rating", "20");
        assertThat(task.data().eval()).extracting(Puzzle::rating).allMatch(r -> r >= 20).hasSize(10);
        assertThat(task.data().train()).extracting(Puzzle::rating).allMatch(r -> r >= 20);
    }

    @Test
    void oneFileIsSplitIntoDisjointEvaluationAndTraining() {
        Path file = dir.resolve("test.csv");
        SudokuTask task = (SudokuTask) SudokuTaskTest.factory().create(Map.of("source", file.toString(), "box", "3x3",
                "eval-puzzles", "12", "train-puzzles", "18"));
        Set<String> evalSources = new HashSet<>(sources(task.data().eval()));
        assertThat(evalSources).hasSize(12);
        assertThat(sources(task.data().train())).hasSize(18).doesNotContainAnyElementsOf(evalSources);
        assertThatThrownBy(() -> SudokuTaskTest.factory().create(Map.of("source", file.toString(), "box", "3x3",
                "eval-puzzles", "all")))
                .hasMessageContaining("'all' would leave nothing of " + file + " for training");
    }

    @Test
    void malformedRowsFailByDefaultOrAreSkippedAndCounted() throws IOException {
        Path train = dir.resolve("train.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(train));
        lines.add(4, "broken," + "1".repeat(81) + "," + "2".repeat(81) + ",0");
        Files.write(train, lines);
        assertThatThrownBy(() -> task("train-puzzles", "10", "eval-puzzles", "5"))
                .isInstanceOf(SudokuCsvException.class)
                .hasMessage(train + " line 5: answer is not a valid grid: digit 2 twice in row 1");
        SudokuTask task = task("train-puzzles", "10", "eval-puzzles", "5", "on-bad-row", "skip");
        assertThat(task.data().skippedRows()).isEqualTo(1);
        assertThat(task.data().problems()).containsExactly(train + " line 5: answer is not a valid grid: digit 2 twice in row 1");
    }

    private static List<String> sources(List<Puzzle> puzzles) {
        return puzzles.stream().map(Puzzle::source).toList();
    }
}
