package io.recurbench.sudoku;

/**
 * The shape of a Sudoku box: {@code rows} × {@code cols} cells. The grid is {@code n × n} with
 * {@code n = rows * cols}; it has {@code cols} bands of {@code rows} rows each and {@code rows} stacks of
 * {@code cols} columns each, and every row, column and box holds each digit {@code 1..n} once.
 *
 * <p>Cells are numbered row-major, {@code cell = row * n + col}. Digits are limited to 1–9 because a
 * cell is one character in the CSV layout and one token in TRM's vocabulary of 11.
 *
 * @param rows rows per box (2×3 means boxes of 2 rows and 3 columns, the usual 6×6 Sudoku)
 * @param cols columns per box
 */
public record BoxShape(int rows, int cols) {

    /** Boxes of 2×2: a 4×4 grid. */
    public static final BoxShape TWO_BY_TWO = new BoxShape(2, 2);
    /** Boxes of 2×3: a 6×6 grid. */
    public static final BoxShape TWO_BY_THREE = new BoxShape(2, 3);
    /** Boxes of 3×3: the classic 9×9 grid (Sudoku-Extreme). */
    public static final BoxShape THREE_BY_THREE = new BoxShape(3, 3);

    public BoxShape {
        if (rows < 2 || cols < 2 || rows * cols > 9) {
            throw new IllegalArgumentException("box shape " + rows + "x" + cols
                    + ": expected rows, cols >= 2 and rows * cols <= 9 (digits are single characters 1-9)");
        }
    }

    /**
     * Parses {@code "2x3"} (also {@code "2×3"}).
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static BoxShape parse(String text) {
        String[] parts = text.trim().split("[x×X]");
        if (parts.length != 2) {
            throw new IllegalArgumentException("box shape '" + text + "': expected ROWSxCOLS, e.g. 2x3 or 3x3");
        }
        try {
            return new BoxShape(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("box shape '" + text + "': expected ROWSxCOLS, e.g. 2x3 or 3x3");
        }
    }

    /** Side of the grid {@code n}: digits per row, column and box. */
    public int size() {
        return rows * cols;
    }

    /** Cells in the grid, {@code size()²}. */
    public int cellCount() {
        return size() * size();
    }

    /** Bit mask with one bit per digit: bit {@code d - 1} stands for digit {@code d}. */
    public int fullMask() {
        return (1 << size()) - 1;
    }

    /** Whether the box is square, so that transposing the grid keeps the box shape. */
    public boolean isSquare() {
        return rows == cols;
    }

    /** Index of the box holding cell ({@code row}, {@code col}), row-major over boxes. */
    public int boxOf(int row, int col) {
        return (row / rows) * rows + col / cols;
    }

    /** The shape of the transposed grid: boxes of {@code cols × rows}. */
    public BoxShape transposed() {
        return new BoxShape(cols, rows);
    }

    @Override
    public String toString() {
        return rows + "x" + cols;
    }
}
