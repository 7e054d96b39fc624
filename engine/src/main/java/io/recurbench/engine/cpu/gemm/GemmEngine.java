package io.recurbench.engine.cpu.gemm;

/**
 * The batched GEMM with a chosen parallelism and blocking: checks the arguments, keeps small
 * products on the calling thread, and splits larger ones over batch × row blocks × column blocks
 * on its {@link TaskPool}. {@link io.recurbench.engine.cpu.Gemm} uses one shared instance sized to
 * the available processors; benchmarks create their own to vary threads or block sizes.
 */
public final class GemmEngine implements AutoCloseable {
  /**
   * Below this many multiply-adds (summed over the batch) a call stays on the caller's thread:
   * 128³ ≈ 2·10⁶ is ~40 µs of one core, about where waking a worker stops being a loss.
   */
  static final long PARALLEL_MIN_WORK = 1L << 21;
  /** At or below this many multiply-adds per product, packing costs more than it saves (16³). */
  static final long DIRECT_MAX_WORK = 1L << 12;

  private final int parallelism;
  private final BlockSizes blocks;
  private final TaskPool pool;

  /** An engine with {@code parallelism} threads (the caller included) and the default block sizes. */
  public GemmEngine(int parallelism) {
    this(parallelism, BlockSizes.DEFAULT);
  }

  /** An engine with {@code parallelism} threads (the caller included) and the given block sizes. */
  public GemmEngine(int parallelism, BlockSizes blocks) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    this.parallelism = parallelism;
    this.blocks = blocks;
    this.pool = new TaskPool(parallelism);
  }

  /** Threads a large call uses, the caller's included. */
  public int parallelism() {
    return parallelism;
  }

  /** Same contract as {@link io.recurbench.engine.cpu.Gemm#batched}. */
  public void batched(int batch, int m, int n, int k,
      float[] a, int aOffset, int aBatchStride, int lda, boolean transA,
      float[] b, int bOffset, int bBatchStride, int ldb, boolean transB,
      float[] c, int cOffset, int cBatchStride, int ldc, boolean accumulate) {
    GemmArguments.check(batch, m, n, k, a, aOffset, aBatchStride, lda, transA,
        b, bOffset, bBatchStride, ldb, transB, c, cOffset, cBatchStride, ldc, accumulate);
    if (batch == 0 || m == 0 || n == 0) {
      return;
    }
    long work = (long) batch * m * n * k;
    Partition plan = parallelism == 1 || work < PARALLEL_MIN_WORK
        ? null
        : Partition.plan(batch, m, n, cBatchStride == 0, parallelism);
    if (plan == null || plan.tasks() == 1) {
      for (int p = 0; p < batch; p++) {
        product(m, n, k, a, aOffset + p * aBatchStride, lda, transA, b, bOffset + p * bBatchStride, ldb, transB,
            c, cOffset + p * cBatchStride, ldc, accumulate || (cBatchStride == 0 && p > 0));
      }
      return;
    }
    int blocksPerProduct = plan.rowParts() * plan.colParts();
    pool.run(plan.tasks(), task -> {
      int batchTask = task / blocksPerProduct;
      int block = task % blocksPerProduct;
      int i0 = (block / plan.colParts()) * plan.rowsPerTask();
      int j0 = (block % plan.colParts()) * plan.colsPerTask();
      int rows = Math.min(plan.rowsPerTask(), m - i0);
      int cols = Math.min(plan.colsPerTask(), n - j0);
      int firstProduct = plan.batchTasks() == 1 ? 0 : batchTask;
      int lastProduct = plan.batchTasks() == 1 ? batch : batchTask + 1;
      for (int p = firstProduct; p < lastProduct; p++) {
        product(rows, cols, k,
            a, aOffset + p * aBatchStride + (transA ? i0 : i0 * lda), lda, transA,
            b, bOffset + p * bBatchStride + (transB ? j0 * ldb : j0), ldb, transB,
            c, cOffset + p * cBatchStride + i0 * ldc + j0, ldc, accumulate || (cBatchStride == 0 && p > 0));
      }
    });
  }

  private void product(int m, int n, int k,
      float[] a, int aBase, int lda, boolean transA,
      float[] b, int bBase, int ldb, boolean transB,
      float[] c, int cBase, int ldc, boolean accumulate) {
    if (k == 0 || (long) m * n * k <= DIRECT_MAX_WORK) {
      DirectGemm.multiply(m, n, k, a, aBase, lda, transA, b, bBase, ldb, transB, c, cBase, ldc, accumulate);
    } else {
      BlockedGemm.multiply(blocks, m, n, k, a, aBase, lda, transA, b, bBase, ldb, transB, c, cBase, ldc, accumulate);
    }
  }

  /** Stops the worker threads (they are daemons, so an engine that is never closed does not keep the JVM alive). */
  @Override
  public void close() {
    pool.close();
  }
}
