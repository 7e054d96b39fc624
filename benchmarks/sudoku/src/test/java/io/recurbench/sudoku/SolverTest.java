package io.recurbench.sudoku;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SolverTest {

    /** Project Euler 96, grid 01 (a classic puzzle with one solution). */
    static final String EULER_QUESTION =
            "003020600900305001001806400008102900700000008006708200002609500800203009005010300";
    static final String EULER_ANSWER =
            "483921657967345821251876493548132976729564138136798245372689514814253769695417382";

    static byte[] grid(String digits) {
        byte[] grid = new byte[digits.length()];
        for (int i = 0; i < grid.length; i++) {
            char ch = digits.charAt(i);
            grid[i] = (byte) (ch == '.' ? 0 : ch - '0');
        }
        return grid;
    }

    @Test
    void solvesAKnownPuzzleUniquely() {
        SolveResult result = new Solver(BoxShape.THREE_BY_THREE).solve(grid(EULER_QUESTION), 2);
        assertThat(result.solutions()).isEqualTo(1);
        assertThat(result.firstSolution()).isEqualTo(grid(EULER_ANSWER));
        assertThat(SudokuRules.solves(BoxShape.THREE_BY_THREE, grid(EULER_QUESTION), result.firstSolution())).isTrue();
    }

    @Test
    void emptyGridHasManySolutionsAndBrokenGivensNone() {
        Solver solver = new Solver(BoxShape.TWO_BY_THREE);
        assertThat(solver.solve(new byte[36], 2).solutions()).isEqualTo(2);
        byte[] broken = new byte[36];
        broken[0] = 4;
        broken[5] = 4; // same row
        assertThat(solver.solve(broken, 2).solutions()).isZero();
    }

    @Test
    void allFourByFourGridsAreCounted() {
        // There are exactly 288 completed 4x4 Sudoku grids (a closed-form fact); both solvers must agree.
        SolveResult result = new Solver(BoxShape.TWO_BY_TWO).solve(new byte[16], 1000);
        assertThat(result.solutions()).isEqualTo(288);
        assertThat(BruteForce.countSolutions(BoxShape.TWO_BY_TWO, new byte[16], 1000)).isEqualTo(288);
    }

    @Test
    void countsAgreeWithBruteForceOnRandomPartialGrids() {
        SplittableRandom random = new SplittableRandom(7);
        for (BoxShape shape : new BoxShape[] {BoxShape.TWO_BY_TWO, BoxShape.TWO_BY_THREE}) {
            Solver solver = new Solver(shape);
            for (int trial = 0; trial < 300; trial++) {
                byte[] full = solver.fillRandom(random);
                assertThat(SudokuRules.solutionViolation(shape, full)).isNull();
                byte[] puzzle = full.clone();
                int keep = 2 + random.nextInt(shape.cellCount() / 2);
                for (int cell : Generator.permutation(puzzle.length, random)) {
                    if (keep-- <= 0) {
                        puzzle[cell] = 0;
                    }
                }
                int expected = BruteForce.countSolutions(shape, puzzle, 3);
                assertThat(solver.solve(puzzle, 3).solutions()).as("%s trial %d", shape, trial).isEqualTo(expected);
            }
        }
    }

    @Test
    void countersMeasureGuessesAndDeadEnds() {
        Solver solver = new Solver(BoxShape.THREE_BY_THREE);
        SolveResult full = solver.solve(grid(EULER_ANSWER), 2);
        assertThat(full.nodes()).isZero();
        assertThat(full.backtracks()).isZero();

        byte[] oneBlank = grid(EULER_ANSWER);
        oneBlank[40] = 0;
        SolveResult single = solver.solve(oneBlank, 2);
        assertThat(single.nodes()).isEqualTo(1);
        assertThat(single.backtracks()).isZero();

        // Row 1 lacks 3 and 4 in its last two cells, but column 3 and the top-right box already hold 3:
        // whichever cell takes the 4 leaves the other without a candidate.
        byte[] deadEnd = grid("12.." + "...3" + "..3." + "....");
        SolveResult none = new Solver(BoxShape.TWO_BY_TWO).solve(deadEnd, 2);
        assertThat(none.solutions()).isZero();
        assertThat(none.backtracks()).isPositive();
        assertThat(BruteForce.countSolutions(BoxShape.TWO_BY_TWO, deadEnd, 2)).isZero();
    }
}
