package io.recurbench.sudoku;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Sudoku question with its solution.
 *
 * @param shape    the box shape
 * @param question {@code byte[n*n]}, row-major, 0 for blank
 * @param answer   {@code byte[n*n]}, the complete solution
 * @param source   where it came from (the CSV's {@code source} column, or {@code generated:<seed>:<index>})
 * @param rating   difficulty rating (the CSV's {@code rating} column, or the {@link Solver}'s dead-end count)
 */
public record Puzzle(BoxShape shape, byte[] question, byte[] answer, String source, long rating) {

    public Puzzle {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(source, "source");
        if (question.length != shape.cellCount() || answer.length != shape.cellCount()) {
            throw new IllegalArgumentException("puzzle " + source + ": question " + question.length + " and answer "
                    + answer.length + " cells, expected " + shape.cellCount() + " for box " + shape);
        }
    }

    /** Number of given (non-blank) cells. */
    public int givens() {
        int count = 0;
        for (byte b : question) {
            if (b != 0) {
                count++;
            }
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Puzzle p && shape.equals(p.shape) && Arrays.equals(question, p.question)
                && Arrays.equals(answer, p.answer) && source.equals(p.source) && rating == p.rating;
    }

    @Override
    public int hashCode() {
        return Objects.hash(shape, Arrays.hashCode(question), Arrays.hashCode(answer), source, rating);
    }

    @Override
    public String toString() {
        return "Puzzle[" + source + ", box " + shape + ", " + givens() + " givens, rating " + rating + "]";
    }
}
