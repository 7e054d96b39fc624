package io.recurbench.arc;

import java.util.Arrays;

/**
 * An ARC grid: {@code rows × cols} cells (each 1–30), row-major, colours 0–9.
 *
 * <p>Equality and hashing are by content, so grids can key the vote tallies of the scorer. The
 * cell array is copied on the way in and never exposed, which keeps a grid immutable. (A class,
 * not a record, because the hot paths build grids from freshly computed arrays without a copy.)
 */
public final class Grid {

    /** Largest side of an ARC grid (and of TRM's canvas). */
    public static final int MAX_SIDE = 30;
    /** Number of ARC colours (0 = black ... 9). */
    public static final int COLOURS = 10;

    private final int rows;
    private final int cols;
    private final byte[] cells;

    /** Validates and copies {@code cells} (row-major colours). */
    public Grid(int rows, int cols, byte[] cells) {
        if (rows < 1 || rows > MAX_SIDE || cols < 1 || cols > MAX_SIDE) {
            throw new IllegalArgumentException("grid shape " + rows + "x" + cols + " is outside 1-30 x 1-30");
        }
        if (cells.length != rows * cols) {
            throw new IllegalArgumentException("grid " + rows + "x" + cols + " needs " + rows * cols + " cells, got " + cells.length);
        }
        byte[] copy = cells.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0 || copy[i] >= COLOURS) {
                throw new IllegalArgumentException("grid cell (" + i / cols + "," + i % cols + ") has colour " + copy[i] + ", expected 0-9");
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.cells = copy;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of cells. */
    public int size() {
        return cells.length;
    }

    /** Builds a grid from nested rows, e.g. {@code Grid.of(new int[][] {{1, 2}, {3, 4}})}. */
    public static Grid of(int[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        byte[] cells = new byte[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " cells, row 0 has " + cols);
            }
            for (int c = 0; c < cols; c++) {
                cells[r * cols + c] = (byte) rows[r][c];
            }
        }
        return new Grid(rows.length, cols, cells);
    }

    /** The colour at row {@code r}, column {@code c}. */
    public int at(int r, int c) {
        return cells[r * cols + c];
    }

    /** A copy of the cells, row-major. */
    public byte[] cells() {
        return cells.clone();
    }

    /** The grid as nested int rows (the JSON shape of ARC files). */
    public int[][] toRows() {
        int[][] out = new int[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = cells[r * cols + c];
            }
        }
        return out;
    }

    /** Package-private view of the cells without copying, for hot loops that only read. */
    byte[] cellsUnsafe() {
        return cells;
    }

    /** Wraps cells without copying or re-validating; callers guarantee shape and colours. */
    static Grid trusted(int rows, int cols, byte[] cells) {
        return new Grid(rows, cols, cells, true);
    }

    @SuppressWarnings("unused") // the flag only selects this constructor
    private Grid(int rows, int cols, byte[] cells, boolean trusted) {
        this.rows = rows;
        this.cols = cols;
        this.cells = cells;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && g.rows == rows && g.cols == cols && Arrays.equals(g.cells, cells);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(cells);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Grid[").append(rows).append('x').append(cols).append(':');
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "" : "|");
            for (int c = 0; c < cols; c++) {
                sb.append(cells[r * cols + c]);
            }
        }
        return sb.append(']').toString();
    }
}
