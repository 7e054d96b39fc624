package io.recurbench.arc;

import io.recurbench.api.task.Batch;

/**
 * Test helper: reads the grid back out of example {@code i} of a batch, wherever it was translated
 * to, and checks that the whole canvas is exactly the encoding of that grid at that offset.
 */
final class Canvases {

    /** Where a grid sits on a canvas, and the grid. */
    record Placed(int row, int col, Grid grid) {
    }

    private Canvases() {
    }

    static Placed input(Batch b, int i) {
        return read(b.inputs(), i);
    }

    static Placed label(Batch b, int i) {
        return read(b.labels(), i);
    }

    private static Placed read(int[] tokens, int i) {
        int n = TrmCodec.SEQUENCE_LENGTH;
        int top = TrmCodec.SIDE;
        int left = TrmCodec.SIDE;
        for (int k = 0; k < n; k++) {
            int t = tokens[i * n + k];
            if (t >= TrmCodec.COLOUR_OFFSET) {
                top = Math.min(top, k / TrmCodec.SIDE);
                left = Math.min(left, k % TrmCodec.SIDE);
            }
        }
        if (top == TrmCodec.SIDE) {
            throw new AssertionError("example " + i + " has no colour token");
        }
        int base = i * n;
        int cols = 0;
        while (left + cols < TrmCodec.SIDE && tokens[base + top * TrmCodec.SIDE + left + cols] >= TrmCodec.COLOUR_OFFSET) {
            cols++;
        }
        int rows = 0;
        while (top + rows < TrmCodec.SIDE && tokens[base + (top + rows) * TrmCodec.SIDE + left] >= TrmCodec.COLOUR_OFFSET) {
            rows++;
        }
        byte[] cells = new byte[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int t = tokens[base + (top + r) * TrmCodec.SIDE + left + c];
                if (t < TrmCodec.COLOUR_OFFSET) {
                    throw new AssertionError("example " + i + ": token " + t + " inside the grid at (" + (top + r) + "," + (left + c) + ")");
                }
                cells[r * cols + c] = (byte) (t - TrmCodec.COLOUR_OFFSET);
            }
        }
        Grid g = new Grid(rows, cols, cells);
        int[] reencoded = new int[n];
        TrmCodec.encode(g, top, left, reencoded, 0);
        for (int k = 0; k < n; k++) {
            int t = tokens[i * n + k] == Batch.IGNORE ? TrmCodec.PAD : tokens[i * n + k];
            if (t != reencoded[k]) {
                throw new AssertionError("example " + i + " differs from the encoding of its grid at (" + top + "," + left + ") at token " + k);
            }
        }
        return new Placed(top, left, g);
    }
}
