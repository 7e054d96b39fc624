package io.recurbench.sudoku;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The validity-preserving symmetries of Sudoku that {@link SudokuTransform} combines (as TRM's
 * {@code dataset/build_sudoku_dataset.py} {@code shuffle_sudoku} does for 9×9).
 */
public enum Augmentation {
    /** Relabel the digits by a random permutation of {@code 1..n} (blank stays blank). */
    DIGITS,
    /** Permute the bands (groups of box-height rows) and the stacks (groups of box-width columns). */
    BANDS_AND_STACKS,
    /** Permute the rows inside each band and the columns inside each stack. */
    ROWS_AND_COLUMNS,
    /**
     * Transpose the grid. Only for square boxes: transposing a grid of 2×3 boxes gives a grid of 3×2 boxes, a
     * Sudoku of another box shape and so not an example of the same task; it is excluded there.
     */
    TRANSPOSE;

    /** The option name, e.g. {@code bands-and-stacks}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every augmentation that keeps the box shape of {@code shape}: all four for square boxes, else no transpose. */
    public static Set<Augmentation> applicableTo(BoxShape shape) {
        return shape.isSquare() ? EnumSet.allOf(Augmentation.class) : EnumSet.complementOf(EnumSet.of(TRANSPOSE));
    }

    /**
     * Parses a comma-separated list of option names ({@code all} for {@link #applicableTo}, {@code none} for none).
     *
     * @throws IllegalArgumentException naming the bad entry and the known names, or if transpose is asked for
     *                                  with non-square boxes
     */
    public static Set<Augmentation> parse(String text, BoxShape shape) {
        String trimmed = text.strip();
        if (trimmed.equals("all")) {
            return applicableTo(shape);
        }
        EnumSet<Augmentation> kinds = EnumSet.noneOf(Augmentation.class);
        if (trimmed.equals("none")) {
            return kinds;
        }
        for (String part : trimmed.split(",")) {
            String name = part.strip();
            Augmentation match = null;
            for (Augmentation kind : values()) {
                if (kind.optionName().equals(name)) {
                    match = kind;
                }
            }
            if (match == null) {
                throw new IllegalArgumentException("augmentation '" + name + "': expected all, none or a list of "
                        + "digits, bands-and-stacks, rows-and-columns, transpose");
            }
            kinds.add(match);
        }
        if (kinds.contains(TRANSPOSE) && !shape.isSquare()) {
            throw new IllegalArgumentException("augmentation 'transpose' with box " + shape + ": transposing turns "
                    + shape + " boxes into " + shape.transposed() + " boxes, another puzzle family; drop it");
        }
        return kinds;
    }
}
