package io.recurbench.engine.cpu.gemm;

import java.util.Arrays;

/**
 * The scalar product: the fallback when the Vector API module is absent, and {@link SmallGemm}'s
 * path for the rare tiny product with both operands transposed. Plain loops: for op(B) row-major
 * the innermost loop is an axpy along a row of C, for a transposed B a dot product along k.
 */
public final class DirectGemm {
  private DirectGemm() {}

  /** Same contract as {@link BlockedGemm#multiply} (k may be 0). */
  public static void multiply(int m, int n, int k,
      float[] a, int aBase, int lda, boolean transA,
      float[] b, int bBase, int ldb, boolean transB,
      float[] c, int cBase, int ldc, boolean accumulate) {
    int aRowStep = transA ? 1 : lda;
    int aDepthStep = transA ? lda : 1;
    for (int i = 0; i < m; i++) {
      int cRow = cBase + i * ldc;
      int aRow = aBase + i * aRowStep;
      if (!accumulate) {
        Arrays.fill(c, cRow, cRow + n, 0f);
      }
      if (transB) {
        for (int j = 0; j < n; j++) {
          int bRow = bBase + j * ldb;
          float sum = 0f;
          for (int p = 0; p < k; p++) {
            sum += a[aRow + p * aDepthStep] * b[bRow + p];
          }
          c[cRow + j] += sum;
        }
      } else {
        for (int p = 0; p < k; p++) {
          float aip = a[aRow + p * aDepthStep];
          int bRow = bBase + p * ldb;
          for (int j = 0; j < n; j++) {
            c[cRow + j] += aip * b[bRow + j];
          }
        }
      }
    }
  }
}
