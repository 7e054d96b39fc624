package io.recurbench.sudoku;

/**
 * A 64-bit hash of a puzzle that is invariant under every {@link Augmentation} of its box shape: equivalent
 * puzzles (one is a digit relabeling, band/stack and row/column permutation, or transpose of the other) always
 * get the same fingerprint. Used to keep evaluation puzzles, and every shuffle of them, out of training.
 *
 * <p>It is a colour refinement (Weisfeiler–Leman) over the cells: a cell starts coloured by whether it is a
 * given; each round a cell's new colour hashes its colour with the multiset of colours of its row-mates,
 * column-mates, box-mates and of the cells holding the same answer digit, each relation kept apart. Multisets
 * are hashed as sums of mixed hashes, so a round costs {@code O(n²)}. The symmetries map rows to rows, columns
 * to columns, boxes to boxes and equal digits to equal digits, so they preserve every colour; transpose swaps
 * rows and columns, which is why square boxes take the smaller fingerprint of the grid and its transpose.
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
        long plain = refine(shape, question, answer, false);
        return shape.isSquare() ? Math.min(plain, refine(shape, question, answer, true)) : plain;
    }

    private static long refine(BoxShape shape, byte[] question, byte[] answer, boolean transposed) {
        int n = shape.size();
        int cells = shape.cellCount();
        int[] rowOf = new int[cells];
        int[] colOf = new int[cells];
        int[] boxOf = new int[cells];
        int[] digitOf = new int[cells];
        long[] colour = new long[cells];
        for (int cell = 0; cell < cells; cell++) {
            int r = cell / n;
            int c = cell % n;
            int source = transposed ? c * n + r : cell;
            rowOf[cell] = r;
            colOf[cell] = c;
            boxOf[cell] = shape.boxOf(r, c);
            digitOf[cell] = answer[source];
            colour[cell] = question[source] != 0 ? 0x51_7C_C1_B7_27_22_0A_95L : 0x2545_F491_4F6C_DD1DL;
        }
        long[] hashed = new long[cells];
        long[] rowSum = new long[n];
        long[] colSum = new long[n];
        long[] boxSum = new long[n];
        long[] digitSum = new long[n + 1];
        for (int round = 0; round < ROUNDS; round++) {
            java.util.Arrays.fill(rowSum, 0);
            java.util.Arrays.fill(colSum, 0);
            java.util.Arrays.fill(boxSum, 0);
            java.util.Arrays.fill(digitSum, 0);
            for (int cell = 0; cell < cells; cell++) {
                long h = Seeds.murmurFinal(colour[cell]);
                hashed[cell] = h;
                rowSum[rowOf[cell]] += h;
                colSum[colOf[cell]] += h;
                boxSum[boxOf[cell]] += h;
                digitSum[digitOf[cell]] += h;
            }
            for (int cell = 0; cell < cells; cell++) {
                long h = hashed[cell];
                long x = Seeds.murmurFinal(colour[cell] + 0x9E3779B97F4A7C15L);
                x = Seeds.murmurFinal(x + rowSum[rowOf[cell]] - h);
                x = Seeds.murmurFinal(x + colSum[colOf[cell]] - h);
                x = Seeds.murmurFinal(x + boxSum[boxOf[cell]] - h);
                x = Seeds.murmurFinal(x + digitSum[digitOf[cell]] - h);
                colour[cell] = x;
            }
        }
        long total = 0;
        for (long c : colour) {
            total += Seeds.murmurFinal(c);
        }
        return Seeds.murmurFinal(total + cells);
    }
}
