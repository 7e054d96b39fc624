package io.recurbench.sudoku;

/**
 * An inclusive range of difficulty ratings (dead ends of the {@link Solver} before its first solution).
 *
 * @param min lowest accepted rating, {@code >= 0}
 * @param max highest accepted rating, {@code >= min}
 */
public record DifficultyRange(long min, long max) {

    /** Every puzzle. */
    public static final DifficultyRange ANY = new DifficultyRange(0, Long.MAX_VALUE);

    public DifficultyRange {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("difficulty range [" + min + ", " + max + "]: expected 0 <= min <= max");
        }
    }

    public boolean contains(long rating) {
        return rating >= min && rating <= max;
    }

    @Override
    public String toString() {
        return "[" + min + ", " + (max == Long.MAX_VALUE ? "inf" : Long.toString(max)) + "]";
    }
}
