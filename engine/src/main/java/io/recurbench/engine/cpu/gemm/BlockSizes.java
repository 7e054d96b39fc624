package io.recurbench.engine.cpu.gemm;

/**
 * Cache blocking of the packed GEMM (the GotoBLAS/BLIS loop nest): a {@code kc × NR} micro-panel
 * of B is meant to stay in L1 while the kernel sweeps the {@code mc × kc} packed block of A held in
 * L2; the {@code kc × nc} packed block of B lives in L2/L3.
 *
 * @param mc rows of op(A) packed at once, a multiple of {@link MicroKernel#MR}
 * @param kc depth of one packed block (the kernel's loop length)
 * @param nc columns of op(B) packed at once, a multiple of {@link MicroKernel#NR}
 */
public record BlockSizes(int mc, int kc, int nc) {
  /**
   * The sizes measured best on the reference machine (2-core Xeon with AVX-512, 48 KiB L1d and
   * 2 MiB L2 per core; {@code docs/performance.md}, "block sizes"). A deep kc = 512 beats the
   * L1-sized 256 there although its 64 KiB B micro-panel streams from L2: it halves the passes over
   * C, whose tiles otherwise come from memory on TRM-sized products (no prefetch instruction is
   * reachable from Java to hide that). The 192 × 512 A block is 384 KiB of L2.
   */
  public static final BlockSizes DEFAULT = new BlockSizes(roundUp(192, MicroKernel.MR), 512, roundUp(2048, MicroKernel.NR));

  public BlockSizes {
    if (mc <= 0 || mc % MicroKernel.MR != 0) {
      throw new IllegalArgumentException("mc must be a positive multiple of MR=" + MicroKernel.MR + ", got " + mc);
    }
    if (kc <= 0) {
      throw new IllegalArgumentException("kc must be positive, got " + kc);
    }
    if (nc <= 0 || nc % MicroKernel.NR != 0) {
      throw new IllegalArgumentException("nc must be a positive multiple of NR=" + MicroKernel.NR + ", got " + nc);
    }
  }

  static int roundUp(int value, int multiple) {
    return (value + multiple - 1) / multiple * multiple;
  }
}
