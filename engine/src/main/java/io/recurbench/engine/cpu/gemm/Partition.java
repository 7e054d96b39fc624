package io.recurbench.engine.cpu.gemm;

/**
 * How a batched product is cut into independent tasks: each task owns a block of rows × columns of
 * one C (or, when C is shared across the batch, of that C for the whole batch, so that the sum over
 * the batch keeps one writer and a fixed order). Tasks pack their own panels, so blocks are kept
 * large enough that repacking stays a small fraction of the work.
 *
 * @param batchTasks  1 when the whole batch goes into one task (shared C), else the batch size
 * @param rowsPerTask rows of C per task (a multiple of MR, except that the last block may be short)
 * @param rowParts    blocks along m
 * @param colsPerTask columns of C per task
 * @param colParts    blocks along n
 */
public record Partition(int batchTasks, int rowsPerTask, int rowParts, int colsPerTask, int colParts) {
  /** Tasks per worker: more than one lets a thread that ran fast (or was not preempted) take more. */
  static final int TASKS_PER_THREAD = 3;
  /** Smallest block worth a task of its own: below this, repacking the other operand dominates. */
  static final int MIN_ROWS = 8 * MicroKernel.MR;
  static final int MIN_COLS = 4 * MicroKernel.NR;

  /** Number of tasks. */
  public int tasks() {
    return batchTasks * rowParts * colParts;
  }

  /** The plan for {@code parallelism} workers. */
  public static Partition plan(int batch, int m, int n, boolean sharedC, int parallelism) {
    int batchTasks = sharedC ? 1 : batch;
    int splits = ceilDiv(parallelism * TASKS_PER_THREAD, batchTasks);
    int rowParts = Math.max(1, Math.min(splits, ceilDiv(m, MIN_ROWS)));
    int colParts = Math.max(1, Math.min(ceilDiv(splits, rowParts), ceilDiv(n, MIN_COLS)));
    int rowsPerTask = BlockSizes.roundUp(ceilDiv(m, rowParts), MicroKernel.MR);
    int colsPerTask = BlockSizes.roundUp(ceilDiv(n, colParts), MicroKernel.NR);
    return new Partition(batchTasks, rowsPerTask, ceilDiv(m, rowsPerTask), colsPerTask, ceilDiv(n, colsPerTask));
  }

  private static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }
}
