package io.recurbench.engine.cpu.gemm;

/**
 * The batched GEMM with a chosen parallelism and blocking: checks the arguments, keeps small calls
 * on the calling thread, runs many products as one task each, and splits a few large products
 * across its {@link TaskPool} with B packed once and shared ({@link ParallelProduct}).
 * {@link io.recurbench.engine.cpu.Gemm} uses one shared instance sized to the available
 * processors; benchmarks create their own to vary threads or block sizes.
 */
public final class GemmEngine implements AutoCloseable {
  /**
   * Below this many multiply-adds (summed over the batch) a call stays on the caller's thread:
   * 128³ ≈ 2·10⁶ is ~40 µs of one core, about where waking a worker stops being a loss.
   */
  static final long PARALLEL_MIN_WORK = 1L << 21;
  /** At or below this many multiply-adds per product, packing costs more than it saves (8³). */
  static final long UNPACKED_MAX_WORK = 1L << 9;

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
    if (batch > 1 && bBatchStride == 0 && !transA && cBatchStride != 0
        && aBatchStride == m * lda && cBatchStride == m * ldc) {
      // One weight applied to every example, rows of A and C back to back: the batch is one taller
      // product, which packs B once instead of once per example.
      batched(1, batch * m, n, k, a, aOffset, 0, lda, false, b, bOffset, 0, ldb, transB,
          c, cOffset, 0, ldc, accumulate);
      return;
    }
    long productWork = (long) m * n * k;
    boolean sharedC = cBatchStride == 0 && batch > 1;
    if (parallelism == 1 || productWork * batch < PARALLEL_MIN_WORK) {
      for (int p = 0; p < batch; p++) {
        product(m, n, k, a, aOffset + p * aBatchStride, lda, transA, b, bOffset + p * bBatchStride, ldb, transB,
            c, cOffset + p * cBatchStride, ldc, accumulate || (sharedC && p > 0));
      }
      return;
    }
    if (!sharedC && (batch >= parallelism * ParallelProduct.TASKS_PER_THREAD || productWork < PARALLEL_MIN_WORK)) {
      // Many products (attention heads × batch): whole products per task, each packing its own panels once.
      pool.run(batch, p -> product(m, n, k, a, aOffset + p * aBatchStride, lda, transA,
          b, bOffset + p * bBatchStride, ldb, transB, c, cOffset + p * cBatchStride, ldc, accumulate));
      return;
    }
    // Few large products, or products summed into one C: one at a time, each split across the pool.
    for (int p = 0; p < batch; p++) {
      int aBase = aOffset + p * aBatchStride;
      int bBase = bOffset + p * bBatchStride;
      int cBase = cOffset + p * cBatchStride;
      boolean add = accumulate || (sharedC && p > 0);
      if (k == 0 || productWork < PARALLEL_MIN_WORK || prefersUnpacked(m, n, k, transA, transB)) {
        product(m, n, k, a, aBase, lda, transA, b, bBase, ldb, transB, c, cBase, ldc, add);
      } else {
        ParallelProduct.multiply(pool, parallelism, blocks, m, n, k, a, aBase, lda, transA, b, bBase, ldb, transB,
            c, cBase, ldc, add);
      }
    }
  }

  private void product(int m, int n, int k,
      float[] a, int aBase, int lda, boolean transA,
      float[] b, int bBase, int ldb, boolean transB,
      float[] c, int cBase, int ldc, boolean accumulate) {
    if (k == 0 || prefersUnpacked(m, n, k, transA, transB)) {
      SmallGemm.multiply(m, n, k, a, aBase, lda, transA, b, bBase, ldb, transB, c, cBase, ldc, accumulate);
    } else {
      BlockedGemm.multiply(blocks, m, n, k, a, aBase, lda, transA, b, bBase, ldb, transB, c, cBase, ldc, accumulate);
    }
  }

  /**
   * Whether the unpacked {@link SmallGemm} beats packing (measured, {@code docs/performance.md}):
   * tiny products; with B transposed and A not, up to 16 rows or 8 columns (packing Bᵀ writes with a
   * stride and costs as much as the few rows of work); otherwise only one or two rows.
   */
  static boolean prefersUnpacked(int m, int n, int k, boolean transA, boolean transB) {
    if ((long) m * n * k <= UNPACKED_MAX_WORK) {
      return true;
    }
    if (transB) {
      return !transA && (m <= 16 || n <= 8);
    }
    return m <= 2;
  }

  /** Stops the worker threads (they are daemons, so an engine that is never closed does not keep the JVM alive). */
  @Override
  public void close() {
    pool.close();
  }
}
