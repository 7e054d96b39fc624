package io.recurbench.sudoku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GeneratorTest {

    @Test
    void smallPuzzlesAreUniqueByBruteForceAndMinimal() {
        for (BoxShape shape : new BoxShape[] {BoxShape.TWO_BY_TWO, BoxShape.TWO_BY_THREE}) {
            Generator generator = new Generator(shape, 11, DifficultyRange.ANY);
            for (int i = 0; i < 40; i++) {
                Puzzle puzzle = generator.generate(i);
                assertThat(SudokuRules.solves(shape, puzzle.question(), puzzle.answer())).isTrue();
                assertThat(BruteForce.countSolutions(shape, puzzle.question(), 2)).as("%s #%d", shape, i).isEqualTo(1);
                // Minimal: removing any given leaves more than one solution.
                for (int cell = 0; cell < puzzle.question().length; cell++) {
                    if (puzzle.question()[cell] != 0) {
                        byte[] fewer = puzzle.question().clone();
                        fewer[cell] = 0;
                        assertThat(BruteForce.countSolutions(shape, fewer, 2)).isEqualTo(2);
                    }
                }
            }
        }
    }

    @Test
    void nineByNinePuzzlesAreUniqueAndSolved() {
        Generator generator = new Generator(BoxShape.THREE_BY_THREE, 3, DifficultyRange.ANY);
        Solver solver = new Solver(BoxShape.THREE_BY_THREE);
        for (int i = 0; i < 30; i++) {
            Puzzle puzzle = generator.generate(i);
            SolveResult result = solver.solve(puzzle.question(), 2);
            assertThat(result.solutions()).isEqualTo(1);
            assertThat(result.firstSolution()).isEqualTo(puzzle.answer());
            assertThat(puzzle.rating()).isEqualTo(result.backtracks());
            assertThat(puzzle.givens()).isBetween(17, 40);
        }
    }

    @Test
    void deterministicPerSeedAndIndexAndSeedsDiffer() {
        Generator a = new Generator(BoxShape.TWO_BY_THREE, 5, DifficultyRange.ANY);
        Generator b = new Generator(BoxShape.TWO_BY_THREE, 5, DifficultyRange.ANY);
        Generator other = new Generator(BoxShape.TWO_BY_THREE, 6, DifficultyRange.ANY);
        assertThat(a.generate(3)).isEqualTo(b.generate(3));
        assertThat(b.generate(2)).isEqualTo(a.generate(2)); // order of calls does not matter
        assertThat(a.generate(3).question()).isNotEqualTo(other.generate(3).question());
    }

    @Test
    void bothUniquenessChecksMakeTheSamePuzzles() {
        for (BoxShape shape : new BoxShape[] {BoxShape.TWO_BY_THREE, BoxShape.THREE_BY_THREE}) {
            Generator fast = new Generator(shape, 9, DifficultyRange.ANY, Generator.UniquenessCheck.ALTERNATIVE_DIGITS, 10);
            Generator direct = new Generator(shape, 9, DifficultyRange.ANY, Generator.UniquenessCheck.COUNT_SOLUTIONS, 10);
            for (int i = 0; i < 10; i++) {
                assertThat(fast.generate(i)).isEqualTo(direct.generate(i));
            }
        }
    }

    @Test
    void difficultyFilterKeepsOnlyRatingsInRange() {
        DifficultyRange hard = new DifficultyRange(1, Long.MAX_VALUE);
        Generator generator = new Generator(BoxShape.THREE_BY_THREE, 21, hard);
        for (int i = 0; i < 10; i++) {
            assertThat(generator.generate(i).rating()).isPositive();
        }
        DifficultyRange easy = new DifficultyRange(0, 0);
        Generator easyGenerator = new Generator(BoxShape.THREE_BY_THREE, 21, easy);
        for (int i = 0; i < 10; i++) {
            assertThat(easyGenerator.generate(i).rating()).isZero();
        }
    }

    @Test
    void unreachableDifficultyFailsWithTheRangeAndRatingsSeen() {
        Generator generator = new Generator(BoxShape.TWO_BY_TWO, 1, new DifficultyRange(1000, 2000),
                Generator.UniquenessCheck.ALTERNATIVE_DIGITS, 20);
        assertThatThrownBy(() -> generator.generate(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2x2")
                .hasMessageContaining("[1000, 2000]")
                .hasMessageContaining("after 20 attempts");
    }

    @Test
    void blankLimitStopsRemovalsOnTheMinimalPuzzlesPath() {
        Generator minimal = new Generator(BoxShape.TWO_BY_THREE, 13, DifficultyRange.ANY);
        for (int limit : new int[] {1, 8, 15}) {
            Generator limited = new Generator(BoxShape.TWO_BY_THREE, 13, DifficultyRange.ANY, limit);
            for (int i = 0; i < 20; i++) {
                Puzzle easy = limited.generate(i);
                Puzzle hard = minimal.generate(i);
                assertThat(easy.answer()).isEqualTo(hard.answer());
                assertThat(36 - easy.givens()).isEqualTo(Math.min(limit, 36 - hard.givens()));
                assertThat(BruteForce.countSolutions(BoxShape.TWO_BY_THREE, easy.question(), 2)).isEqualTo(1);
                // Same removal order: every blank of the easier puzzle is a blank of the minimal one.
                for (int cell = 0; cell < 36; cell++) {
                    if (easy.question()[cell] == 0) {
                        assertThat(hard.question()[cell]).as("cell %d of #%d", cell, i).isZero();
                    }
                }
            }
        }
        assertThatThrownBy(() -> new Generator(BoxShape.TWO_BY_TWO, 1, DifficultyRange.ANY, 0))
                .hasMessage("maxBlanks 0: expected >= 1");
    }
}
