package io.recurbench.engine.cpu.gemm;

import java.util.Objects;

/**
 * Argument checks of the batched GEMM, done once per call so that a wrong shape fails with one line
 * naming the operand and the extent it needs, not with an index error deep inside a kernel.
 */
public final class GemmArguments {
  private GemmArguments() {}

  /** Throws {@link IllegalArgumentException} (or NPE for a null array) unless the call is well-formed. */
  public static void check(int batch, int m, int n, int k,
      float[] a, int aOffset, int aBatchStride, int lda, boolean transA,
      float[] b, int bOffset, int bBatchStride, int ldb, boolean transB,
      float[] c, int cOffset, int cBatchStride, int ldc, boolean accumulate) {
    if (batch < 0 || m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException(
          "Gemm: sizes must be non-negative, got batch=" + batch + " m=" + m + " n=" + n + " k=" + k);
    }
    operand("A", a, aOffset, aBatchStride, lda, transA ? k : m, transA ? m : k, transA, batch);
    operand("B", b, bOffset, bBatchStride, ldb, transB ? n : k, transB ? k : n, transB, batch);
    operand("C", c, cOffset, cBatchStride, ldc, m, n, false, batch);
    if (cBatchStride == 0 && batch > 1 && !accumulate && m > 0 && n > 0) {
      throw new IllegalArgumentException("Gemm: C batch stride 0 with batch=" + batch
          + " and accumulate=false would keep only the last product; pass accumulate=true to sum over the batch");
    }
  }

  private static void operand(String name, float[] array, int offset, int batchStride, int ld,
      int rows, int cols, boolean transposed, int batch) {
    Objects.requireNonNull(array, () -> "Gemm: array of " + name + " is null");
    String layout = name + " (stored [" + rows + ", " + cols + "]" + (transposed ? ", transposed" : "") + ")";
    if (offset < 0 || batchStride < 0) {
      throw new IllegalArgumentException("Gemm: " + layout + " offset and batch stride must be non-negative, got offset="
          + offset + " batch stride=" + batchStride);
    }
    if (ld < Math.max(1, cols)) {
      throw new IllegalArgumentException("Gemm: " + layout + " leading dimension must be >= " + Math.max(1, cols)
          + ", got " + ld);
    }
    if (batch == 0 || rows == 0 || cols == 0) {
      return;
    }
    long end = offset + (long) (batch - 1) * batchStride + (long) (rows - 1) * ld + cols;
    if (end > array.length) {
      throw new IllegalArgumentException("Gemm: " + layout + " needs " + end + " elements (offset " + offset
          + ", batch " + batch + " × stride " + batchStride + ", leading dimension " + ld + ") but its array has "
          + array.length);
    }
  }
}
