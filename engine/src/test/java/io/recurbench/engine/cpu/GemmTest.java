package io.recurbench.engine.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.engine.cpu.gemm.BlockSizes;
import io.recurbench.engine.cpu.gemm.DirectGemm;
import io.recurbench.engine.cpu.gemm.GemmEngine;
import io.recurbench.engine.cpu.gemm.MicroKernel;
import io.recurbench.engine.cpu.gemm.SmallGemm;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Gemm#batched} against a naive triple loop accumulating in double, with the error bound of
 * a float32 dot product: |ĉ − c| ≤ γ·Σ|a·b| where γ = (k + 2)·2⁻²⁴ (k products plus the initial C),
 * so a wrong index or a lost block shows as an O(1) error while rounding never trips the check.
 */
class GemmTest {
  private static final int[] SIZES = {1, 2, 7, 16, 17, 31, 33, 64, 97, 257};

  /** The shape grid: every size appears for each of m, n, k, with every transpose combination. */
  static Stream<Arguments> shapes() {
    Stream.Builder<Arguments> cases = Stream.builder();
    int[][] mnk = {
        {1, 1, 1}, {1, 257, 33}, {257, 1, 17}, {7, 31, 1}, {16, 16, 16}, {17, 33, 31}, {33, 17, 64},
        {64, 64, 257}, {97, 97, 97}, {257, 64, 7}, {31, 257, 2}, {2, 7, 257}, {257, 257, 257}, {100, 130, 300}};
    for (int[] s : mnk) {
      for (int t = 0; t < 4; t++) {
        cases.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
      }
    }
    return cases.build();
  }

  @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
  @MethodSource("shapes")
  void matchesNaiveProductForEveryShapeAndTransposeCombination(int m, int n, int k, boolean transA, boolean transB) {
    Problem p = Problem.dense(new Random(31L * m + 7L * n + k), 1, m, n, k, transA, transB);
    p.run(false, Gemm::batched);
    p.assertMatchesReference(false);
  }

  @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
  @MethodSource("shapes")
  void accumulatesIntoExistingC(int m, int n, int k, boolean transA, boolean transB) {
    Problem p = Problem.dense(new Random(1000L + m * 13L + n * 3L + k), 1, m, n, k, transA, transB);
    p.run(true, Gemm::batched);
    p.assertMatchesReference(true);
  }

  @Test
  void overwriteIgnoresNaNsAlreadyInC() {
    Problem p = Problem.dense(new Random(5), 1, 40, 50, 60, false, false);
    Arrays.fill(p.c, Float.NaN);
    p.run(false, Gemm::batched);
    p.assertMatchesReference(false);
  }

  @Test
  void respectsOffsetsAndLeadingDimensionsAndLeavesPaddingUntouched() {
    for (int t = 0; t < 4; t++) {
      Problem p = Problem.padded(new Random(40 + t), 3, 45, 67, 39, (t & 1) != 0, (t & 2) != 0, 5, 11);
      p.run(true, Gemm::batched);
      p.assertMatchesReference(true);
      p.assertPaddingUntouched();
    }
  }

  @Test
  void batchStrideZeroBroadcastsAOrB() {
    Problem sharedA = Problem.broadcast(new Random(8), 5, 48, 40, 36, true, false);
    sharedA.run(false, Gemm::batched);
    sharedA.assertMatchesReference(false);
    Problem sharedB = Problem.broadcast(new Random(9), 5, 48, 40, 36, false, true);
    sharedB.run(true, Gemm::batched);
    sharedB.assertMatchesReference(true);
  }

  @Test
  void sharedWeightOverContiguousExamplesMatches() {
    // B broadcast and A, C rows back to back: the engine folds the batch into one taller product.
    for (boolean transB : new boolean[] {false, true}) {
      for (int batch : new int[] {2, 64}) {
        Problem p = Problem.sharedWeight(new Random(batch + (transB ? 1 : 0)), batch, 9, 40, 33, transB);
        p.run(batch == 2, Gemm::batched);
        p.assertMatchesReference(batch == 2);
      }
    }
  }

