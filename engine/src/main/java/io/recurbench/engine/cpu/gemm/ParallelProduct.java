package io.recurbench.engine.cpu.gemm;

import static io.recurbench.engine.cpu.gemm.MicroKernel.MR;
import static io.recurbench.engine.cpu.gemm.MicroKernel.NR;

import java.util.concurrent.CountDownLatch;

/**
 * One large product split across the pool with B packed once and shared: per block of nc columns,
 * one {@link TaskPool#run} whose first tasks pack all of op(B)[:, jc : jc+nc] (every kc block, in
 * parallel) and whose remaining tasks each own a block of rows × a group of column panels of C and
 * wait for the packing before they run {@link BlockedGemm#rowBlock} with their own packed A.
 *
 * <p>Why not independent tiles each packing its own panels: every tile would repack the whole depth
 * of the other operand, which on a 1024³ product cut into 6 tiles cost a third of the CPU time.
 */
final class ParallelProduct {
  /** Compute tasks per thread: a thread slowed by other load leaves its share to the others. */
  static final int TASKS_PER_THREAD = 3;

  private ParallelProduct() {}

  static void multiply(TaskPool pool, int parallelism, BlockSizes blocks, int m, int n, int k,
      float[] a, int aBase, int lda, boolean transA,
      float[] b, int bBase, int ldb, boolean transB,
      float[] c, int cBase, int ldc, boolean accumulate) {
    int kBlocks = ceilDiv(k, blocks.kc());
    int ncBlock = BlockedGemm.columnBlock(blocks, n, k);
    float[] bPack = PackBuffers.ofCurrentThread().b(k * ncBlock);

    // Row blocks: about TASKS_PER_THREAD per thread, at most mc rows, whole micro-tiles.
    int rowTasks = Math.max(ceilDiv(m, blocks.mc()), Math.min(parallelism * TASKS_PER_THREAD, ceilDiv(m, MR)));
    int rowsPerTask = BlockSizes.roundUp(ceilDiv(m, rowTasks), MR);
    rowTasks = ceilDiv(m, rowsPerTask);

    for (int jc = 0; jc < n; jc += ncBlock) {
      int nc = Math.min(ncBlock, n - jc);
      int panels = ceilDiv(nc, NR);
      int packGroups = Math.min(panels, parallelism);
      int packTasks = kBlocks * packGroups;
      // Few row blocks (a short, wide C): also split the column panels so every thread has work.
      int colGroups = rowTasks >= parallelism * TASKS_PER_THREAD ? 1
          : Math.min(panels, ceilDiv(parallelism * TASKS_PER_THREAD, rowTasks));
      int panelsPerGroup = ceilDiv(panels, colGroups);
      colGroups = ceilDiv(panels, panelsPerGroup);
      CountDownLatch packed = new CountDownLatch(packTasks);
      int column0 = jc;
      int groups = colGroups;
      int computeRows = rowsPerTask;
      pool.run(packTasks + rowTasks * colGroups, task -> {
        if (task < packTasks) {
          try {
            int pc = (task / packGroups) * blocks.kc();
            int kc = Math.min(blocks.kc(), k - pc);
            int q0 = (task % packGroups) * panels / packGroups;
            int q1 = (task % packGroups + 1) * panels / packGroups;
            Packing.packB(b, bBase, ldb, transB, pc, kc, column0 + q0 * NR, Math.min(q1 * NR, nc) - q0 * NR,
                bPack, pc * panels * NR + q0 * NR * kc);
          } finally {
            packed.countDown();
          }
          return;
        }
        awaitUninterruptibly(packed);
        int t = task - packTasks;
        int i0 = (t / groups) * computeRows;
        int q0 = (t % groups) * panelsPerGroup;
        BlockedGemm.rowBlock(blocks, k, a, aBase, lda, transA, i0, Math.min(computeRows, m - i0), bPack, panels, q0,
            Math.min((q0 + panelsPerGroup) * NR, nc) - q0 * NR, c, cBase + column0, ldc, accumulate,
            PackBuffers.ofCurrentThread());
      });
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }
}
