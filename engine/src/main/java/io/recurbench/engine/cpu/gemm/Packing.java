package io.recurbench.engine.cpu.gemm;

import java.util.Arrays;

/**
 * Copies blocks of op(A) and op(B) into the contiguous micro-panel layout the {@link MicroKernel}
 * streams through, applying the transpose on the way so that the kernel sees one layout only.
 *
 * <p>A block of {@code rows × kc} becomes ⌈rows/MR⌉ panels; panel q holds, for each p in [0, kc),
 * the MR values {@code op(A)[q·MR + r, p]} contiguously. A block of {@code kc × cols} becomes
 * ⌈cols/NR⌉ panels of, for each p, NR values {@code op(B)[p, q·NR + j]}. Rows/columns past the
 * block's edge are zero, so the kernel can always compute a whole tile.
 */
public final class Packing {
  private Packing() {}

  /**
   * Packs {@code op(A)[i0 : i0+rows, p0 : p0+kc]} into {@code dst} from index {@code dstOff}.
   *
   * @param a     the stored matrix; op(A)[i, p] is {@code a[base + i·lda + p]}, or {@code a[base + p·lda + i]}
   *              when {@code trans}
   */
  public static void packA(float[] a, int base, int lda, boolean trans, int i0, int rows, int p0, int kc, float[] dst, int dstOff) {
    final int mr = MicroKernel.MR;
    for (int q = 0; q * mr < rows; q++) {
      int panel = dstOff + q * mr * kc;
      int panelRows = Math.min(mr, rows - q * mr);
      int firstRow = i0 + q * mr;
      if (trans) {
        // op(A)[i, p] = a[p·lda + i]: the MR values of one p are contiguous in the source.
        for (int p = 0; p < kc; p++) {
          int src = base + (p0 + p) * lda + firstRow;
          int d = panel + p * mr;
          System.arraycopy(a, src, dst, d, panelRows);
          if (panelRows < mr) {
            Arrays.fill(dst, d + panelRows, d + mr, 0f);
          }
        }
      } else {
        // Row by row: contiguous reads of one row of A, writes strided by MR.
        for (int r = 0; r < panelRows; r++) {
          int src = base + (firstRow + r) * lda + p0;
          int d = panel + r;
          for (int p = 0; p < kc; p++) {
            dst[d + p * mr] = a[src + p];
          }
        }
        for (int r = panelRows; r < mr; r++) {
          for (int p = 0; p < kc; p++) {
            dst[panel + r + p * mr] = 0f;
          }
        }
      }
    }
  }

  /**
   * Packs {@code op(B)[p0 : p0+kc, j0 : j0+cols]} into {@code dst} from index {@code dstOff}.
   *
   * @param b     the stored matrix; op(B)[p, j] is {@code b[base + p·ldb + j]}, or {@code b[base + j·ldb + p]}
   *              when {@code trans}
   */
  public static void packB(float[] b, int base, int ldb, boolean trans, int p0, int kc, int j0, int cols, float[] dst, int dstOff) {
    final int nr = MicroKernel.NR;
    for (int q = 0; q * nr < cols; q++) {
      int panel = dstOff + q * nr * kc;
      int panelCols = Math.min(nr, cols - q * nr);
      int firstCol = j0 + q * nr;
      if (trans) {
        // op(B)[p, j] = b[j·ldb + p]: read each stored row contiguously, write strided by NR.
        for (int j = 0; j < panelCols; j++) {
          int src = base + (firstCol + j) * ldb + p0;
          int d = panel + j;
          for (int p = 0; p < kc; p++) {
            dst[d + p * nr] = b[src + p];
          }
        }
        for (int j = panelCols; j < nr; j++) {
          for (int p = 0; p < kc; p++) {
            dst[panel + j + p * nr] = 0f;
          }
        }
      } else {
        for (int p = 0; p < kc; p++) {
          int src = base + (p0 + p) * ldb + firstCol;
          int d = panel + p * nr;
          System.arraycopy(b, src, dst, d, panelCols);
          if (panelCols < nr) {
            Arrays.fill(dst, d + panelCols, d + nr, 0f);
          }
        }
      }
    }
  }
}
