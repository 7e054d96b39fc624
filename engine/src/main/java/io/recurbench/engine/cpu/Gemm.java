package io.recurbench.engine.cpu;

import io.recurbench.engine.cpu.gemm.DirectGemm;
import io.recurbench.engine.cpu.gemm.GemmArguments;
import io.recurbench.engine.cpu.gemm.GemmEngine;

/**
 * Single-precision batched matrix multiply, the CPU backend's {@code matmul} kernel.
 *
 * <p>Packed panels and a register-blocked {@code FloatVector} micro-kernel with cache blocking
 * (GotoBLAS/BLIS scheme; see {@code docs/performance.md}); tiny or skinny products take an unpacked vector path;
 * large calls are split over batch × tiles on a fixed pool sized to the available processors. When
 * the {@code jdk.incubator.vector} module is not in the boot layer, a scalar path computes the same
 * result.
 */
public final class Gemm {
  private Gemm() {}

  /** C[b] (+)= op(A[b]) · op(B[b]) for b in [0,batch): row-major, op = transpose when the flag is set; a batch stride of 0 broadcasts that operand. */
  public static void batched(int batch, int m, int n, int k,
      float[] a, int aOffset, int aBatchStride, int lda, boolean transA,
      float[] b, int bOffset, int bBatchStride, int ldb, boolean transB,
      float[] c, int cOffset, int cBatchStride, int ldc, boolean accumulate) {
    if (VectorGemm.AVAILABLE) {
      VectorGemm.ENGINE.batched(batch, m, n, k, a, aOffset, aBatchStride, lda, transA,
          b, bOffset, bBatchStride, ldb, transB, c, cOffset, cBatchStride, ldc, accumulate);
      return;
    }
    GemmArguments.check(batch, m, n, k, a, aOffset, aBatchStride, lda, transA,
        b, bOffset, bBatchStride, ldb, transB, c, cOffset, cBatchStride, ldc, accumulate);
    for (int p = 0; p < batch; p++) {
      DirectGemm.multiply(m, n, k, a, aOffset + p * aBatchStride, lda, transA, b, bOffset + p * bBatchStride, ldb,
          transB, c, cOffset + p * cBatchStride, ldc, accumulate || (cBatchStride == 0 && p > 0));
    }
  }

  /** Whether calls run the vectorised, parallel engine (false: the scalar fallback). */
  public static boolean vectorized() {
    return VectorGemm.AVAILABLE;
  }

  /**
   * Holder: the engine (and with it the Vector API classes) is loaded only when the incubator
   * module is present, so that its absence degrades to the scalar path instead of failing.
   */
  private static final class VectorGemm {
    static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    static final GemmEngine ENGINE = AVAILABLE ? new GemmEngine(Runtime.getRuntime().availableProcessors()) : null;
  }
}
