package io.recurbench.engine.cpu.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner kernel: {@code C[MR, NR] (+)= Ap · Bp} over one packed A micro-panel
 * ({@code kc × MR}, row index fastest) and one packed B micro-panel ({@code kc × NR}, column index
 * fastest).
 *
 * <p>NR is two vectors of the preferred species, MR is as many rows as keep every accumulator in a
 * register: 8 with 512-bit vectors (AVX-512 has 32 vector registers), 6 otherwise
 * (AVX2's 16 registers). Each k step loads two B vectors, broadcasts MR scalars of A and issues
 * 2·MR fused multiply-adds. The tile shapes were measured, not guessed: see {@code
 * docs/performance.md} ("micro-kernel tile").
 *
 * <p>The kernel is written out by hand per shape (generic loops over MR would keep the accumulators
 * in memory rather than in registers).
 */
public final class MicroKernel {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  /** Lanes of the preferred float species (16 with AVX-512, 8 with AVX2). */
  public static final int LANES = S.length();
  /** Columns of one tile: two vectors. */
  public static final int NR = 2 * LANES;
  /** Rows of one tile. */
  public static final int MR = LANES >= 16 ? 8 : 6;

  private MicroKernel() {}

  /**
   * A full tile: {@code C[cOff + r·ldc + j] (+)= Σ_p Ap[aOff + p·MR + r] · Bp[bOff + p·NR + j]} for
   * r &lt; MR, j &lt; NR.
   *
   * @param add add to C when true, overwrite C when false
   */
  public static void full(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] c, int cOff, int ldc, boolean add) {
    if (MR == 8) {
      tile8x2(kc, ap, aOff, bp, bOff, c, cOff, ldc, add);
    } else {
      tile6x2(kc, ap, aOff, bp, bOff, c, cOff, ldc, add);
    }
  }

  /**
   * A partial tile at the right or bottom edge of C: the kernel runs on the zero-padded panels into
   * {@code scratch} (at least MR·NR floats) and only the {@code rows × cols} valid part reaches C.
   */
  public static void edge(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] c, int cOff, int ldc, boolean add,
      int rows, int cols, float[] scratch) {
    full(kc, ap, aOff, bp, bOff, scratch, 0, NR, false);
    for (int r = 0; r < rows; r++) {
      int ci = cOff + r * ldc;
      int si = r * NR;
      if (add) {
        for (int j = 0; j < cols; j++) {
          c[ci + j] += scratch[si + j];
        }
      } else {
        System.arraycopy(scratch, si, c, ci, cols);
      }
    }
  }

  private static void store(FloatVector v, float[] c, int off, boolean add) {
    (add ? v.add(FloatVector.fromArray(S, c, off)) : v).intoArray(c, off);
  }

  /** The 8 × 2·lanes tile: 16 accumulators + 2 B vectors + 1 broadcast fit AVX-512's 32 vector registers. */
  private static void tile8x2(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] c, int cOff, int ldc, boolean add) {
    FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S); FloatVector c51 = FloatVector.zero(S);
    FloatVector c60 = FloatVector.zero(S); FloatVector c61 = FloatVector.zero(S);
    FloatVector c70 = FloatVector.zero(S); FloatVector c71 = FloatVector.zero(S);
    int ai = aOff;
    int bi = bOff;
    for (int p = 0; p < kc; p++) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + LANES);
      FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
      c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
      FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
      c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
      FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
      c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
      FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
      c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
      FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
      c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
      FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
      c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
      FloatVector a6 = FloatVector.broadcast(S, ap[ai + 6]);
      c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
      FloatVector a7 = FloatVector.broadcast(S, ap[ai + 7]);
      c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71);
      ai += 8;
      bi += NR;
    }
    store(c00, c, cOff, add);
    store(c01, c, cOff + LANES, add);
    store(c10, c, cOff + 1 * ldc, add);
    store(c11, c, cOff + 1 * ldc + LANES, add);
    store(c20, c, cOff + 2 * ldc, add);
    store(c21, c, cOff + 2 * ldc + LANES, add);
    store(c30, c, cOff + 3 * ldc, add);
    store(c31, c, cOff + 3 * ldc + LANES, add);
    store(c40, c, cOff + 4 * ldc, add);
    store(c41, c, cOff + 4 * ldc + LANES, add);
    store(c50, c, cOff + 5 * ldc, add);
    store(c51, c, cOff + 5 * ldc + LANES, add);
    store(c60, c, cOff + 6 * ldc, add);
    store(c61, c, cOff + 6 * ldc + LANES, add);
    store(c70, c, cOff + 7 * ldc, add);
    store(c71, c, cOff + 7 * ldc + LANES, add);
  }

  /** The 6 × 2·lanes tile: 12 accumulators + 2 B vectors + 1 broadcast fit AVX2's 16 vector registers. */
  private static void tile6x2(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] c, int cOff, int ldc, boolean add) {
    FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S); FloatVector c51 = FloatVector.zero(S);
    int ai = aOff;
    int bi = bOff;
    for (int p = 0; p < kc; p++) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + LANES);
      FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
      c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
      FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
      c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
      FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
      c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
      FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
      c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
      FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
      c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
      FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
      c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
      ai += 6;
      bi += NR;
    }
    store(c00, c, cOff, add);
    store(c01, c, cOff + LANES, add);
    store(c10, c, cOff + 1 * ldc, add);
    store(c11, c, cOff + 1 * ldc + LANES, add);
    store(c20, c, cOff + 2 * ldc, add);
    store(c21, c, cOff + 2 * ldc + LANES, add);
    store(c30, c, cOff + 3 * ldc, add);
    store(c31, c, cOff + 3 * ldc + LANES, add);
    store(c40, c, cOff + 4 * ldc, add);
    store(c41, c, cOff + 4 * ldc + LANES, add);
    store(c50, c, cOff + 5 * ldc, add);
    store(c51, c, cOff + 5 * ldc + LANES, add);
  }
}
