package io.recurbench.sudoku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.task.Batch;
import io.recurbench.api.task.Task;
import io.recurbench.api.task.TaskFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SudokuTaskTest {

    static TaskFactory factory() {
        for (TaskFactory factory : ServiceLoader.load(TaskFactory.class)) {
            if (factory.name().equals("sudoku")) {
                return factory;
            }
        }
        throw new AssertionError("sudoku TaskFactory not found by ServiceLoader");
    }

    @Test
    void discoveredThroughServiceLoaderWithASmallGeneratedDefault() {
        TaskFactory factory = factory();
        assertThat(factory.options()).containsKeys("source", "box", "train-puzzles", "augmentations",
                "augment-kinds", "eval-puzzles", "seed", "min-rating", "max-rating", "on-bad-row");
        Task task = factory.create(Map.of());
        assertThat(task.name()).isEqualTo("sudoku");
        assertThat(task.vocabularySize()).isEqualTo(11);
        assertThat(task.sequenceLength()).isEqualTo(36);
        assertThat(task.puzzleIdentifierCount()).isEqualTo(1);
        assertThat(task.usesPuzzleEmbeddings()).isFalse();
        assertThat(task.trainingExampleCount()).isEqualTo(200 * 9);
        int evaluated = 0;
        for (Iterator<Batch> it = task.evaluationBatches(64); it.hasNext(); ) {
            evaluated += it.next().size();
        }
        assertThat(evaluated).isEqualTo(200);
    }

    @Test
    void badOptionsNameTheOptionAndWhatWasExpected() {
        TaskFactory factory = factory();
        assertThatThrownBy(() -> factory.create(Map.of("boxes", "3x3")))
                .hasMessageStartingWith("sudoku option 'boxes' is unknown; known options: source, box,");
        assertThatThrownBy(() -> factory.create(Map.of("box", "4")))
                .hasMessage("sudoku option 'box' is '4': box shape '4': expected ROWSxCOLS, e.g. 2x3 or 3x3");
        assertThatThrownBy(() -> factory.create(Map.of("train-puzzles", "many")))
                .hasMessage("sudoku option 'train-puzzles' is 'many': expected an integer");
        assertThatThrownBy(() -> factory.create(Map.of("augmentations", "-1")))
                .hasMessage("sudoku option 'augmentations' is -1, expected >= 0");
        assertThatThrownBy(() -> factory.create(Map.of("source", "/no/such/file.csv")))
                .hasMessageContaining("'/no/such/file.csv' is neither 'generated' nor an existing CSV file or directory");
        assertThatThrownBy(() -> factory.create(Map.of("eval-puzzles", "all")))
                .hasMessageContaining("'all' needs a CSV source");
        assertThatThrownBy(() -> factory.create(Map.of("on-bad-row", "ignore")))
                .hasMessage("sudoku option 'on-bad-row' is 'ignore': expected fail or skip");
        assertThatThrownBy(() -> factory.create(Map.of("augment-kinds", "transpose")))
                .hasMessageContaining("turns 2x3 boxes into 3x2 boxes");
        assertThatThrownBy(() -> factory.create(Map.of("min-rating", "5", "max-rating", "2")))
                .hasMessageContaining("expected 0 <= min <= max");
        assertThatThrownBy(() -> factory.create(Map.of("max-blanks", "0")))
                .hasMessage("sudoku option 'max-blanks' is 0, expected >= 1");
    }

    @Test
    void trainingBatchesAreTrmEncodedValidSudokusWithOneSharedIdentifier() {
        Task task = factory().create(Map.of("box", "3x3", "train-puzzles", "12", "augmentations", "1000",
                "eval-puzzles", "5", "seed", "3"));
        assertThat(task.sequenceLength()).isEqualTo(81);
        assertThat(task.trainingExampleCount()).isEqualTo(12 * 1001);
        Iterator<Batch> batches = task.trainingBatches(32, 1);
        for (int b = 0; b < 20; b++) {
            Batch batch = batches.next();
            assertThat(batch.size()).isEqualTo(32);
            assertThat(batch.puzzleIds()).containsOnly(0);
            for (int i = 0; i < batch.size(); i++) {
                for (int cell = 0; cell < 81; cell++) {
                    assertThat(batch.inputs()[i * 81 + cell]).isBetween(1, 10);
                    assertThat(batch.labels()[i * 81 + cell]).isBetween(2, 10);
                }
                byte[] question = SudokuEncoding.decode(batch.inputs(), i * 81, 81, 9);
                byte[] answer = SudokuEncoding.decode(batch.labels(), i * 81, 81, 9);
                assertThat(SudokuRules.solves(BoxShape.THREE_BY_THREE, question, answer)).isTrue();
                assertThat(new Solver(BoxShape.THREE_BY_THREE).solve(question, 2).isUnique()).isTrue();
            }
        }
    }

    @Test
    void oneEpochVisitsEveryExampleOnceAndTheSeedOnlyReorders() {
        SudokuTask task = (SudokuTask) factory().create(Map.of("box", "2x3", "train-puzzles", "10", "augmentations", "4",
                "eval-puzzles", "4"));
        int total = (int) task.trainingExampleCount();
        assertThat(total).isEqualTo(50);
        List<Long> epochA = exampleIds(task.trainingBatches(7, 11), total);
        List<Long> epochB = exampleIds(task.trainingBatches(7, 11), total);
        List<Long> epochC = exampleIds(task.trainingBatches(7, 12), total);
        assertThat(epochA).isEqualTo(epochB);
        assertThat(epochA).isNotEqualTo(epochC);
        assertThat(new HashSet<>(epochA)).hasSize(total);
        assertThat(new HashSet<>(epochC)).isEqualTo(new HashSet<>(epochA));
        // The same example id carries the same view whatever the training seed.
        Batch first = task.trainingBatches(1, 99).next();
        Puzzle view = task.trainingExample(first.exampleIds()[0]);
        assertThat(SudokuEncoding.decode(first.inputs(), 0, 36, 6)).isEqualTo(view.question());
        // View 0 is the puzzle itself.
        assertThat(task.trainingExample(5 * 2)).isEqualTo(task.data().train().get(2));
    }

    private static List<Long> exampleIds(Iterator<Batch> batches, int count) {
        List<Long> ids = new java.util.ArrayList<>();
        while (ids.size() < count) {
            for (long id : batches.next().exampleIds()) {
                if (ids.size() < count) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    @Test
    void evaluationBatchesAreFixedAndTheLastOneSmaller() {
        Task task = factory().create(Map.of("train-puzzles", "3", "augmentations", "0", "eval-puzzles", "10"));
        List<Batch> batches = new java.util.ArrayList<>();
        task.evaluationBatches(4).forEachRemaining(batches::add);
        assertThat(batches).extracting(Batch::size).containsExactly(4, 4, 2);
        assertThat(batches.get(2).exampleIds()).containsExactly(8L, 9L);
        Batch again = task.evaluationBatches(4).next();
        assertThat(again.inputs()).isEqualTo(batches.get(0).inputs());
    }

    /**
     * 4x4 has few puzzles up to symmetry, so training candidates often are shuffles of evaluation puzzles. The
     * check here is exact (canonical forms over the whole symmetry group), independent of the fingerprint.
     */
    @Test
    void trainingNeverContainsAnEvaluationPuzzleOrAnyShuffleOfOne() {
        SudokuTask task = (SudokuTask) factory().create(Map.of("box", "2x2", "train-puzzles", "25",
                "augmentations", "20", "eval-puzzles", "6", "seed", "4"));
        List<SudokuTransform> group = SymmetryGroup.all(BoxShape.TWO_BY_TWO);
        Set<String> evalClasses = new HashSet<>();
        for (Puzzle p : task.data().eval()) {
            evalClasses.add(SymmetryGroup.canonical(p.question(), p.answer(), group));
        }
        assertThat(task.data().excludedAsEvaluation()).as("the exclusion had work to do").isPositive();
        int total = (int) task.trainingExampleCount();
        Iterator<Batch> batches = task.trainingBatches(50, 0);
        for (int seen = 0; seen < total; ) {
            Batch batch = batches.next();
            for (int i = 0; i < batch.size(); i++, seen++) {
                byte[] question = SudokuEncoding.decode(batch.inputs(), i * 16, 16, 4);
                byte[] answer = SudokuEncoding.decode(batch.labels(), i * 16, 16, 4);
                assertThat(evalClasses).doesNotContain(SymmetryGroup.canonical(question, answer, group));
            }
        }
    }

    @Test
    void tooFewPuzzlesOutsideTheEvaluationClassesFailsWithAdvice() {
        assertThatThrownBy(() -> factory().create(Map.of("box", "2x2", "train-puzzles", "100", "eval-puzzles", "300")))
                .hasMessageContaining("training puzzles are distinct from the 300 evaluation puzzles after 2000 candidates")
                .hasMessageContaining("lower train-puzzles or eval-puzzles");
    }

    @Test
    void scorerCountsExactPuzzlesAndCellsByHand() {
        SudokuTask task = (SudokuTask) factory().create(Map.of("box", "2x2", "train-puzzles", "1",
                "augmentations", "0", "eval-puzzles", "4", "seed", "9"));
        Batch batch = task.evaluationBatches(4).next();
        int[] predicted = batch.labels().clone(); // the true answers
        List<Puzzle> eval = task.data().eval();
        int blankOfPuzzle1 = firstCell(eval.get(1).question(), true);
        int givenOfPuzzle2 = firstCell(eval.get(2).question(), false);
        predicted[16 + blankOfPuzzle1] = wrong(predicted[16 + blankOfPuzzle1]);
        predicted[32 + givenOfPuzzle2] = wrong(predicted[32 + givenOfPuzzle2]);
        for (int cell = 0; cell < 16; cell++) {
            predicted[48 + cell] = SudokuEncoding.PAD;
        }
        var scorer = task.newScorer();
        scorer.add(batch, predicted, new float[4]);
        var score = scorer.result();
        long blanks = eval.stream().mapToLong(p -> 16 - p.givens()).sum();
        long blanksOf3 = 16 - eval.get(3).givens();
        assertThat(score.counts()).containsEntry("puzzles", 4L).containsEntry("puzzles_solved", 1L)
                .containsEntry("cells", 64L).containsEntry("cells_correct", 64L - 2 - 16)
                .containsEntry("blank_cells", blanks).containsEntry("blank_cells_correct", blanks - 1 - blanksOf3)
                .containsEntry("eval_puzzles", 4L);
        assertThat(score.metrics()).containsEntry("exact_accuracy", 0.25)
                .containsEntry("cell_accuracy", 46.0 / 64)
                .containsEntry("blank_cell_accuracy", (blanks - 1 - blanksOf3) / (double) blanks);
        assertThatThrownBy(() -> scorer.add(batch, predicted, new float[4]))
                .hasMessage("evaluation puzzle 0 was scored twice");
        Batch foreign = new Batch(1, 16, new int[16], new int[16], new int[1], new long[] {4});
        assertThatThrownBy(() -> task.newScorer().add(foreign, new int[16], new float[1]))
                .hasMessage("example id 4 is not one of the 4 evaluation puzzles");
        assertThat(task.newScorer().result().metrics()).isEmpty();
    }

    private static int firstCell(byte[] question, boolean blank) {
        for (int cell = 0; cell < question.length; cell++) {
            if ((question[cell] == 0) == blank) {
                return cell;
            }
        }
        throw new AssertionError("no such cell");
    }

    private static int wrong(int token) {
        return token == 2 ? 3 : 2;
    }

    @Test
    void generatedPuzzlesHonourTheDifficultyOptions() {
        SudokuTask task = (SudokuTask) factory().create(Map.of("box", "3x3", "train-puzzles", "5",
                "eval-puzzles", "5", "min-rating", "3", "max-rating", "40"));
        for (Puzzle p : task.data().train()) {
            assertThat(p.rating()).isBetween(3L, 40L);
        }
        for (Puzzle p : task.data().eval()) {
            assertThat(p.rating()).isBetween(3L, 40L);
        }
    }

    @Test
    void maxBlanksGivesEasierUniquePuzzlesWithThatManyBlanks() {
        SudokuTask task = (SudokuTask) factory().create(Map.of("box", "3x3", "train-puzzles", "20",
                "eval-puzzles", "10", "max-blanks", "25"));
        Solver solver = new Solver(BoxShape.THREE_BY_THREE);
        for (Puzzle p : Stream.concat(task.data().train().stream(), task.data().eval().stream()).toList()) {
            assertThat(81 - p.givens()).isEqualTo(25);
            assertThat(solver.solve(p.question(), 2).solutions()).isEqualTo(1);
        }
    }

    @Test
    void maxBlanksIsRefusedForCsvSources(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("p.csv");
        Files.writeString(csv, "source,question,answer,rating\n");
        assertThatThrownBy(() -> factory().create(Map.of("source", csv.toString(), "max-blanks", "20")))
                .hasMessage("sudoku option 'max-blanks' applies to generated puzzles only; source is '" + csv + "'");
    }
}