  @Test
  void largeBatchTakesTheParallelPathAndMatches() {
    // 6 × 130 × 140 × 150 multiply-adds is far above the parallel threshold; the default engine splits it.
    for (int t = 0; t < 4; t++) {
      Problem p = Problem.dense(new Random(60 + t), 6, 130, 140, 150, (t & 1) != 0, (t & 2) != 0);
      p.run(t % 2 == 0, Gemm::batched);
      p.assertMatchesReference(t % 2 == 0);
    }
  }

  @Test
  void singleLargeProductIsSplitIntoTilesAcrossThreads() {
    try (GemmEngine engine = new GemmEngine(4)) {
      Problem p = Problem.dense(new Random(70), 1, 300, 290, 100, false, true);
      p.run(false, engine::batched);
      p.assertMatchesReference(false);
    }
  }

  @Test
  void concurrentCallersShareThePoolAndEachGetsItsOwnResult() throws Exception {
    // The CPU backend may multiply from several threads at once: jobs queue on the shared pool and every caller works on its own.
    int callers = 4;
    Problem[] problems = new Problem[callers];
    Thread[] threads = new Thread[callers];
    Throwable[] failures = new Throwable[callers];
    for (int t = 0; t < callers; t++) {
      problems[t] = Problem.dense(new Random(200 + t), 1 + t % 2, 160, 150, 140, t % 2 == 0, t >= 2);
      int index = t;
      threads[t] = new Thread(() -> {
        try {
          for (int rep = 0; rep < 3; rep++) {
            problems[index].run(false, Gemm::batched);
          }
        } catch (Throwable e) {
          failures[index] = e;
        }
      });
      threads[t].start();
    }
    for (int t = 0; t < callers; t++) {
      threads[t].join();
      assertThat(failures[t]).isNull();
      problems[t].assertMatchesReference(false);
    }
  }

  @Test
  void sharedCSumsTheBatchWhenAccumulating() {
    // A gradient of a broadcast weight: C += Σ_b A[b]ᵀ·B[b], with C's batch stride 0.
    for (int batch : new int[] {3, 40}) {
      Problem p = Problem.sharedC(new Random(80 + batch), batch, 70, 90, 110, true, false);
      p.run(true, Gemm::batched);
      p.assertMatchesReference(true);
    }
  }

  @Test
  void sharedCSumsLargeProductsSplitAcrossThreads() {
    Problem p = Problem.sharedC(new Random(85), 3, 150, 140, 130, false, true);
    p.run(true, Gemm::batched);
    p.assertMatchesReference(true);
  }

  @Test
  void smallBlockSizesExerciseEveryBlockingLoopAndEdgeTile() {
    BlockSizes tiny = new BlockSizes(2 * MicroKernel.MR, 5, 2 * MicroKernel.NR);
    try (GemmEngine engine = new GemmEngine(3, tiny)) {
      for (int t = 0; t < 4; t++) {
        Problem p = Problem.padded(new Random(90 + t), 2, 3 * MicroKernel.MR + 3, 5 * MicroKernel.NR + 7, 23,
            (t & 1) != 0, (t & 2) != 0, 3, 4);
        p.run(t >= 2, engine::batched);
        p.assertMatchesReference(t >= 2);
        p.assertPaddingUntouched();
      }
    }
  }

  @Test
  void scalarPathMatchesForEveryTransposeCombination() {
    for (int t = 0; t < 4; t++) {
      Problem p = Problem.dense(new Random(100 + t), 1, 37, 29, 41, (t & 1) != 0, (t & 2) != 0);
      p.run(t == 1, (batch, m, n, k, a, ao, as, lda, ta, b, bo, bs, ldb, tb, c, co, cs, ldc, acc) ->
          DirectGemm.multiply(m, n, k, a, ao, lda, ta, b, bo, ldb, tb, c, co, ldc, acc));
      p.assertMatchesReference(t == 1);
    }
  }

