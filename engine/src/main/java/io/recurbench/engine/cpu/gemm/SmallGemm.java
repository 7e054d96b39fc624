package io.recurbench.engine.cpu.gemm;

import io.recurbench.engine.cpu.math.Lanes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The unpacked vector path for products too small or too skinny to repay packing (a few rows, or a
 * few multiply-adds in all): each row of C is built in registers one vector of columns at a time
 * (op(B) row-major), or as vector dot products along k (B transposed, A row-major).
 */
public final class SmallGemm {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = S.length();

  private SmallGemm() {}

  /** Same contract as {@link BlockedGemm#multiply} (k may be 0). */
  public static void multiply(int m, int n, int k,
      float[] a, int aBase, int lda, boolean transA,
      float[] b, int bBase, int ldb, boolean transB,
      float[] c, int cBase, int ldc, boolean accumulate) {
    if (transB && transA) {
      DirectGemm.multiply(m, n, k, a, aBase, lda, true, b, bBase, ldb, true, c, cBase, ldc, accumulate);
      return;
    }
    int aRowStep = transA ? 1 : lda;
    int aDepthStep = transA ? lda : 1;
    for (int i = 0; i < m; i++) {
      int aRow = aBase + i * aRowStep;
      int cRow = cBase + i * ldc;
      if (transB) {
        dotRow(n, k, a, aRow, b, bBase, ldb, c, cRow, accumulate);
      } else {
        axpyRow(n, k, a, aRow, aDepthStep, b, bBase, ldb, c, cRow, accumulate);
      }
    }
  }

  /** C[i, :] (+)= Σ_p A[i, p] · B[p, :], a vector of columns at a time kept in a register over all p. */
  private static void axpyRow(int n, int k, float[] a, int aRow, int aDepthStep, float[] b, int bBase, int ldb,
      float[] c, int cRow, boolean accumulate) {
    int j = 0;
    for (; j <= n - LANES; j += LANES) {
      FloatVector acc = accumulate ? FloatVector.fromArray(S, c, cRow + j) : FloatVector.zero(S);
      for (int p = 0; p < k; p++) {
        acc = FloatVector.broadcast(S, a[aRow + p * aDepthStep]).fma(FloatVector.fromArray(S, b, bBase + p * ldb + j), acc);
      }
      acc.intoArray(c, cRow + j);
    }
    for (; j < n; j++) {
      float sum = accumulate ? c[cRow + j] : 0f;
      for (int p = 0; p < k; p++) {
        sum += a[aRow + p * aDepthStep] * b[bBase + p * ldb + j];
      }
      c[cRow + j] = sum;
    }
  }

  /** C[i, j] (+)= A[i, :] · B[j, :] with A row-major and B transposed: contiguous dot products. */
  private static void dotRow(int n, int k, float[] a, int aRow, float[] b, int bBase, int ldb,
      float[] c, int cRow, boolean accumulate) {
    for (int j = 0; j < n; j++) {
      int bRow = bBase + j * ldb;
      FloatVector acc = FloatVector.zero(S);
      int p = 0;
      for (; p <= k - LANES; p += LANES) {
        acc = FloatVector.fromArray(S, a, aRow + p).fma(FloatVector.fromArray(S, b, bRow + p), acc);
      }
      float sum = Lanes.sum(acc); // fixed lane order: reduceLanes(ADD) changes order once compiled
      for (; p < k; p++) {
        sum += a[aRow + p] * b[bRow + p];
      }
      c[cRow + j] = accumulate ? c[cRow + j] + sum : sum;
    }
  }
}
