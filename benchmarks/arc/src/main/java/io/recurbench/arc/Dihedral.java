package io.recurbench.arc;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The 8 symmetries of a rectangle (the dihedral group D4), numbered as TRM's
 * {@code dataset/common.py::dihedral_transform}: 0 identity, 1 {@code rot90} (counter-clockwise, as
 * NumPy), 2 {@code rot180}, 3 {@code rot270}, 4 {@code fliplr}, 5 {@code flipud}, 6 transpose,
 * 7 anti-transpose ({@code fliplr(rot90(g))}). The inverse of 1 is 3 and vice versa; the others are
 * their own inverses (TRM's {@code DIHEDRAL_INVERSE = [0, 3, 2, 1, 4, 5, 6, 7]}).
 */
public enum Dihedral {
    IDENTITY, ROT90, ROT180, ROT270, FLIP_LR, FLIP_UD, TRANSPOSE, ANTI_TRANSPOSE;

    private static final Dihedral[] ALL = values();
    private static final int SHAPES = (Grid.MAX_SIDE + 1) * (Grid.MAX_SIDE + 1);
    /** Source-index tables by (transform, rows, cols), built on first use and shared by all threads. */
    private static final AtomicReferenceArray<int[]> TABLES = new AtomicReferenceArray<>(ALL.length * SHAPES);

    /** The transform with TRM's number {@code id} (0–7). */
    public static Dihedral of(int id) {
        if (id < 0 || id >= ALL.length) {
            throw new IllegalArgumentException("dihedral transform id " + id + " is outside 0-7");
        }
        return ALL[id];
    }

    /** TRM's number of this transform. */
    public int id() {
        return ordinal();
    }

    /** The transform that undoes this one. */
    public Dihedral inverse() {
        return switch (this) {
            case ROT90 -> ROT270;
            case ROT270 -> ROT90;
            default -> this;
        };
    }

    /** Whether the output has the input's columns as rows. */
    public boolean swapsAxes() {
        return this == ROT90 || this == ROT270 || this == TRANSPOSE || this == ANTI_TRANSPOSE;
    }

    /**
     * For an {@code rows × cols} input, the row-major source index of every output cell: output cell
     * {@code k} takes input cell {@code map[k]}. The output has {@code cols × rows} cells if
     * {@link #swapsAxes()}.
     */
    public int[] sourceIndex(int rows, int cols) {
        return table(rows, cols).clone();
    }

    /** The shared, read-only table behind {@link #sourceIndex}. */
    int[] table(int rows, int cols) {
        int slot = ordinal() * SHAPES + rows * (Grid.MAX_SIDE + 1) + cols;
        int[] t = TABLES.get(slot);
        if (t == null) {
            t = computeSourceIndex(rows, cols);
            TABLES.compareAndSet(slot, null, t);
        }
        return t;
    }

    private int[] computeSourceIndex(int rows, int cols) {
        int outRows = swapsAxes() ? cols : rows;
        int outCols = swapsAxes() ? rows : cols;
        int[] map = new int[rows * cols];
        for (int i = 0; i < outRows; i++) {
            for (int j = 0; j < outCols; j++) {
                int r;
                int c;
                switch (this) {
                    case IDENTITY -> { r = i; c = j; }
                    case ROT90 -> { r = j; c = cols - 1 - i; }
                    case ROT180 -> { r = rows - 1 - i; c = cols - 1 - j; }
                    case ROT270 -> { r = rows - 1 - j; c = i; }
                    case FLIP_LR -> { r = i; c = cols - 1 - j; }
                    case FLIP_UD -> { r = rows - 1 - i; c = j; }
                    case TRANSPOSE -> { r = j; c = i; }
                    case ANTI_TRANSPOSE -> { r = rows - 1 - j; c = cols - 1 - i; }
                    default -> throw new AssertionError(this);
                }
                map[i * outCols + j] = r * cols + c;
            }
        }
        return map;
    }

    /** Applies this transform to a grid. */
    public Grid apply(Grid g) {
        return Augmentation.of(this, ColourMap.IDENTITY).apply(g);
    }
}
