package io.recurbench.engine.cpu.gemm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionTest {
  @Test
  void blocksCoverCExactlyOnceAndRespectTileMultiples() {
    int[][] shapes = {{1, 1024, 1024}, {1, 6208, 1536}, {64, 81, 512}, {3, 17, 5}, {1, 1, 1}, {2, 1000, 33}};
    for (int[] s : shapes) {
      for (int threads : new int[] {1, 2, 3, 16}) {
        Partition plan = Partition.plan(s[0], s[1], s[2], false, threads);
        assertThat((long) plan.rowParts() * plan.rowsPerTask()).isGreaterThanOrEqualTo(s[1]);
        assertThat((long) (plan.rowParts() - 1) * plan.rowsPerTask()).isLessThan(s[1]);
        assertThat((long) plan.colParts() * plan.colsPerTask()).isGreaterThanOrEqualTo(s[2]);
        assertThat((long) (plan.colParts() - 1) * plan.colsPerTask()).isLessThan(s[2]);
        assertThat(plan.rowsPerTask() % MicroKernel.MR).isZero();
        assertThat(plan.colsPerTask() % MicroKernel.NR).isZero();
        assertThat(plan.batchTasks()).isEqualTo(s[0]);
      }
    }
  }

  @Test
  void aSingleLargeProductIsSplitForEveryThread() {
    Partition plan = Partition.plan(1, 1024, 1024, false, 2);
    assertThat(plan.tasks()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void sharedCKeepsTheWholeBatchInEachTask() {
    Partition plan = Partition.plan(50, 64, 64, true, 4);
    assertThat(plan.batchTasks()).isEqualTo(1);
  }
}
