package io.recurbench.sudoku;

/**
 * What one run of the {@link Solver} found.
 *
 * @param solutions       solutions found, capped at the limit the solver was asked for
 * @param firstSolution   the first solution found, or {@code null} if there is none
 * @param nodes           cell assignments tried before the first solution (all of them if none was found)
 * @param backtracks      dead ends (a blank cell without candidates) met before the first solution, or in
 *                        the whole search if none was found; the difficulty rating of a puzzle
 */
public record SolveResult(int solutions, byte[] firstSolution, long nodes, long backtracks) {

    /** Whether the puzzle has exactly one solution (meaningful when the solver was asked to count up to 2). */
    public boolean isUnique() {
        return solutions == 1;
    }
}
