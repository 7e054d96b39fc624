package io.recurbench.harness.bench;

import io.recurbench.engine.cpu.gemm.GemmEngine;
import java.util.Random;

/**
 * Times our {@link GemmEngine} on an n × n × n float32 product the same way {@code
 * python/bench_gemm.py} times numpy: warm up, then {@code repeat} samples, each a loop of products
 * lasting at least 50 ms. The warm-up runs until C2 has compiled the kernel: chunks of ≥ 100 ms
 * until two in a row agree within 5% (at least 1 s, at most 20 s — JIT threads compete with the
 * benchmark on a loaded machine). Checks a few
 * entries of the result against a float64 dot product so that a fast wrong kernel cannot pass.
 */
final class OwnGemmRun {
  static final long MIN_SAMPLE_NANOS = 50_000_000L;
  private static final long WARMUP_MIN_NANOS = 1_000_000_000L;
  private static final long WARMUP_MAX_NANOS = 20_000_000_000L;
  private static final long WARMUP_CHUNK_NANOS = 100_000_000L;

  private OwnGemmRun() {}

  static Timing measure(int n, int repeat, int threads) {
    Random rnd = new Random(1);
    float[] a = random(rnd, n * n);
    float[] b = random(rnd, n * n);
    float[] c = new float[n * n];
    try (GemmEngine engine = new GemmEngine(threads)) {
      Runnable product = () -> engine.batched(1, n, n, n, a, 0, 0, n, false, b, 0, 0, n, false, c, 0, 0, n, false);
      long one = warmUp(product);
      checkEntries(n, a, b, c, rnd);
      int inner = (int) Math.max(1, MIN_SAMPLE_NANOS / one);
      double[] samples = new double[repeat];
      for (int s = 0; s < repeat; s++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < inner; i++) {
          product.run();
        }
        samples[s] = (System.nanoTime() - t0) * 1e-9 / inner;
      }
      return Timing.of(samples);
    }
  }

  /** Runs {@code product} until its time per call is steady; returns that time in nanoseconds. */
  private static long warmUp(Runnable product) {
    long start = System.nanoTime();
    double previous = Double.MAX_VALUE;
    while (true) {
      long chunkStart = System.nanoTime();
      int calls = 0;
      do {
        product.run();
        calls++;
      } while (System.nanoTime() - chunkStart < WARMUP_CHUNK_NANOS);
      long now = System.nanoTime();
      double perCall = (double) (now - chunkStart) / calls;
      boolean steady = Math.abs(perCall - previous) <= 0.05 * previous;
      if ((steady && now - start >= WARMUP_MIN_NANOS) || now - start >= WARMUP_MAX_NANOS) {
        return Math.max(1, (long) perCall);
      }
      previous = perCall;
    }
  }

  private static void checkEntries(int n, float[] a, float[] b, float[] c, Random rnd) {
    for (int t = 0; t < 16; t++) {
      int i = rnd.nextInt(n);
      int j = rnd.nextInt(n);
      double sum = 0;
      double abs = 0;
      for (int p = 0; p < n; p++) {
        double prod = (double) a[i * n + p] * b[p * n + j];
        sum += prod;
        abs += Math.abs(prod);
      }
      if (Math.abs(c[i * n + j] - sum) > (n + 2) * 0x1p-24 * abs) {
        throw new IllegalStateException("our GEMM computed C[" + i + "][" + j + "] = " + c[i * n + j]
            + " but a float64 dot product gives " + sum);
      }
    }
  }

  private static float[] random(Random rnd, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    return x;
  }
}
