package io.recurbench.engine.cpu.gemm;

import static io.recurbench.engine.cpu.gemm.MicroKernel.MR;
import static io.recurbench.engine.cpu.gemm.MicroKernel.NR;

/**
 * One product {@code C (+)= op(A) · op(B)} on the calling thread, by the five-loop nest of
 * GotoBLAS/BLIS: columns of C in blocks of nc, depth in blocks of kc (B packed), rows in blocks of
 * mc (A packed), then NR × MR tiles computed by the {@link MicroKernel}.
 */
public final class BlockedGemm {
  private BlockedGemm() {}

  /**
   * {@code C[m, n] (+)= op(A)[m, k] · op(B)[k, n]} with the layouts of {@link Packing}; C is
   * {@code c[cBase + i·ldc + j]}. Requires {@code k > 0}.
   */
  public static void multiply(BlockSizes blocks, int m, int n, int k,
      float[] a, int aBase, int lda, boolean transA,
      float[] b, int bBase, int ldb, boolean transB,
      float[] c, int cBase, int ldc, boolean accumulate) {
    PackBuffers buffers = PackBuffers.ofCurrentThread();
    int kcMax = Math.min(blocks.kc(), k);
    float[] bPack = buffers.b(kcMax * BlockSizes.roundUp(Math.min(blocks.nc(), n), NR));
    float[] aPack = buffers.a(kcMax * BlockSizes.roundUp(Math.min(blocks.mc(), m), MR));
    float[] tile = buffers.tile;
    for (int jc = 0; jc < n; jc += blocks.nc()) {
      int nc = Math.min(blocks.nc(), n - jc);
      for (int pc = 0; pc < k; pc += blocks.kc()) {
        int kc = Math.min(blocks.kc(), k - pc);
        boolean add = accumulate || pc > 0;
        Packing.packB(b, bBase, ldb, transB, pc, kc, jc, nc, bPack, 0);
        for (int ic = 0; ic < m; ic += blocks.mc()) {
          int mc = Math.min(blocks.mc(), m - ic);
          Packing.packA(a, aBase, lda, transA, ic, mc, pc, kc, aPack, 0);
          macroTile(kc, mc, nc, aPack, bPack, 0, c, cBase + ic * ldc + jc, ldc, add, tile);
        }
      }
    }
  }

  /**
   * All tiles of one packed (mc × kc) · (kc × nc) block, A packed from index 0 and B from {@code
   * bBase}; the B micro-panel is reused across the ir loop.
   */
  static void macroTile(int kc, int mc, int nc, float[] aPack, float[] bPack, int bBase,
      float[] c, int cBlock, int ldc, boolean add, float[] tile) {
    for (int jr = 0; jr < nc; jr += NR) {
      int cols = Math.min(NR, nc - jr);
      int bOff = bBase + jr * kc;
      for (int ir = 0; ir < mc; ir += MR) {
        int rows = Math.min(MR, mc - ir);
        int aOff = ir * kc;
        int cOff = cBlock + ir * ldc + jr;
        if (rows == MR && cols == NR) {
          MicroKernel.full(kc, aPack, aOff, bPack, bOff, c, cOff, ldc, add);
        } else {
          MicroKernel.edge(kc, aPack, aOff, bPack, bOff, c, cOff, ldc, add, rows, cols, tile);
        }
      }
    }
  }
}
