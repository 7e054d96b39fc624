package io.recurbench.sudoku;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One symmetry of the Sudoku grid: output cell ({@code r}, {@code c}) takes the digit {@code digitMap[d]}, where
 * {@code d} is input cell ({@code rowOrder[r]}, {@code colOrder[c]}) of the input, transposed first if
 * {@code transpose}. Row orders only move rows within bands and bands as wholes (likewise columns), so a valid
 * grid stays valid and a puzzle keeps exactly its number of solutions. The same transform applied to a question
 * and its answer gives a consistent pair.
 *
 * @param shape     the box shape (kept: transpose is only allowed for square boxes)
 * @param digitMap  {@code [n+1]}, a permutation of {@code 1..n} at indices {@code 1..n}, {@code digitMap[0] = 0}
 * @param transpose whether the input is transposed first
 * @param rowOrder  {@code [n]}, which input row each output row takes
 * @param colOrder  {@code [n]}, which input column each output column takes
 */
public record SudokuTransform(BoxShape shape, byte[] digitMap, boolean transpose, int[] rowOrder, int[] colOrder) {

    public SudokuTransform {
        Objects.requireNonNull(shape, "shape");
        int n = shape.size();
        if (transpose && !shape.isSquare()) {
            throw new IllegalArgumentException("transpose with box " + shape + " would change the box shape to "
                    + shape.transposed());
        }
        if (digitMap.length != n + 1 || digitMap[0] != 0 || !isPermutation(digitMap, 1, n)) {
            throw new IllegalArgumentException("digit map " + Arrays.toString(digitMap) + ": expected 0 then a permutation of 1-" + n);
        }
        checkOrder("row order", rowOrder, n, shape.rows());
        checkOrder("column order", colOrder, n, shape.cols());
        digitMap = digitMap.clone();
        rowOrder = rowOrder.clone();
        colOrder = colOrder.clone();
    }

    /** The transform that changes nothing. */
    public static SudokuTransform identity(BoxShape shape) {
        int n = shape.size();
        byte[] digits = new byte[n + 1];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            digits[i + 1] = (byte) (i + 1);
            order[i] = i;
        }
        return new SudokuTransform(shape, digits, false, order, order);
    }

    /** A random transform using only the given kinds of symmetry (each kind uniformly random). */
    public static SudokuTransform random(BoxShape shape, Set<Augmentation> kinds, SplittableRandom random) {
        int n = shape.size();
        int[] digitOrder = kinds.contains(Augmentation.DIGITS) ? Generator.permutation(n, random) : identity(n);
        byte[] digits = new byte[n + 1];
        for (int i = 0; i < n; i++) {
            digits[i + 1] = (byte) (digitOrder[i] + 1);
        }
        boolean transpose = kinds.contains(Augmentation.TRANSPOSE) && random.nextBoolean();
        if (transpose && !shape.isSquare()) {
            throw new IllegalArgumentException("augmentation 'transpose' is not applicable to box " + shape);
        }
        int[] rows = lineOrder(n, shape.rows(), kinds, random);
        int[] cols = lineOrder(n, shape.cols(), kinds, random);
        return new SudokuTransform(shape, digits, transpose, rows, cols);
    }

    /** Lines grouped in blocks of {@code blockSize}: the blocks permuted, then the lines inside each block. */
    private static int[] lineOrder(int n, int blockSize, Set<Augmentation> kinds, SplittableRandom random) {
        int blocks = n / blockSize;
        int[] blockOrder = kinds.contains(Augmentation.BANDS_AND_STACKS)
                ? Generator.permutation(blocks, random) : identity(blocks);
        int[] order = new int[n];
        for (int b = 0; b < blocks; b++) {
            int[] inner = kinds.contains(Augmentation.ROWS_AND_COLUMNS)
                    ? Generator.permutation(blockSize, random) : identity(blockSize);
            for (int k = 0; k < blockSize; k++) {
                order[b * blockSize + k] = blockOrder[b] * blockSize + inner[k];
            }
        }
        return order;
    }

    private static int[] identity(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        return order;
    }

    /** The transformed grid ({@code byte[n*n]}, 0 stays blank). */
    public byte[] apply(byte[] grid) {
        int n = shape.size();
        if (grid.length != shape.cellCount()) {
            throw new IllegalArgumentException("grid has " + grid.length + " cells, expected " + shape.cellCount());
        }
        byte[] out = new byte[grid.length];
        for (int r = 0; r < n; r++) {
            int inRow = rowOrder[r];
            for (int c = 0; c < n; c++) {
                int inCol = colOrder[c];
                int source = transpose ? inCol * n + inRow : inRow * n + inCol;
                out[r * n + c] = digitMap[grid[source]];
            }
        }
        return out;
    }

    /** The transformed puzzle: question and answer mapped alike, source and rating kept. */
    public Puzzle apply(Puzzle puzzle) {
        if (!puzzle.shape().equals(shape)) {
            throw new IllegalArgumentException("puzzle has box " + puzzle.shape() + ", transform is for box " + shape);
        }
        return new Puzzle(shape, apply(puzzle.question()), apply(puzzle.answer()), puzzle.source(), puzzle.rating());
    }

    private static boolean isPermutation(byte[] values, int from, int n) {
        boolean[] seen = new boolean[n + 1];
        for (int i = from; i < from + n; i++) {
            int v = values[i];
            if (v < 1 || v > n || seen[v]) {
                return false;
            }
            seen[v] = true;
        }
        return true;
    }

    /** An order is valid if it keeps every block of {@code blockSize} lines together as a block. */
    private static void checkOrder(String what, int[] order, int n, int blockSize) {
        boolean[] seen = new boolean[n];
        boolean valid = order.length == n;
        for (int i = 0; valid && i < n; i++) {
            int line = order[i];
            valid = line >= 0 && line < n && !seen[line]
                    && line / blockSize == order[i - i % blockSize] / blockSize;
            if (valid) {
                seen[line] = true;
            }
        }
        if (!valid) {
            throw new IllegalArgumentException(what + " " + Arrays.toString(order) + ": expected a permutation of 0-"
                    + (n - 1) + " that moves blocks of " + blockSize + " lines as wholes");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SudokuTransform t && shape.equals(t.shape) && transpose == t.transpose
                && Arrays.equals(digitMap, t.digitMap) && Arrays.equals(rowOrder, t.rowOrder)
                && Arrays.equals(colOrder, t.colOrder);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shape, transpose, Arrays.hashCode(digitMap), Arrays.hashCode(rowOrder), Arrays.hashCode(colOrder));
    }

    @Override
    public String toString() {
        return "SudokuTransform[" + shape + ", digits " + Arrays.toString(digitMap) + ", transpose " + transpose
                + ", rows " + Arrays.toString(rowOrder) + ", cols " + Arrays.toString(colOrder) + "]";
    }
}
