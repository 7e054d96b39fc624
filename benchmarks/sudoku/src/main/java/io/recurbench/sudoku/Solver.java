package io.recurbench.sudoku;

import java.util.SplittableRandom;

/**
 * A depth-first Sudoku solver on digit bit masks with the minimum-remaining-values rule: it always fills
 * the blank cell with the fewest candidates next (so forced cells, "naked singles", cost no guess) and
 * tries that cell's digits in ascending order, or in random order for {@link #fillRandom}.
 *
 * <p>Its counters define this project's difficulty rating: the number of dead ends the fixed
 * ascending-order search meets before its first solution. A puzzle solvable by naked singles alone rates 0.
 * The rating is a property of this solver, not comparable to the {@code rating} column of Sudoku-Extreme.
 *
 * <p>An instance reuses its buffers across calls: it is cheap to call often and not thread-safe.
 */
public final class Solver {

    private final BoxShape shape;
    private final int n;
    private final int full;
    private final int[] rowOf;
    private final int[] colOf;
    private final int[] boxOf;

    private final int[] rowUsed;
    private final int[] colUsed;
    private final int[] boxUsed;
    private final int[] blanks;
    private byte[] grid;

    private int limit;
    private SplittableRandom random;
    private int solutions;
    private byte[] firstSolution;
    private long nodes;
    private long backtracks;
    private long nodesAtFirst;
    private long backtracksAtFirst;

    public Solver(BoxShape shape) {
        this.shape = shape;
        this.n = shape.size();
        this.full = shape.fullMask();
        int cells = shape.cellCount();
        rowOf = new int[cells];
        colOf = new int[cells];
        boxOf = new int[cells];
        for (int cell = 0; cell < cells; cell++) {
            rowOf[cell] = cell / n;
            colOf[cell] = cell % n;
            boxOf[cell] = shape.boxOf(cell / n, cell % n);
        }
        rowUsed = new int[n];
        colUsed = new int[n];
        boxUsed = new int[n];
        blanks = new int[cells];
    }

    public BoxShape shape() {
        return shape;
    }

    /**
     * Searches {@code puzzle} for up to {@code limit} solutions, trying digits in ascending order.
     * Counting up to 2 decides uniqueness.
     *
     * @param puzzle {@code byte[n*n]}, 0 for blank; not modified. Givens that already break a rule (or
     *               values outside {@code 0..n}) give zero solutions.
     */
    public SolveResult solve(byte[] puzzle, int limit) {
        return run(puzzle, limit, null);
    }

    /** Whether {@code puzzle} has at least one solution. */
    public boolean hasSolution(byte[] puzzle) {
        return run(puzzle, 1, null).solutions() > 0;
    }

    /**
     * A random complete grid: the empty grid solved with each cell's digits tried in random order. Not exactly
     * uniform over all grids, but it reaches every one of them; deterministic for the generator's state.
     */
    public byte[] fillRandom(SplittableRandom random) {
        return run(new byte[shape.cellCount()], 1, random).firstSolution();
    }

    private SolveResult run(byte[] puzzle, int limit, SplittableRandom random) {
        if (limit < 1) {
            throw new IllegalArgumentException("solution limit " + limit + ": expected >= 1");
        }
        String violation = SudokuRules.partialViolation(shape, puzzle);
        if (violation != null) {
            return new SolveResult(0, null, 0, 0);
        }
        this.limit = limit;
        this.random = random;
        this.grid = puzzle.clone();
        java.util.Arrays.fill(rowUsed, 0);
        java.util.Arrays.fill(colUsed, 0);
        java.util.Arrays.fill(boxUsed, 0);
        int blankCount = 0;
        for (int cell = 0; cell < grid.length; cell++) {
            int digit = grid[cell];
            if (digit == 0) {
                blanks[blankCount++] = cell;
            } else {
                int bit = 1 << (digit - 1);
                rowUsed[rowOf[cell]] |= bit;
                colUsed[colOf[cell]] |= bit;
                boxUsed[boxOf[cell]] |= bit;
            }
        }
        solutions = 0;
        firstSolution = null;
        nodes = 0;
        backtracks = 0;
        search(blankCount);
        return solutions > 0
                ? new SolveResult(solutions, firstSolution, nodesAtFirst, backtracksAtFirst)
                : new SolveResult(0, null, nodes, backtracks);
    }

    /** Fills {@code blanks[0 .. blankCount)}; returns when the search space is exhausted or the limit is met. */
    private void search(int blankCount) {
        if (blankCount == 0) {
            if (solutions++ == 0) {
                firstSolution = grid.clone();
                nodesAtFirst = nodes;
                backtracksAtFirst = backtracks;
            }
            return;
        }
        int bestIndex = -1;
        int bestCandidates = 0;
        int bestCount = Integer.MAX_VALUE;
        for (int i = 0; i < blankCount; i++) {
            int cell = blanks[i];
            int candidates = full & ~(rowUsed[rowOf[cell]] | colUsed[colOf[cell]] | boxUsed[boxOf[cell]]);
            int count = Integer.bitCount(candidates);
            if (count < bestCount) {
                bestCount = count;
                bestIndex = i;
                bestCandidates = candidates;
                if (count <= 1) {
                    break;
                }
            }
        }
        if (bestCount == 0) {
            backtracks++;
            return;
        }
        int cell = blanks[bestIndex];
        blanks[bestIndex] = blanks[blankCount - 1];
        blanks[blankCount - 1] = cell;
        int r = rowOf[cell];
        int c = colOf[cell];
        int b = boxOf[cell];
        if (random == null) {
            for (int rest = bestCandidates; rest != 0 && solutions < limit; rest &= rest - 1) {
                place(cell, r, c, b, Integer.numberOfTrailingZeros(rest), blankCount);
            }
        } else {
            int[] order = shuffledBits(bestCandidates, bestCount);
            for (int i = 0; i < bestCount && solutions < limit; i++) {
                place(cell, r, c, b, order[i], blankCount);
            }
        }
        // Undo the swap so the caller sees its blanks exactly as before: the search order, and with it the
        // rating, stays a function of the puzzle alone.
        blanks[blankCount - 1] = blanks[bestIndex];
        blanks[bestIndex] = cell;
    }

    private void place(int cell, int r, int c, int b, int bitIndex, int blankCount) {
        int bit = 1 << bitIndex;
        nodes++;
        grid[cell] = (byte) (bitIndex + 1);
        rowUsed[r] |= bit;
        colUsed[c] |= bit;
        boxUsed[b] |= bit;
        search(blankCount - 1);
        rowUsed[r] &= ~bit;
        colUsed[c] &= ~bit;
        boxUsed[b] &= ~bit;
        grid[cell] = 0;
    }

    private int[] shuffledBits(int mask, int count) {
        int[] bits = new int[count];
        int k = 0;
        for (int rest = mask; rest != 0; rest &= rest - 1) {
            bits[k++] = Integer.numberOfTrailingZeros(rest);
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = bits[i];
            bits[i] = bits[j];
            bits[j] = t;
        }
        return bits;
    }
}
