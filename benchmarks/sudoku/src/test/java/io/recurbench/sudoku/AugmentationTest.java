package io.recurbench.sudoku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    private static final BoxShape[] SHAPES = {BoxShape.TWO_BY_TWO, BoxShape.TWO_BY_THREE, BoxShape.THREE_BY_THREE};

    @Test
    void everyAugmentedPairIsAValidConsistentUniqueSudoku() {
        SplittableRandom random = new SplittableRandom(42);
        for (BoxShape shape : SHAPES) {
            Generator generator = new Generator(shape, 8, DifficultyRange.ANY);
            Solver solver = new Solver(shape);
            Set<Augmentation> kinds = Augmentation.applicableTo(shape);
            for (int i = 0; i < 15; i++) {
                Puzzle puzzle = generator.generate(i);
                for (int view = 0; view < 40; view++) {
                    Puzzle shuffled = SudokuTransform.random(shape, kinds, random).apply(puzzle);
                    assertThat(SudokuRules.solutionViolation(shape, shuffled.answer())).isNull();
                    assertThat(SudokuRules.consistencyViolation(shuffled.question(), shuffled.answer())).isNull();
                    assertThat(shuffled.givens()).isEqualTo(puzzle.givens());
                    SolveResult solved = solver.solve(shuffled.question(), 2);
                    assertThat(solved.solutions()).isEqualTo(1);
                    assertThat(solved.firstSolution()).isEqualTo(shuffled.answer());
                }
            }
        }
    }

    @Test
    void eachKindAloneDoesOnlyItsJob() {
        BoxShape shape = BoxShape.THREE_BY_THREE;
        byte[] question = SolverTest.grid(SolverTest.EULER_QUESTION);
        SplittableRandom random = new SplittableRandom(1);

        SudokuTransform digits = SudokuTransform.random(shape, EnumSet.of(Augmentation.DIGITS), random);
        byte[] relabeled = digits.apply(question);
        for (int i = 0; i < question.length; i++) {
            assertThat(relabeled[i] == 0).isEqualTo(question[i] == 0);
            assertThat(relabeled[i]).isEqualTo(digits.digitMap()[question[i]]);
        }

        SudokuTransform bands = SudokuTransform.random(shape, EnumSet.of(Augmentation.BANDS_AND_STACKS), random);
        for (int r = 0; r < 9; r++) {
            assertThat(bands.rowOrder()[r] % 3).isEqualTo(r % 3); // whole bands move, their rows keep their order
            assertThat(bands.colOrder()[r] % 3).isEqualTo(r % 3);
        }

        SudokuTransform rows = SudokuTransform.random(shape, EnumSet.of(Augmentation.ROWS_AND_COLUMNS), random);
        for (int r = 0; r < 9; r++) {
            assertThat(rows.rowOrder()[r] / 3).isEqualTo(r / 3); // rows stay in their band
            assertThat(rows.colOrder()[r] / 3).isEqualTo(r / 3);
        }

        SudokuTransform identity = SudokuTransform.identity(shape);
        SudokuTransform transpose = new SudokuTransform(shape, identity.digitMap(), true, identity.rowOrder(),
                identity.colOrder());
        byte[] flipped = transpose.apply(question);
        for (int r = 0; r < 9; r++) {
            for (int c = 0; c < 9; c++) {
                assertThat(flipped[r * 9 + c]).isEqualTo(question[c * 9 + r]);
            }
        }
        assertThat(identity.apply(question)).isEqualTo(question);
    }

    @Test
    void allKindsTogetherReachManyDistinctViews() {
        Puzzle puzzle = new Generator(BoxShape.THREE_BY_THREE, 4, DifficultyRange.ANY).generate(0);
        SplittableRandom random = new SplittableRandom(3);
        Set<String> views = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            views.add(SudokuCsv.formatGrid(SudokuTransform.random(puzzle.shape(),
                    Augmentation.applicableTo(puzzle.shape()), random).apply(puzzle.question())));
        }
        assertThat(views).hasSizeGreaterThan(295);
    }

    @Test
    void transposeIsExcludedForNonSquareBoxesWithAReason() {
        assertThat(Augmentation.applicableTo(BoxShape.TWO_BY_THREE)).doesNotContain(Augmentation.TRANSPOSE);
        assertThat(Augmentation.parse("all", BoxShape.TWO_BY_THREE)).doesNotContain(Augmentation.TRANSPOSE);
        assertThat(Augmentation.parse("all", BoxShape.THREE_BY_THREE)).contains(Augmentation.TRANSPOSE);
        assertThatThrownBy(() -> Augmentation.parse("digits,transpose", BoxShape.TWO_BY_THREE))
                .hasMessageContaining("turns 2x3 boxes into 3x2 boxes");
        SudokuTransform identity = SudokuTransform.identity(BoxShape.TWO_BY_THREE);
        assertThatThrownBy(() -> new SudokuTransform(BoxShape.TWO_BY_THREE, identity.digitMap(), true,
                identity.rowOrder(), identity.colOrder()))
                .hasMessageContaining("change the box shape to 3x2");
    }

    @Test
    void parsesNamesAndRejectsUnknownOnes() {
        assertThat(Augmentation.parse("digits, rows-and-columns", BoxShape.TWO_BY_TWO))
                .containsExactly(Augmentation.DIGITS, Augmentation.ROWS_AND_COLUMNS);
        assertThat(Augmentation.parse("none", BoxShape.TWO_BY_TWO)).isEmpty();
        assertThatThrownBy(() -> Augmentation.parse("digits,rotate", BoxShape.TWO_BY_TWO))
                .hasMessageStartingWith("augmentation 'rotate': expected all, none or a list of");
    }

    @Test
    void rejectsOrdersThatBreakBands() {
        SudokuTransform identity = SudokuTransform.identity(BoxShape.THREE_BY_THREE);
        int[] mixed = {0, 1, 3, 2, 4, 5, 6, 7, 8}; // rows 2 and 3 swap across a band border
        assertThatThrownBy(() -> new SudokuTransform(BoxShape.THREE_BY_THREE, identity.digitMap(), false, mixed,
                identity.colOrder()))
                .hasMessageContaining("row order [0, 1, 3, 2, 4, 5, 6, 7, 8]");
    }
}
