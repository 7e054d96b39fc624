package io.recurbench.sudoku;

/**
 * TRM's Sudoku tokens ({@code dataset/build_sudoku_dataset.py}: cell values 0–9 shifted by one, vocabulary 11):
 * PAD is 0, a blank cell is 1, digit {@code d} is {@code d + 1} (2–10). One token per cell, row-major, no
 * separators. Smaller grids use the same scheme, so tokens above {@code n + 1} simply never occur.
 */
public final class SudokuEncoding {

    /** Padding; never produced for a Sudoku cell. */
    public static final int PAD = 0;
    /** A blank cell of the question. */
    public static final int BLANK = 1;
    /** PAD, blank and nine digits. */
    public static final int VOCABULARY_SIZE = 11;

    private SudokuEncoding() {
    }

    /** The token of a cell value (0 = blank, else a digit). */
    public static int token(int cellValue) {
        return cellValue + 1;
    }

    /** Writes the tokens of {@code grid} into {@code out[offset .. offset + grid.length)}. */
    public static void encode(byte[] grid, int[] out, int offset) {
        for (int i = 0; i < grid.length; i++) {
            out[offset + i] = grid[i] + 1;
        }
    }

    /** The digit a token stands for, or 0 if it is PAD, blank or out of range for box size {@code n}. */
    public static int digit(int token, int n) {
        int digit = token - 1;
        return digit >= 1 && digit <= n ? digit : 0;
    }

    /** Decodes {@code length} tokens back into a grid: blank or invalid tokens become 0. */
    public static byte[] decode(int[] tokens, int offset, int length, int n) {
        byte[] grid = new byte[length];
        for (int i = 0; i < length; i++) {
            grid[i] = (byte) digit(tokens[offset + i], n);
        }
        return grid;
    }
}
