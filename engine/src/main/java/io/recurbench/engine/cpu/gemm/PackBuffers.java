package io.recurbench.engine.cpu.gemm;

/**
 * The per-thread scratch of the packed GEMM: packed A block, packed B block and one edge tile.
 * Pooled in a {@link ThreadLocal} so that a call allocates nothing once a thread has seen its
 * largest block; they only grow.
 */
final class PackBuffers {
  private static final ThreadLocal<PackBuffers> OF_THREAD = ThreadLocal.withInitial(PackBuffers::new);

  private float[] a = new float[0];
  private float[] b = new float[0];
  final float[] tile = new float[MicroKernel.MR * MicroKernel.NR];

  static PackBuffers ofCurrentThread() {
    return OF_THREAD.get();
  }

  /** A buffer of at least {@code size} floats for a packed block of A (contents undefined). */
  float[] a(int size) {
    if (a.length < size) {
      a = new float[size];
    }
    return a;
  }

  /** A buffer of at least {@code size} floats for a packed block of B (contents undefined). */
  float[] b(int size) {
    if (b.length < size) {
      b = new float[size];
    }
    return b;
  }
}
