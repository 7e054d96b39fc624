package io.recurbench.engine.cpu;

/**
 * Batched matrix product through {@link Gemm#batched}. Batch axes are broadcast like any binary
 * op ({@link Broadcast} over the leading axes, counted in whole matrices): each broadcast row
 * becomes one {@code batched} call whose batch strides are a matrix (operand varies) or 0 (operand
 * shared). When the left operand varies over every batch and the right one is shared, the batches
 * are folded into the rows of one large product ({@code [B·M, K] × [K, N]}), which is what a
 * {@code [B, S, D] × [D, E]} projection is.
 */
record MatMulKernel(Broadcast batches, int m, int n, int k, boolean transA, boolean transB,
        boolean foldRows, int a, int b, int out) implements Kernel {

    static MatMulKernel of(int[] aShape, int[] bShape, int[] outShape, boolean transA, boolean transB,
            int a, int b, int out) {
        int ra = aShape.length;
        int rb = bShape.length;
        int m = transA ? aShape[ra - 1] : aShape[ra - 2];
        int k = transA ? aShape[ra - 2] : aShape[ra - 1];
        int n = transB ? bShape[rb - 2] : bShape[rb - 1];
        int[] outBatch = java.util.Arrays.copyOf(outShape, outShape.length - 2);
        Broadcast bc = Broadcast.of(outBatch, java.util.Arrays.copyOf(aShape, ra - 2), java.util.Arrays.copyOf(bShape, rb - 2));
        boolean fold = !transA && bc.rows() == 1 && bc.steps()[0] == 1 && bc.steps()[1] == 0;
        return new MatMulKernel(bc, m, n, k, transA, transB, fold, a, b, out);
    }

    @Override
    public void run(Object[] v) {
        float[] x = (float[]) v[a];
        float[] y = (float[]) v[b];
        float[] c = (float[]) v[out];
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        if (foldRows) {
            Gemm.batched(1, batches.width() * m, n, k, x, 0, 0, lda, false, y, 0, 0, ldb, transB, c, 0, 0, n, false);
            return;
        }
        int aMat = m * k;
        int bMat = k * n;
        int cMat = m * n;
        int width = batches.width();
        int as = batches.steps()[0] * aMat;
        int bs = batches.steps()[1] * bMat;
        for (int r = 0; r < batches.rows(); r++) {
            Gemm.batched(width, m, n, k,
                    x, batches.offset(0, r) * aMat, as, lda, transA,
                    y, batches.offset(1, r) * bMat, bs, ldb, transB,
                    c, r * width * cMat, cMat, n, false);
        }
    }
}
