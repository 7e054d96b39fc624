package io.recurbench.engine.cpu;

import java.util.ArrayList;
import java.util.List;

/**
 * A NumPy broadcast of several row-major operands to one output shape, precomputed as rows: the
 * output is {@code rows × width} contiguous elements, and for each row each operand starts at a
 * precomputed offset and advances by {@code step} (1 when it varies along the row, 0 when it is
 * broadcast along it). Adjacent axes that every operand treats alike are merged first, so a
 * same-shape op is one long row, a scalar operand has step 0, and a row-broadcast ({@code [R, C] +
 * [C]}) is R rows of width C.
 *
 * @param rows    number of output rows
 * @param width   elements per output row
 * @param offsets {@code offsets[operand][row]}: where the operand's row starts; null for a single row
 * @param steps   {@code steps[operand]}: 1 or 0
 */
record Broadcast(int rows, int width, int[][] offsets, int[] steps) {

    /** Start of {@code operand}'s data for output row {@code row}. */
    int offset(int operand, int row) {
        return offsets == null ? 0 : offsets[operand][row];
    }

    static Broadcast of(int[] out, int[]... operands) {
        int rank = out.length;
        int n = operands.length;
        for (int o = 0; o < n; o++) {
            if (operands[o].length > rank) {
                throw new IllegalArgumentException("operand " + o + " of shape " + java.util.Arrays.toString(operands[o])
                        + " has a higher rank than the result " + java.util.Arrays.toString(out));
            }
        }
        // full[o][axis]: operand o varies along this output axis (else it is broadcast).
        List<Integer> dims = new ArrayList<>();
        List<boolean[]> flags = new ArrayList<>();
        for (int axis = 0; axis < rank; axis++) {
            if (out[axis] == 1) {
                continue;
            }
            boolean[] f = new boolean[n];
            for (int o = 0; o < n; o++) {
                int[] d = operands[o];
                int ax = axis - (rank - d.length);
                int size = ax < 0 ? 1 : d[ax];
                if (size != out[axis] && size != 1) {
                    throw new IllegalArgumentException("operand " + o + " of shape " + java.util.Arrays.toString(d)
                            + " does not broadcast to " + java.util.Arrays.toString(out));
                }
                f[o] = size == out[axis];
            }
            int last = dims.size() - 1;
            if (last >= 0 && java.util.Arrays.equals(flags.get(last), f)) {
                dims.set(last, dims.get(last) * out[axis]);
            } else {
                dims.add(out[axis]);
                flags.add(f);
            }
        }
        if (dims.isEmpty()) {
            dims.add(1);
            boolean[] f = new boolean[n];
            java.util.Arrays.fill(f, true);
            flags.add(f);
        }
        int k = dims.size();
        int[][] strides = new int[n][k];
        for (int o = 0; o < n; o++) {
            int s = 1;
            for (int a = k - 1; a >= 0; a--) {
                if (flags.get(a)[o]) {
                    strides[o][a] = s;
                    s *= dims.get(a);
                }
            }
        }
        int width = dims.get(k - 1);
        int[] steps = new int[n];
        for (int o = 0; o < n; o++) {
            steps[o] = strides[o][k - 1] == 0 ? 0 : 1;
        }
        long rowsLong = 1;
        for (int a = 0; a < k - 1; a++) {
            rowsLong *= dims.get(a);
        }
        int rows = Math.toIntExact(rowsLong);
        if (rows == 1) {
            return new Broadcast(1, width, null, steps);
        }
        int[][] offsets = new int[n][rows];
        int[] idx = new int[k - 1];
        int[] cur = new int[n];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < n; o++) {
                offsets[o][r] = cur[o];
            }
            for (int a = k - 2; a >= 0; a--) {
                idx[a]++;
                for (int o = 0; o < n; o++) {
                    cur[o] += strides[o][a];
                }
                if (idx[a] < dims.get(a)) {
                    break;
                }
                for (int o = 0; o < n; o++) {
                    cur[o] -= strides[o][a] * dims.get(a);
                }
                idx[a] = 0;
            }
        }
        return new Broadcast(rows, width, offsets, steps);
    }

    /**
     * Runs {@code body} over the output in parallel: over rows when there are several, else over
     * ranges of the single row. The body receives {@code (row, from, to)} column ranges.
     */
    void forEach(Segment body) {
        int total = rows * width;
        if (rows == 1) {
            Parallel.forRange(width, Parallel.ELEMENTWISE_GRAIN, (from, to) -> body.run(0, from, to));
        } else {
            int grain = Math.max(1, Parallel.ELEMENTWISE_GRAIN / Math.max(1, width));
            if (total < Parallel.ELEMENTWISE_GRAIN) {
                grain = rows;
            }
            Parallel.forRange(rows, grain, (from, to) -> {
                for (int r = from; r < to; r++) {
                    body.run(r, 0, width);
                }
            });
        }
    }

    /** Columns {@code [from, to)} of output row {@code row}. */
    @FunctionalInterface
    interface Segment {
        void run(int row, int from, int to);
    }
}
