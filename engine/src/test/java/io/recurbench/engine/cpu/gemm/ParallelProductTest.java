package io.recurbench.engine.cpu.gemm;

import static io.recurbench.engine.cpu.gemm.MicroKernel.MR;
import static io.recurbench.engine.cpu.gemm.MicroKernel.NR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shared-panel parallel split on small problems with small blocks, so that several column
 * blocks, depth blocks, row tasks and column groups all occur; checked against a float64 loop.
 */
class ParallelProductTest {
  @Test
  void matchesNaiveProductAcrossBlocksTasksAndTransposes() {
    BlockSizes tiny = new BlockSizes(2 * MR, 7, 2 * NR);
    int[][] shapes = {{5, 3 * NR + 5, 30}, {9 * MR + 1, 2 * NR + 1, 15}, {MR, 5 * NR, 8}, {1, 1, 1}, {40, 70, 1}};
    try (TaskPool pool = new TaskPool(3)) {
      for (int[] s : shapes) {
        for (int t = 0; t < 4; t++) {
          boolean transA = (t & 1) != 0;
          boolean transB = (t & 2) != 0;
          boolean accumulate = t == 3;
          check(pool, tiny, s[0], s[1], s[2], transA, transB, accumulate, new Random(s[0] * 31L + s[1] + t));
        }
      }
    }
  }

  @Test
  void deepProductsShrinkTheColumnBlockToThePackedBBudget() {
    // Several column blocks per product are exercised above with nc = 2·NR; here only the choice of nc.
    assertThat(BlockedGemm.columnBlock(BlockSizes.DEFAULT, 1024, 1024)).isEqualTo(1024);
    assertThat(BlockedGemm.columnBlock(BlockSizes.DEFAULT, 100, 64)).isEqualTo(BlockSizes.roundUp(100, NR));
    int k = BlockedGemm.PACKED_B_MAX_FLOATS / (2 * NR) + 3;
    assertThat(BlockedGemm.columnBlock(BlockSizes.DEFAULT, 10 * NR, k)).isEqualTo(NR);
    assertThat(4096L * BlockedGemm.columnBlock(BlockSizes.DEFAULT, 1 << 20, 4096)).isEqualTo(BlockedGemm.PACKED_B_MAX_FLOATS);
    assertThat(BlockedGemm.columnBlock(BlockSizes.DEFAULT, 10 * NR, Integer.MAX_VALUE / 2)).isEqualTo(NR);
  }

  private static void check(TaskPool pool, BlockSizes blocks, int m, int n, int k, boolean transA, boolean transB,
      boolean accumulate, Random rnd) {
    int lda = (transA ? m : k) + 2;
    int ldb = (transB ? k : n) + 1;
    int ldc = n + 3;
    float[] a = random(rnd, (transA ? k : m) * lda);
    float[] b = random(rnd, (transB ? n : k) * ldb);
    float[] c = random(rnd, m * ldc);
    float[] c0 = c.clone();
    ParallelProduct.multiply(pool, 3, blocks, m, n, k, a, 0, lda, transA, b, 0, ldb, transB, c, 0, ldc, accumulate);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < ldc; j++) {
        if (j >= n) {
          assertThat(c[i * ldc + j]).isEqualTo(c0[i * ldc + j]);
          continue;
        }
        double sum = accumulate ? c0[i * ldc + j] : 0;
        double abs = Math.abs(sum);
        for (int p = 0; p < k; p++) {
          double prod = (double) (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
          sum += prod;
          abs += Math.abs(prod);
        }
        assertThat((double) c[i * ldc + j]).as("C[%d][%d] of %dx%dx%d", i, j, m, n, k)
            .isCloseTo(sum, org.assertj.core.data.Offset.offset((k + 2) * 0x1p-24 * abs + 1e-30));
      }
    }
  }

  private static float[] random(Random rnd, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return x;
  }
}
