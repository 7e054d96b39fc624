package io.recurbench.engine.cpu.gemm;

import static io.recurbench.engine.cpu.gemm.MicroKernel.MR;
import static io.recurbench.engine.cpu.gemm.MicroKernel.NR;

/**
 * One product {@code C (+)= op(A) · op(B)} on the calling thread, by the GotoBLAS/BLIS loop nest
 * with the depth loop moved inside the row loop: per block of nc columns, op(B) is packed for the
 * whole depth k; then per block of mc rows, each kc-deep slice of A is packed and the
 * {@link MicroKernel} sweeps the NR × MR tiles.
 *
 * <p>Why depth inside rows: the mc × nc block of C then stays in L2 across all kc passes, instead
 * of being fetched from L3/memory once per pass; that lets kc stay small enough for a B
 * micro-panel to live in L1. {@link ParallelProduct} runs the same nest with row blocks spread over
 * threads.
 */
public final class BlockedGemm {
  /** At most this many floats (16 MiB) of packed B per column block; nc shrinks for very deep products. */
  static final int PACKED_B_MAX_FLOATS = 1 << 22;

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
    int ncBlock = columnBlock(blocks, n, k);
    float[] bPack = buffers.b(k * ncBlock);
    for (int jc = 0; jc < n; jc += ncBlock) {
      int nc = Math.min(ncBlock, n - jc);
      int panels = ceilDiv(nc, NR);
      for (int pc = 0; pc < k; pc += blocks.kc()) {
        Packing.packB(b, bBase, ldb, transB, pc, Math.min(blocks.kc(), k - pc), jc, nc, bPack, pc * panels * NR);
      }
      for (int ic = 0; ic < m; ic += blocks.mc()) {
        rowBlock(blocks, k, a, aBase, lda, transA, ic, Math.min(blocks.mc(), m - ic), bPack, panels, 0, nc,
            c, cBase + jc, ldc, accumulate, buffers);
      }
    }
  }

  /** Columns of C per packed block of B: nc, but no more than n needs nor than the packed-B budget allows. */
  static int columnBlock(BlockSizes blocks, int n, int k) {
    int budget = Math.max(NR, PACKED_B_MAX_FLOATS / k / NR * NR);
    return Math.min(Math.min(blocks.nc(), budget), BlockSizes.roundUp(n, NR));
  }

  /**
   * Rows [i0, i0+rows) (rows ≤ mc) × the columns of panels [q0, q0 + cols/NR) of a packed B column
   * block of {@code panels} panels (every kc slice at offset {@code pc·panels·NR}); {@code
   * cColumn0} is the index in C of the block's first column.
   */
  static void rowBlock(BlockSizes blocks, int k, float[] a, int aBase, int lda, boolean transA, int i0, int rows,
      float[] bPack, int panels, int q0, int cols, float[] c, int cColumn0, int ldc, boolean accumulate,
      PackBuffers buffers) {
    float[] aPack = buffers.a(BlockSizes.roundUp(rows, MR) * Math.min(blocks.kc(), k));
    for (int pc = 0; pc < k; pc += blocks.kc()) {
      int kc = Math.min(blocks.kc(), k - pc);
      Packing.packA(a, aBase, lda, transA, i0, rows, pc, kc, aPack, 0);
      macroTile(kc, rows, cols, aPack, bPack, pc * panels * NR + q0 * NR * kc,
          c, cColumn0 + i0 * ldc + q0 * NR, ldc, accumulate || pc > 0, buffers.tile);
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

  static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }
}
