package io.recurbench.sudoku;

import java.util.Arrays;

/**
 * A 64-bit hash of a puzzle that is invariant under every {@link Augmentation} of its box shape: equivalent
 * puzzles (one is a digit relabeling, band/stack and row/column permutation, or transpose of the other) always
 * get the same fingerprint. Used to keep evaluation puzzles, and every shuffle of them, out of training.
 *
 * <p>It is a colour refinement (Weisfeiler–Leman) over the cells: a cell starts coloured by whether it is a
 * given; each round a cell's new colour hashes its colour with the multisets of colours of its row-mates,
 * column-mates, box-mates and of the cells holding the same answer digit, each relation kept apart. Multisets
 * are hashed as sums of mixed hashes, so a round costs {@code O(n²)}. The symmetries map rows to rows, columns
 * to columns, boxes to boxes and equal digits to equal digits, so they preserve every colour. For square boxes,
 * where transpose swaps rows and columns, row-mates and column-mates form one relation ("line-mates").
 *
 * <p>Different puzzles can share a fingerprint (refinement is not a complete invariant, and hashes collide), so
 * excluding by fingerprint may drop a few puzzles that are not equivalent; it never lets an equivalent one through.
 */
public final class Fingerprint {

    private static final int ROUNDS = 4;

    private Fingerprint() {
    }

    /** The fingerprint of a puzzle (its givens and its answer). */
    public static long of(Puzzle puzzle) {
        return of(puzzle.shape(), puzzle.question(), puzzle.answer());
    }

    /** The fingerprint of question and answer grids of box {@code shape}. */
    public static long of(BoxShape shape, byte[] question, byte[] answer) {
        int n = shape.size();
        int cells = shape.cellCount();
        boolean linesTogether = shape.isSquare();
        int[] rowOf = new int[cells];
        int[] colOf = new int[cells];
        int[] boxOf = new int[cells];
        long[] colour = new long[cells];
        for (int cell = 0; cell < cells; cell++) {
            rowOf[cell] = cell / n;
            colOf[cell] = cell % n;
            boxOf[cell] = shape.boxOf(cell / n, cell % n);
            colour[cell] = question[cell] != 0 ? 0x517CC1B727220A95L : 0x2545F4914F6CDD1DL;
        }
        long[] hashed = new long[cells];
        long[] rowSum = new long[n];
        long[] colSum = new long[n];
        long[] boxSum = new long[n];
        long[] digitSum = new long[n + 1];
        for (int round = 0; round < ROUNDS; round++) {
            Arrays.fill(rowSum, 0);
            Arrays.fill(colSum, 0);
            Arrays.fill(boxSum, 0);
            Arrays.fill(digitSum, 0);
            for (int cell = 0; cell < cells; cell++) {
                long h = Seeds.murmurFinal(colour[cell]);
                hashed[cell] = h;
                rowSum[rowOf[cell]] += h;
                colSum[colOf[cell]] += h;
                boxSum[boxOf[cell]] += h;
                digitSum[answer[cell]] += h;
            }
            for (int cell = 0; cell < cells; cell++) {
                long h = hashed[cell];
                long rowMates = rowSum[rowOf[cell]] - h;
                long colMates = colSum[colOf[cell]] - h;
                long lines = linesTogether
                        ? Seeds.murmurFinal(rowMates + colMates)
                        : Seeds.murmurFinal(rowMates) + 0x9E3779B97F4A7C15L * Seeds.murmurFinal(colMates ^ 0x632BE59BD9B4E019L);
                colour[cell] = Seeds.murmurFinal(colour[cell]
                        + 0xD6E8FEB86659FD93L * lines
                        + 0xA0761D6478BD642FL * Seeds.murmurFinal(boxSum[boxOf[cell]] - h)
                        + 0xE7037ED1A0B428DBL * Seeds.murmurFinal(digitSum[answer[cell]] - h));
            }
        }
        long total = 0;
        for (long c : colour) {
            total += Seeds.murmurFinal(c);
        }
        return Seeds.murmurFinal(total + cells);
    }
}
