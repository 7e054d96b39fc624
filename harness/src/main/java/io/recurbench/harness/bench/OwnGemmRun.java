package io.recurbench.harness.bench;

import com.sun.management.OperatingSystemMXBean;
import io.recurbench.engine.cpu.gemm.GemmEngine;
import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * Our {@link GemmEngine} on one n × n × n float32 product, timed the same way {@code
 * python/bench_gemm.py} times numpy: samples of back-to-back products lasting at least 50 ms each.
 * The engine and operands stay alive between rounds so that rounds can alternate with numpy's.
 *
 * <p>{@link #warmUp} runs until C2 has compiled the kernel: chunks of ≥ 100 ms until two in a row
 * agree within 10% (at least 1 s, at most 10 s — JIT threads compete with the benchmark on a loaded
 * machine); then it checks 16 entries of C against float64 dot products, so that a fast wrong kernel
 * cannot pass.
 */
final class OwnGemmRun implements AutoCloseable {
  static final long MIN_SAMPLE_NANOS = 50_000_000L;
  private static final long WARMUP_MIN_NANOS = 1_000_000_000L;
  private static final long WARMUP_MAX_NANOS = 10_000_000_000L;
  private static final long WARMUP_CHUNK_NANOS = 100_000_000L;

  /** CPU time of the whole JVM (all GEMM threads; the JIT is quiet once warmed up). */
  private static final OperatingSystemMXBean PROCESS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final int n;
  private final float[] a;
  private final float[] b;
  private final float[] c;
  private final GemmEngine engine;
  private int productsPerSample = 1;

  OwnGemmRun(int n, int threads) {
    this.n = n;
    Random rnd = new Random(1);
    this.a = random(rnd, n * n);
    this.b = random(rnd, n * n);
    this.c = new float[n * n];
    this.engine = new GemmEngine(threads);
  }

  private void product() {
    engine.batched(1, n, n, n, a, 0, 0, n, false, b, 0, 0, n, false, c, 0, 0, n, false);
  }

  /** Runs products until their time is steady, then checks the result. */
  void warmUp() {
    long start = System.nanoTime();
    double previous = Double.MAX_VALUE;
    while (true) {
      long chunkStart = System.nanoTime();
      int calls = 0;
      do {
        product();
        calls++;
      } while (System.nanoTime() - chunkStart < WARMUP_CHUNK_NANOS);
      long now = System.nanoTime();
      double perCall = (double) (now - chunkStart) / calls;
      boolean steady = Math.abs(perCall - previous) <= 0.10 * previous;
      if ((steady && now - start >= WARMUP_MIN_NANOS) || now - start >= WARMUP_MAX_NANOS) {
        productsPerSample = (int) Math.max(1, MIN_SAMPLE_NANOS / Math.max(1.0, perCall));
        break;
      }
      previous = perCall;
    }
    checkEntries(new Random(2));
  }

  /** Wall and process-CPU seconds per product of each sample. */
  record Samples(double[] wall, double[] cpu) {}

  /** {@code repeat} samples. */
  Samples sample(int repeat) {
    double[] wall = new double[repeat];
    double[] cpu = new double[repeat];
    for (int s = 0; s < repeat; s++) {
      long cpu0 = PROCESS.getProcessCpuTime();
      long t0 = System.nanoTime();
      for (int i = 0; i < productsPerSample; i++) {
        product();
      }
      wall[s] = (System.nanoTime() - t0) * 1e-9 / productsPerSample;
      cpu[s] = (PROCESS.getProcessCpuTime() - cpu0) * 1e-9 / productsPerSample;
    }
    return new Samples(wall, cpu);
  }

  @Override
  public void close() {
    engine.close();
  }

  private void checkEntries(Random rnd) {
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
