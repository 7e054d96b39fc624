package io.recurbench.harness.bench;

import java.util.Arrays;

/**
 * Seconds per product over the timed samples: the best (least disturbed by other load on the
 * machine) and the median.
 */
public record Timing(double bestSeconds, double medianSeconds) {
  /** The best and median of the samples (seconds per product each). */
  public static Timing of(double[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return new Timing(sorted[0], median);
  }

  /** GFLOP/s of an n × n × n product (2n³ flops) at the best time. */
  public double bestGflops(int n) {
    return flops(n) / bestSeconds / 1e9;
  }

  /** GFLOP/s of an n × n × n product at the median time. */
  public double medianGflops(int n) {
    return flops(n) / medianSeconds / 1e9;
  }

  private static double flops(int n) {
    return 2.0 * n * n * n;
  }
}