  @Test
  void unpackedVectorPathMatchesForEveryTransposeCombination() {
    int[][] shapes = {{1, 100, 37}, {2, 33, 70}, {16, 9, 41}, {5, 5, 5}, {40, 3, 50}};
    for (int[] s : shapes) {
      for (int t = 0; t < 4; t++) {
        Problem p = Problem.padded(new Random(110 + t + s[0]), 1, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, 2, 1);
        p.run(t == 2, (batch, m, n, k, a, ao, as, lda, ta, b, bo, bs, ldb, tb, c, co, cs, ldc, acc) ->
            SmallGemm.multiply(m, n, k, a, ao, lda, ta, b, bo, ldb, tb, c, co, ldc, acc));
        p.assertMatchesReference(t == 2);
        p.assertPaddingUntouched();
      }
    }
  }

  @Test
  void zeroDepthClearsOrKeepsC() {
    float[] c = {1, 2, 3, 4, 5, 6};
    Gemm.batched(1, 2, 3, 0, new float[0], 0, 0, 1, false, new float[0], 0, 0, 3, false, c, 0, 0, 3, true);
    assertThat(c).containsExactly(1, 2, 3, 4, 5, 6);
    Gemm.batched(1, 2, 3, 0, new float[0], 0, 0, 1, false, new float[0], 0, 0, 3, false, c, 0, 0, 3, false);
    assertThat(c).containsOnly(0f);
  }

