package io.recurbench.arc;

/**
 * TRM's token encoding of ARC grids ({@code dataset/build_arc_dataset.py::np_grid_to_seq_translational_augment}):
 * a 30×30 canvas read row-major (900 tokens); PAD = 0, EOS = 1, colour {@code c} = {@code c + 2}
 * (vocabulary 12). The grid sits at a (row, col) offset (0,0 except for training translations);
 * EOS fills the row just below the grid (over the grid's columns) and the column just right of it
 * (over the grid's rows), where those lie inside the canvas; everything else is PAD.
 *
 * <p>Decoding follows TRM's evaluator ({@code evaluators/arc.py::_crop}): take the largest-area
 * rectangle anchored at the top-left whose tokens are all colours. In {@link DecodeMode#STRICT} the
 * whole canvas must then be exactly the encoding of that grid (EOS border, PAD elsewhere), otherwise
 * the prediction is "no valid grid"; {@link DecodeMode#TRM_CROP} accepts the crop as TRM does.
 */
public final class TrmCodec {

    public static final int SIDE = Grid.MAX_SIDE;
    public static final int SEQUENCE_LENGTH = SIDE * SIDE;
    public static final int PAD = 0;
    public static final int EOS = 1;
    /** Token of colour 0; colour {@code c} is {@code COLOUR_OFFSET + c}. */
    public static final int COLOUR_OFFSET = 2;
    public static final int VOCABULARY = COLOUR_OFFSET + Grid.COLOURS;

    /** How forgiving {@link #decode} is. */
    public enum DecodeMode {
        /** The canvas must be exactly a valid encoding at offset (0, 0). */
        STRICT,
        /** TRM's evaluator: the top-left colour rectangle, whatever surrounds it. */
        TRM_CROP
    }

    /** The result of decoding a predicted canvas. */
    public sealed interface Decoded {
        /** A grid was read. */
        record Valid(Grid grid) implements Decoded {
        }

        /** No grid: why not. */
        record Invalid(String reason) implements Decoded {
        }
    }

    private TrmCodec() {
    }

    /**
     * Writes the encoding of {@code g} placed at ({@code rowOffset}, {@code colOffset}) into
     * {@code dst[off .. off+900)}.
     */
    public static void encode(Grid g, int rowOffset, int colOffset, int[] dst, int off) {
        int rows = g.rows();
        int cols = g.cols();
        if (rowOffset < 0 || colOffset < 0 || rowOffset + rows > SIDE || colOffset + cols > SIDE) {
            throw new IllegalArgumentException("grid " + rows + "x" + cols + " at offset (" + rowOffset + "," + colOffset + ") does not fit the 30x30 canvas");
        }
        java.util.Arrays.fill(dst, off, off + SEQUENCE_LENGTH, PAD);
        byte[] cells = g.cellsUnsafe();
        for (int r = 0; r < rows; r++) {
            int base = off + (rowOffset + r) * SIDE + colOffset;
            for (int c = 0; c < cols; c++) {
                dst[base + c] = cells[r * cols + c] + COLOUR_OFFSET;
            }
            if (colOffset + cols < SIDE) {
                dst[base + cols] = EOS;
            }
        }
        int eosRow = rowOffset + rows;
        if (eosRow < SIDE) {
            java.util.Arrays.fill(dst, off + eosRow * SIDE + colOffset, off + eosRow * SIDE + colOffset + cols, EOS);
        }
    }

    /** The encoding of {@code g} at offset (0, 0) as a fresh 900-token array. */
    public static int[] encode(Grid g) {
        int[] out = new int[SEQUENCE_LENGTH];
        encode(g, 0, 0, out, 0);
        return out;
    }

    /** Decodes {@code tokens[off .. off+900)}. */
    public static Decoded decode(int[] tokens, int off, DecodeMode mode) {
        int bestArea = 0;
        int bestRows = 0;
        int bestCols = 0;
        int width = SIDE;
        for (int r = 0; r < SIDE && width > 0; r++) {
            for (int c = 0; c < width; c++) {
                if (!isColour(tokens[off + r * SIDE + c])) {
                    width = c;
                    break;
                }
            }
            int area = (r + 1) * width;
            if (area > bestArea) {
                bestArea = area;
                bestRows = r + 1;
                bestCols = width;
            }
        }
        if (bestArea == 0) {
            return new Decoded.Invalid("no colour token at the top-left corner");
        }
        byte[] cells = new byte[bestArea];
        for (int r = 0; r < bestRows; r++) {
            for (int c = 0; c < bestCols; c++) {
                cells[r * bestCols + c] = (byte) (tokens[off + r * SIDE + c] - COLOUR_OFFSET);
            }
        }
        Grid grid = Grid.trusted(bestRows, bestCols, cells);
        if (mode == DecodeMode.STRICT) {
            int[] expected = encode(grid);
            for (int k = 0; k < SEQUENCE_LENGTH; k++) {
                if (tokens[off + k] != expected[k]) {
                    return new Decoded.Invalid("token " + tokens[off + k] + " at (" + k / SIDE + "," + k % SIDE + ") where the encoding of the "
                            + bestRows + "x" + bestCols + " top-left grid has " + expected[k]);
                }
            }
        }
        return new Decoded.Valid(grid);
    }

    private static boolean isColour(int token) {
        return token >= COLOUR_OFFSET && token < VOCABULARY;
    }
}
