package io.recurbench.sudoku;

/**
 * An independent oracle for tests: fills blanks in row-major order, trying every digit and checking the
 * rules by scanning the row, column and box each time. No bit masks, no cell ordering heuristics.
 */
final class BruteForce {

    private BruteForce() {
    }

    /** Number of solutions of {@code puzzle}, counting at most {@code cap}. */
    static int countSolutions(BoxShape shape, byte[] puzzle, int cap) {
        if (SudokuRules.partialViolation(shape, puzzle) != null) {
            return 0;
        }
        return count(shape, puzzle.clone(), 0, cap);
    }

    private static int count(BoxShape shape, byte[] grid, int from, int cap) {
        int cell = from;
        while (cell < grid.length && grid[cell] != 0) {
            cell++;
        }
        if (cell == grid.length) {
            return 1;
        }
        int total = 0;
        for (int digit = 1; digit <= shape.size() && total < cap; digit++) {
            if (fits(shape, grid, cell, digit)) {
                grid[cell] = (byte) digit;
                total += count(shape, grid, cell + 1, cap - total);
                grid[cell] = 0;
            }
        }
        return total;
    }

    private static boolean fits(BoxShape shape, byte[] grid, int cell, int digit) {
        int n = shape.size();
        int row = cell / n;
        int col = cell % n;
        for (int other = 0; other < grid.length; other++) {
            if (grid[other] != digit) {
                continue;
            }
            int r = other / n;
            int c = other % n;
            if (r == row || c == col || shape.boxOf(r, c) == shape.boxOf(row, col)) {
                return false;
            }
        }
        return true;
    }
}