  @Test
  void rejectsAnOperandTooShortForItsShapeNamingIt() {
    assertThatThrownBy(() -> Gemm.batched(2, 4, 5, 6, new float[4 * 6], 0, 24, 6, false,
        new float[2 * 30], 0, 30, 5, false, new float[2 * 20], 0, 20, 5, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A (stored [4, 6])")
        .hasMessageContaining("needs 48 elements");
    assertThatThrownBy(() -> Gemm.batched(1, 4, 5, 6, new float[24], 0, 0, 6, false,
        new float[30], 0, 0, 4, false, new float[20], 0, 0, 5, false))
        .hasMessageContaining("B (stored [6, 5])")
        .hasMessageContaining("leading dimension must be >= 5");
    assertThatThrownBy(() -> Gemm.batched(1, -1, 5, 6, new float[0], 0, 0, 6, false,
        new float[30], 0, 0, 5, false, new float[0], 0, 0, 5, false))
        .hasMessageContaining("sizes must be non-negative");
  }

  @Test
  void rejectsSharedCWithoutAccumulate() {
    assertThatThrownBy(() -> Gemm.batched(2, 2, 2, 2, new float[8], 0, 4, 2, false,
        new float[8], 0, 4, 2, false, new float[4], 0, 0, 2, false))
        .hasMessageContaining("C batch stride 0 with batch=2 and accumulate=false");
  }

  /** The 19-argument signature of {@link Gemm#batched}, so tests can run other entry points on the same cases. */
  @FunctionalInterface
  interface BatchedGemm {
    void call(int batch, int m, int n, int k,
        float[] a, int aOffset, int aBatchStride, int lda, boolean transA,
        float[] b, int bOffset, int bBatchStride, int ldb, boolean transB,
        float[] c, int cOffset, int cBatchStride, int ldc, boolean accumulate);
  }

  /** One batched problem: operands laid out with offsets, leading dimensions and batch strides, and C's initial value. */
  private static final class Problem {
    final int batch, m, n, k;
    final boolean transA, transB;
    final float[] a, b, c, c0;
    final int aOff, aStride, lda, bOff, bStride, ldb, cOff, cStride, ldc;

    private Problem(Random rnd, int batch, int m, int n, int k, boolean transA, boolean transB,
        int pad, int offset, boolean shareA, boolean shareB, boolean shareC) {
      this.batch = batch; this.m = m; this.n = n; this.k = k; this.transA = transA; this.transB = transB;
      int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
      lda = aCols + pad; ldb = bCols + pad; ldc = n + pad;
      aOff = offset; bOff = offset + 1; cOff = offset + 2;
      aStride = shareA ? 0 : aRows * lda + pad; bStride = shareB ? 0 : bRows * ldb + pad; cStride = shareC ? 0 : m * ldc + pad;
      a = random(rnd, aOff + (batch - 1) * aStride + aRows * lda + offset);
      b = random(rnd, bOff + (batch - 1) * bStride + bRows * ldb + offset);
      c = random(rnd, cOff + (batch - 1) * cStride + m * ldc + offset);
      c0 = c.clone();
    }

    static Problem dense(Random rnd, int batch, int m, int n, int k, boolean transA, boolean transB) {
      return new Problem(rnd, batch, m, n, k, transA, transB, 0, 0, false, false, false);
    }

    static Problem padded(Random rnd, int batch, int m, int n, int k, boolean transA, boolean transB, int pad, int offset) {
      return new Problem(rnd, batch, m, n, k, transA, transB, pad, offset, false, false, false);
    }

    static Problem broadcast(Random rnd, int batch, int m, int n, int k, boolean shareA, boolean shareB) {
      return new Problem(rnd, batch, m, n, k, false, true, 1, 2, shareA, shareB, false);
    }

    static Problem sharedWeight(Random rnd, int batch, int m, int n, int k, boolean transB) {
      return new Problem(rnd, batch, m, n, k, false, transB, 0, 0, false, true, false);
    }

    static Problem sharedC(Random rnd, int batch, int m, int n, int k, boolean transA, boolean transB) {
      return new Problem(rnd, batch, m, n, k, transA, transB, 0, 3, false, false, true);
    }

    private static float[] random(Random rnd, int size) {
      float[] x = new float[size];
      for (int i = 0; i < size; i++) {
        x[i] = (float) (rnd.nextDouble() * 2 - 1);
      }
      return x;
    }

    void run(boolean accumulate, BatchedGemm gemm) {
      gemm.call(batch, m, n, k, a, aOff, aStride, lda, transA, b, bOff, bStride, ldb, transB, c, cOff, cStride, ldc, accumulate);
    }

    float opA(int p, int i, int q) {
      int base = aOff + p * aStride;
      return transA ? a[base + q * lda + i] : a[base + i * lda + q];
    }

    float opB(int p, int q, int j) {
      int base = bOff + p * bStride;
      return transB ? b[base + j * ldb + q] : b[base + q * ldb + j];
    }

    void assertMatchesReference(boolean accumulate) {
      boolean sharedC = cStride == 0;
      double gamma = (k * (sharedC ? batch : 1) + 2) * 0x1p-24;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          for (int p = 0; p < (sharedC ? 1 : batch); p++) {
            int ci = cOff + p * cStride + i * ldc + j;
            double sum = accumulate ? c0[ci] : 0;
            double abs = Math.abs(sum);
            for (int pp = sharedC ? 0 : p; pp < (sharedC ? batch : p + 1); pp++) {
              for (int q = 0; q < k; q++) {
                double prod = (double) opA(pp, i, q) * opB(pp, q, j);
                sum += prod;
                abs += Math.abs(prod);
              }
            }
            double err = Math.abs(c[ci] - sum);
            if (!(err <= gamma * abs + 1e-30)) {
              throw new AssertionError("C[" + p + "][" + i + "][" + j + "] = " + c[ci] + " but the reference is " + sum
                  + " (error " + err + " > bound " + gamma * abs + ")");
            }
          }
        }
      }
    }

    void assertPaddingUntouched() {
      boolean[] inside = new boolean[c.length];
      for (int p = 0; p < batch; p++) {
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            inside[cOff + p * cStride + i * ldc + j] = true;
          }
        }
      }
      for (int i = 0; i < c.length; i++) {
        if (!inside[i]) {
          assertThat(c[i]).as("C padding at %d", i).isEqualTo(c0[i]);
        }
      }
    }
  }
}
