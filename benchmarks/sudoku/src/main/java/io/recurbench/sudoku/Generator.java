package io.recurbench.sudoku;

import java.util.SplittableRandom;

/**
 * Generates Sudoku puzzles with a unique solution, deterministically from a seed.
 *
 * <p>Puzzle {@code i} depends only on ({@code seed}, {@code i}): a random complete grid ({@link Solver#fillRandom}),
 * then its givens removed one at a time in a random order, each removal kept only if the solution stays unique.
 * The result is a minimal puzzle (no given can go), unless a blank limit stops the removals early: then it has exactly
 * that many blanks (or fewer, when the minimal puzzle has fewer) and is still unique — an easier puzzle with more
 * givens. It is rated by the {@link Solver} and kept if the rating lies in the target {@link DifficultyRange};
 * otherwise the next attempt for the same index is made.
 *
 * <p>Uniqueness after removing a given {@code d} from a cell: the puzzle stays unique iff no other digit that
 * the cell's row, column and box allow leads to a solution. That asks the solver for one solution per
 * alternative digit instead of counting solutions of the whole puzzle, and decides exactly the same
 * ({@link UniquenessCheck#COUNT_SOLUTIONS} does the direct count and exists as the peer that check is measured
 * and tested against). Not thread-safe; use one instance per thread.
 */
public final class Generator {

    /** How a removal's uniqueness is decided; both give identical puzzles. */
    public enum UniquenessCheck {
        /** One solution search per alternative digit of the emptied cell (fast, the default). */
        ALTERNATIVE_DIGITS,
        /** Count the solutions of the whole puzzle up to 2 (the direct definition). */
        COUNT_SOLUTIONS
    }

    private static final int DEFAULT_MAX_ATTEMPTS = 10_000;

    /** {@code maxBlanks} value meaning "remove every given that can go": minimal puzzles. */
    public static final int NO_BLANK_LIMIT = Integer.MAX_VALUE;

    private final BoxShape shape;
    private final long seed;
    private final DifficultyRange difficulty;
    private final UniquenessCheck check;
    private final int maxAttempts;
    private final int maxBlanks;
    private final Solver solver;

    /** A generator of minimal puzzles. */
    public Generator(BoxShape shape, long seed, DifficultyRange difficulty) {
        this(shape, seed, difficulty, NO_BLANK_LIMIT);
    }

    /**
     * @param maxBlanks removals stop once the puzzle has this many blanks ({@link #NO_BLANK_LIMIT}: minimal puzzles)
     */
    public Generator(BoxShape shape, long seed, DifficultyRange difficulty, int maxBlanks) {
        this(shape, seed, difficulty, UniquenessCheck.ALTERNATIVE_DIGITS, DEFAULT_MAX_ATTEMPTS, maxBlanks);
    }

    /**
     * @param maxAttempts attempts per index before giving up on the difficulty range
     */
    public Generator(BoxShape shape, long seed, DifficultyRange difficulty, UniquenessCheck check, int maxAttempts) {
        this(shape, seed, difficulty, check, maxAttempts, NO_BLANK_LIMIT);
    }

    private Generator(BoxShape shape, long seed, DifficultyRange difficulty, UniquenessCheck check, int maxAttempts,
                      int maxBlanks) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + ": expected >= 1");
        }
        if (maxBlanks < 1) {
            throw new IllegalArgumentException("maxBlanks " + maxBlanks + ": expected >= 1");
        }
        this.shape = shape;
        this.seed = seed;
        this.difficulty = difficulty;
        this.check = check;
        this.maxAttempts = maxAttempts;
        this.maxBlanks = maxBlanks;
        this.solver = new Solver(shape);
    }

    public BoxShape shape() {
        return shape;
    }

    /**
     * Puzzle number {@code index} of this seed.
     *
     * @throws IllegalStateException if no puzzle within the difficulty range turned up in {@code maxAttempts}
     */
    public Puzzle generate(long index) {
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            SplittableRandom random = new SplittableRandom(Seeds.mix(seed, index, attempt));
            byte[] answer = solver.fillRandom(random);
            byte[] question = removeGivens(answer, random);
            SolveResult rated = solver.solve(question, 2);
            if (!rated.isUnique()) {
                throw new IllegalStateException("generator produced a puzzle with " + rated.solutions()
                        + " solutions (seed " + seed + ", index " + index + "): uniqueness check is broken");
            }
            long rating = rated.backtracks();
            if (difficulty.contains(rating)) {
                return new Puzzle(shape, question, answer, "generated:" + seed + ":" + index, rating);
            }
            lowest = Math.min(lowest, rating);
            highest = Math.max(highest, rating);
        }
        throw new IllegalStateException("no " + shape + " puzzle with rating in " + difficulty + " after " + maxAttempts
                + " attempts (seed " + seed + ", index " + index + "); ratings seen ranged " + lowest + ".." + highest);
    }

    private byte[] removeGivens(byte[] answer, SplittableRandom random) {
        byte[] puzzle = answer.clone();
        int[] order = permutation(puzzle.length, random);
        int blanks = 0;
        for (int cell : order) {
            if (blanks == maxBlanks) {
                break;
            }
            byte digit = puzzle[cell];
            puzzle[cell] = 0;
            boolean unique = switch (check) {
                case ALTERNATIVE_DIGITS -> noAlternativeSolves(puzzle, cell, digit);
                case COUNT_SOLUTIONS -> solver.solve(puzzle, 2).isUnique();
            };
            if (unique) {
                blanks++;
            } else {
                puzzle[cell] = digit;
            }
        }
        return puzzle;
    }

    /** Whether, with {@code cell} blank, no digit other than {@code digit} can be completed to a solution. */
    private boolean noAlternativeSolves(byte[] puzzle, int cell, byte digit) {
        int allowed = allowedDigits(puzzle, cell) & ~(1 << (digit - 1));
        for (int rest = allowed; rest != 0; rest &= rest - 1) {
            puzzle[cell] = (byte) (Integer.numberOfTrailingZeros(rest) + 1);
            boolean solvable = solver.hasSolution(puzzle);
            puzzle[cell] = 0;
            if (solvable) {
                return false;
            }
        }
        return true;
    }

    private int allowedDigits(byte[] puzzle, int cell) {
        int n = shape.size();
        int row = cell / n;
        int col = cell % n;
        int used = 0;
        for (int i = 0; i < n; i++) {
            used |= bit(puzzle[row * n + i]) | bit(puzzle[i * n + col]);
        }
        int top = (row / shape.rows()) * shape.rows();
        int left = (col / shape.cols()) * shape.cols();
        for (int r = top; r < top + shape.rows(); r++) {
            for (int c = left; c < left + shape.cols(); c++) {
                used |= bit(puzzle[r * n + c]);
            }
        }
        return shape.fullMask() & ~used;
    }

    private static int bit(byte digit) {
        return digit == 0 ? 0 : 1 << (digit - 1);
    }

    static int[] permutation(int size, SplittableRandom random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
