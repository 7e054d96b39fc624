package io.recurbench.engine.cpu;

/** Batched single-precision matrix product used by the CPU backend's MatMul kernel. */
public final class Gemm {

    private Gemm() {}

    /** C[b] (+)= op(A[b]) · op(B[b]) for b in [0,batch): row-major, op = transpose when the flag is set; a batch stride of 0 broadcasts that operand. */
    public static void batched(int batch, int m, int n, int k,
            float[] a, int aOffset, int aBatchStride, int lda, boolean transA,
            float[] b, int bOffset, int bBatchStride, int ldb, boolean transB,
            float[] c, int cOffset, int cBatchStride, int ldc, boolean accumulate) {
        for (int bi = 0; bi < batch; bi++) {
            int ab = aOffset + bi * aBatchStride;
            int bb = bOffset + bi * bBatchStride;
            int cb = cOffset + bi * cBatchStride;
            for (int i = 0; i < m; i++) {
                int crow = cb + i * ldc;
                if (!accumulate) {
                    java.util.Arrays.fill(c, crow, crow + n, 0f);
                }
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[ab + p * lda + i] : a[ab + i * lda + p];
                    if (transB) {
                        for (int j = 0; j < n; j++) {
                            c[crow + j] += av * b[bb + j * ldb + p];
                        }
                    } else {
                        int brow = bb + p * ldb;
                        for (int j = 0; j < n; j++) {
                            c[crow + j] += av * b[brow + j];
                        }
                    }
                }
            }
        }
    }
}
