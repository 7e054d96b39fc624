package io.recurbench.sudoku;

/**
 * The rules of Sudoku on raw grids: {@code byte[n*n]}, row-major, 0 for a blank cell, else a digit {@code 1..n}.
 * Each check returns {@code null} when the grid passes, or a short reason a person can act on.
 */
public final class SudokuRules {

    private SudokuRules() {
    }

    /**
     * Checks that {@code answer} is a complete, valid grid: every cell a digit {@code 1..n}, each digit once per
     * row, column and box.
     *
     * @return {@code null} if valid, else the first violation, e.g. {@code "digit 5 twice in row 3"}
     */
    public static String solutionViolation(BoxShape shape, byte[] answer) {
        int n = shape.size();
        if (answer.length != shape.cellCount()) {
            return "answer has " + answer.length + " cells, expected " + shape.cellCount();
        }
        for (int i = 0; i < answer.length; i++) {
            if (answer[i] < 1 || answer[i] > n) {
                return "answer cell " + (i + 1) + " is " + answer[i] + ", expected a digit 1-" + n;
            }
        }
        return repeatedDigit(shape, answer);
    }

    /**
     * Checks that a (possibly partial) grid repeats no digit in a row, column or box and holds only
     * blanks and digits {@code 1..n}.
     *
     * @return {@code null} if consistent, else the first violation
     */
    public static String partialViolation(BoxShape shape, byte[] grid) {
        int n = shape.size();
        if (grid.length != shape.cellCount()) {
            return "grid has " + grid.length + " cells, expected " + shape.cellCount();
        }
        for (int i = 0; i < grid.length; i++) {
            if (grid[i] < 0 || grid[i] > n) {
                return "cell " + (i + 1) + " is " + grid[i] + ", expected blank or a digit 1-" + n;
            }
        }
        return repeatedDigit(shape, grid);
    }

    /**
     * Checks that every given of {@code question} equals the same cell of {@code answer}.
     *
     * @return {@code null} if consistent, else the first disagreeing cell
     */
    public static String consistencyViolation(byte[] question, byte[] answer) {
        if (question.length != answer.length) {
            return "question has " + question.length + " cells but answer has " + answer.length;
        }
        for (int i = 0; i < question.length; i++) {
            if (question[i] != 0 && question[i] != answer[i]) {
                return "cell " + (i + 1) + " is " + question[i] + " in the question but " + answer[i] + " in the answer";
            }
        }
        return null;
    }

    /** Whether {@code answer} solves {@code question}: a valid complete grid that keeps every given. */
    public static boolean solves(BoxShape shape, byte[] question, byte[] answer) {
        return solutionViolation(shape, answer) == null && consistencyViolation(question, answer) == null;
    }

    private static String repeatedDigit(BoxShape shape, byte[] grid) {
        int n = shape.size();
        int[] rows = new int[n];
        int[] cols = new int[n];
        int[] boxes = new int[n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                int digit = grid[r * n + c];
                if (digit == 0) {
                    continue;
                }
                int bit = 1 << (digit - 1);
                int b = shape.boxOf(r, c);
                if ((rows[r] & bit) != 0) {
                    return "digit " + digit + " twice in row " + (r + 1);
                }
                if ((cols[c] & bit) != 0) {
                    return "digit " + digit + " twice in column " + (c + 1);
                }
                if ((boxes[b] & bit) != 0) {
                    return "digit " + digit + " twice in box " + (b + 1);
                }
                rows[r] |= bit;
                cols[c] |= bit;
                boxes[b] |= bit;
            }
        }
        return null;
    }
}
