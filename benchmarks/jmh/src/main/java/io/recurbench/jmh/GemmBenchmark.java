package io.recurbench.jmh;

import io.recurbench.engine.cpu.gemm.GemmEngine;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Float32 GEMM throughput of the engine's packed kernel: {@code C[m, n] = A[m, k] · B[k, n]}.
 *
 * <p>The primary score is products per second; the secondary {@code flop} counter is floating-point
 * operations per second (2mnk per product), so {@code flop / 1e9} is GFLOP/s. Shapes: the square
 * 256/512/1024 cases, a TRM-like block projection ({@code [64·97, 512] × [512, 1536]}: 64 examples
 * × 97 positions at width 512, expanded 3× as in a SwiGLU up-projection) and a Sudoku block's
 * ({@code [64·81, 128] × [128, 512]}).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/jmh/target/benchmarks.jar GemmBenchmark}
 * (see {@code docs/performance.md}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class GemmBenchmark {
  /** {@code m x n x k}. */
  @Param({"256x256x256", "512x512x512", "1024x1024x1024", "6208x1536x512", "5184x512x128"})
  public String shape;

  /** Products {@link #gemmAsBatch} splits the m rows into (64 examples of 97 or 81 positions). */
  @Param({"64"})
  public int batch;

  /** Threads of the engine, 0 for all available processors. */
  @Param({"0"})
  public int threads;

  private int m;
  private int n;
  private int k;
  private float[] a;
  private float[] b;
  private float[] c;
  private GemmEngine engine;

  /** FLOP counted per product, reported by JMH as a rate: FLOP/s. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Flops {
    public long flop;
  }

  @Setup(Level.Trial)
  public void setUp() {
    String[] dims = shape.split("x");
    m = Integer.parseInt(dims[0]);
    n = Integer.parseInt(dims[1]);
    k = Integer.parseInt(dims[2]);
    Random rnd = new Random(42);
    a = random(rnd, m * k);
    b = random(rnd, k * n);
    c = new float[m * n];
    engine = new GemmEngine(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  @Benchmark
  public float[] gemm(Flops flops) {
    engine.batched(1, m, n, k, a, 0, 0, k, false, b, 0, 0, n, false, c, 0, 0, n, false);
    flops.flop += 2L * m * n * k;
    return c;
  }

  /**
   * The same multiply-adds as a batch: C[b] = A[b] · B for b &lt; batch with B broadcast (batch
   * stride 0) — how a block applies one weight to every example — taking the many-products path
   * (one product per task) instead of one large split product. Needs m divisible by {@code batch}.
   */
  @Benchmark
  public float[] gemmAsBatch(Flops flops) {
    int rows = m / batch;
    engine.batched(batch, rows, n, k, a, 0, rows * k, k, false, b, 0, 0, n, false, c, 0, rows * n, n, false);
    flops.flop += 2L * batch * rows * n * k;
    return c;
  }

  private static float[] random(Random rnd, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    return x;
  }
}
