package io.recurbench.engine.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Data-movement kernels: copy, permute, broadcast, slice, pad, concat, gather ({@code take}) and
 * its adjoint ({@code scatterAdd}), plus the generators fill and iota. Most work on both dtypes by
 * moving whole contiguous runs with {@link System#arraycopy}, which takes either array type.
 */
final class Moves {

    private static final VectorSpecies<Float> F = Elementwise.F;

    /** Tile edge of the blocked transpose: 32×32 floats = 4 KiB per tile, two tiles fit in L1. */
    private static final int TILE = 32;

    private Moves() {}

    /** Copies {@code n} elements (either dtype). */
    record Copy(int x, int out, int n) implements Kernel {
        @Override
        public void run(Object[] v) {
            System.arraycopy(v[x], 0, v[out], 0, n);
        }
    }

    /** Does nothing: the result has no elements. */
    record Empty() implements Kernel {
        @Override
        public void run(Object[] v) {}
    }

    // ---- fill, iota -----------------------------------------------------------------------------

    /** Every element = {@code value}. */
    record Fill(boolean f32, double value, int out, int n) implements Kernel {
        @Override
        public void run(Object[] v) {
            if (f32) {
                Arrays.fill((float[]) v[out], 0, n, (float) value);
            } else {
                Arrays.fill((int[]) v[out], 0, n, (int) value);
            }
        }
    }

    /** Element {@code [o, a, i]} of {@code [outer, len, inner]} = a. */
    record Iota(boolean f32, int outer, int len, int inner, int out) implements Kernel {
        @Override
        public void run(Object[] v) {
            for (int p = 0; p < outer; p++) {
                for (int a = 0; a < len; a++) {
                    int from = (p * len + a) * inner;
                    if (f32) {
                        Arrays.fill((float[]) v[out], from, from + inner, a);
                    } else {
                        Arrays.fill((int[]) v[out], from, from + inner, a);
                    }
                }
            }
        }
    }

    // ---- permute --------------------------------------------------------------------------------

    /**
     * Builds a permute kernel. Size-1 axes are dropped and input axes that stay adjacent and in
     * order are merged; then the result is a copy, a copy of contiguous rows (last axis kept), a
     * batched blocked transpose (last two merged axes swapped), or a strided gather.
     */
    static Kernel permute(boolean f32, int[] shape, int[] perm, int x, int out) {
        List<Integer> keep = new ArrayList<>();
        for (int a = 0; a < shape.length; a++) {
            if (shape[a] != 1) {
                keep.add(a);
            }
        }
        // Output order of the kept input axes, renumbered 0..k-1 in input order.
        List<Integer> order = new ArrayList<>();
        for (int p : perm) {
            if (shape[p] != 1) {
                order.add(keep.indexOf(p));
            }
        }
        int[] inDims = keep.stream().mapToInt(a -> shape[a]).toArray();
        // Merge runs in the output order that are consecutive input axes.
        List<int[]> runs = new ArrayList<>(); // {firstInputAxis, lastInputAxis}
        for (int a : order) {
            int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[1] + 1 == a) {
                last[1] = a;
            } else {
                runs.add(new int[] {a, a});
            }
        }
        int k = runs.size();
        // Merged input axes, in input order.
        int[][] byInput = runs.stream().sorted((r, s) -> Integer.compare(r[0], s[0])).toArray(int[][]::new);
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) {
            int d = 1;
            for (int a = byInput[i][0]; a <= byInput[i][1]; a++) {
                d *= inDims[a];
            }
            dims[i] = d;
        }
        int[] mperm = new int[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (byInput[j] == runs.get(i)) {
                    mperm[i] = j;
                }
            }
        }
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        boolean identity = true;
        for (int i = 0; i < k; i++) {
            identity &= mperm[i] == i;
        }
        if (identity) {
            return new Copy(x, out, n);
        }
        boolean swapLastTwo = mperm[k - 1] == k - 2 && mperm[k - 2] == k - 1;
        for (int i = 0; i < k - 2; i++) {
            swapLastTwo &= mperm[i] == i;
        }
        if (swapLastTwo) {
            return new Transpose(f32, n / (dims[k - 1] * dims[k - 2]), dims[k - 2], dims[k - 1], x, out);
        }
        return Strided.of(f32, dims, mperm, x, out);
    }

    /** {@code out[b] = in[b]ᵀ} for {@code batch} row-major {@code [rows, cols]} matrices, in square tiles. */
    record Transpose(boolean f32, int batch, int rows, int cols, int x, int out) implements Kernel {
        @Override
        public void run(Object[] v) {
            int rowTiles = (rows + TILE - 1) / TILE;
            Object a = v[x];
            Object o = v[out];
            int grain = Math.max(1, Parallel.ELEMENTWISE_GRAIN / (TILE * Math.max(1, cols)));
            Parallel.forRange(batch * rowTiles, grain, (from, to) -> {
                for (int t = from; t < to; t++) {
                    int b = t / rowTiles;
                    int r0 = (t % rowTiles) * TILE;
                    int base = b * rows * cols;
                    if (f32) {
                        tile((float[]) a, (float[]) o, base, r0);
                    } else {
                        tile((int[]) a, (int[]) o, base, r0);
                    }
                }
            });
        }

        private void tile(float[] a, float[] o, int base, int r0) {
            int r1 = Math.min(rows, r0 + TILE);
            for (int c0 = 0; c0 < cols; c0 += TILE) {
                int c1 = Math.min(cols, c0 + TILE);
                for (int r = r0; r < r1; r++) {
                    int src = base + r * cols;
                    for (int c = c0; c < c1; c++) {
                        o[base + c * rows + r] = a[src + c];
                    }
                }
            }
        }

        private void tile(int[] a, int[] o, int base, int r0) {
            int r1 = Math.min(rows, r0 + TILE);
            for (int c0 = 0; c0 < cols; c0 += TILE) {
                int c1 = Math.min(cols, c0 + TILE);
                for (int r = r0; r < r1; r++) {
                    int src = base + r * cols;
                    for (int c = c0; c < c1; c++) {
                        o[base + c * rows + r] = a[src + c];
                    }
                }
            }
        }
    }

    /**
     * A general permute: output rows are gathered from the input by strides. When the output's last
     * axis is the input's last axis, each row is one contiguous copy.
     *
     * @param rowOffsets input offset of each output row
     * @param width      elements per output row
     * @param step       input stride along the output's last axis
     */
    record Strided(boolean f32, int[] rowOffsets, int width, int step, int x, int out) implements Kernel {
        static Strided of(boolean f32, int[] dims, int[] perm, int x, int out) {
            int k = dims.length;
            int[] inStride = new int[k];
            int s = 1;
            for (int a = k - 1; a >= 0; a--) {
                inStride[a] = s;
                s *= dims[a];
            }
            int[] outDims = new int[k];
            int[] strides = new int[k];
            for (int i = 0; i < k; i++) {
                outDims[i] = dims[perm[i]];
                strides[i] = inStride[perm[i]];
            }
            int rows = s / outDims[k - 1];
            int[] offs = new int[rows];
            int[] idx = new int[k - 1];
            int cur = 0;
            for (int r = 0; r < rows; r++) {
                offs[r] = cur;
                for (int a = k - 2; a >= 0; a--) {
                    idx[a]++;
                    cur += strides[a];
                    if (idx[a] < outDims[a]) {
                        break;
                    }
                    cur -= strides[a] * outDims[a];
                    idx[a] = 0;
                }
            }
            return new Strided(f32, offs, outDims[k - 1], strides[k - 1], x, out);
        }

        @Override
        public void run(Object[] v) {
            Object a = v[x];
            Object o = v[out];
            int grain = Math.max(1, Parallel.ELEMENTWISE_GRAIN / Math.max(1, width));
            Parallel.forRange(rowOffsets.length, grain, (from, to) -> {
                for (int r = from; r < to; r++) {
                    int src = rowOffsets[r];
                    int dst = r * width;
                    if (step == 1) {
                        System.arraycopy(a, src, o, dst, width);
                    } else if (f32) {
                        float[] fa = (float[]) a;
                        float[] fo = (float[]) o;
                        for (int c = 0; c < width; c++) {
                            fo[dst + c] = fa[src + c * step];
                        }
                    } else {
                        int[] ia = (int[]) a;
                        int[] io = (int[]) o;
                        for (int c = 0; c < width; c++) {
                            io[dst + c] = ia[src + c * step];
                        }
                    }
                }
            });
        }
    }

    // ---- broadcast, slice, pad, concat ----------------------------------------------------------

    /** NumPy broadcast of the input to the output shape: each output row is a copy or a fill. */
    record BroadcastTo(boolean f32, Broadcast bc, int x, int out) implements Kernel {
        @Override
        public void run(Object[] v) {
            Object a = v[x];
            Object o = v[out];
            int w = bc.width();
            int step = bc.steps()[0];
            bc.forEach((row, from, to) -> {
                int src = bc.offset(0, row) + from * step;
                int dst = row * w + from;
                if (step == 1) {
                    System.arraycopy(a, src, o, dst, to - from);
                } else if (f32) {
                    Arrays.fill((float[]) o, dst, dst + to - from, ((float[]) a)[src]);
                } else {
                    Arrays.fill((int[]) o, dst, dst + to - from, ((int[]) a)[src]);
                }
            });
        }
    }

    /** Elements {@code [start, start + len)} of the middle axis of {@code [outer, axisLen, inner]}. */
    record Slice(int outer, int axisLen, int inner, int start, int len, int x, int out) implements Kernel {
        @Override
        public void run(Object[] v) {
            Object a = v[x];
            Object o = v[out];
            int chunk = len * inner;
            for (int p = 0; p < outer; p++) {
                System.arraycopy(a, (p * axisLen + start) * inner, o, p * chunk, chunk);
            }
        }
    }

    /** Zero padding of the middle axis of {@code [outer, axisLen, inner]}: {@code before} and {@code after}. */
    record Pad(boolean f32, int outer, int axisLen, int inner, int before, int after, int x, int out) implements Kernel {
        @Override
        public void run(Object[] v) {
            Object a = v[x];
            Object o = v[out];
            int outLen = before + axisLen + after;
            for (int p = 0; p < outer; p++) {
                int base = p * outLen * inner;
                zero(f32, o, base, base + before * inner);
                System.arraycopy(a, p * axisLen * inner, o, base + before * inner, axisLen * inner);
                zero(f32, o, base + (before + axisLen) * inner, base + outLen * inner);
            }
        }
    }

    private static void zero(boolean f32, Object o, int from, int to) {
        if (f32) {
            Arrays.fill((float[]) o, from, to, 0f);
        } else {
            Arrays.fill((int[]) o, from, to, 0);
        }
    }

    /** Joins inputs along the middle axis of {@code [outer, lens[j], inner]}. */
    record Concat(int outer, int[] lens, int inner, int[] xs, int out) implements Kernel {
        @Override
        public void run(Object[] v) {
            Object o = v[out];
            int total = Arrays.stream(lens).sum();
            int at = 0;
            for (int j = 0; j < xs.length; j++) {
                Object a = v[xs[j]];
                int chunk = lens[j] * inner;
                for (int p = 0; p < outer; p++) {
                    System.arraycopy(a, p * chunk, o, (p * total) * inner + at, chunk);
                }
                at += chunk;
            }
        }
    }

    // ---- take, scatterAdd -----------------------------------------------------------------------

    /** {@code out[n] = table[idx[n]]}, rows of {@code width} elements, indices checked against {@code rows}. */
    record Take(int table, int indices, int out, int count, int rows, int width, String node) implements Kernel {
        @Override
        public void run(Object[] v) {
            Object t = v[table];
            int[] idx = (int[]) v[indices];
            Object o = v[out];
            int grain = Math.max(1, Parallel.ELEMENTWISE_GRAIN / Math.max(1, width));
            Parallel.forRange(count, grain, (from, to) -> {
                for (int n = from; n < to; n++) {
                    System.arraycopy(t, checkIndex(idx[n], rows, n, node) * width, o, n * width, width);
                }
            });
        }
    }

    /** {@code out = zeros[rows, width]}; {@code out[idx[n]] += updates[n]} in index order. */
    record ScatterAdd(int indices, int updates, int out, int count, int rows, int width, String node) implements Kernel {
        @Override
        public void run(Object[] v) {
            int[] idx = (int[]) v[indices];
            Object u = v[updates];
            Object o = v[out];
            if (o instanceof float[] fo) {
                float[] fu = (float[]) u;
                Arrays.fill(fo, 0, rows * width, 0f);
                for (int n = 0; n < count; n++) {
                    addRow(fu, n * width, fo, checkIndex(idx[n], rows, n, node) * width, width);
                }
            } else {
                int[] io = (int[]) o;
                int[] iu = (int[]) u;
                Arrays.fill(io, 0, rows * width, 0);
                for (int n = 0; n < count; n++) {
                    int dst = checkIndex(idx[n], rows, n, node) * width;
                    for (int c = 0; c < width; c++) {
                        io[dst + c] += iu[n * width + c];
                    }
                }
            }
        }
    }

    private static void addRow(float[] u, int src, float[] o, int dst, int width) {
        int c = 0;
        for (int bound = F.loopBound(width); c < bound; c += F.length()) {
            FloatVector.fromArray(F, o, dst + c).add(FloatVector.fromArray(F, u, src + c)).intoArray(o, dst + c);
        }
        for (; c < width; c++) {
            o[dst + c] += u[src + c];
        }
    }

    private static int checkIndex(int i, int rows, int position, String node) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException(node + ": index " + i + " at position " + position
                    + " is outside [0, " + rows + ")");
        }
        return i;
    }
}
