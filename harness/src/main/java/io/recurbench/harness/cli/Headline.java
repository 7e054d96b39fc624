package io.recurbench.harness.cli;

import io.recurbench.reports.model.ArcMetrics;
import io.recurbench.reports.model.OperatorEntry;
import io.recurbench.reports.model.Results;
import io.recurbench.reports.model.Run;
import io.recurbench.reports.model.SudokuMetrics;
import java.util.List;
import java.util.Locale;

/**
 * The terminal summary of a finished suite: one line per operator with its parameter count, budget
 * deviation, mean accuracy over seeds (min–max), training throughput and wall time. The full
 * analysis (confidence intervals, paired tests) is in the reports.
 */
public final class Headline {
  private Headline() {}

  public static String render(Results results) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-16s %10s %8s %6s %-22s %-10s %10s %8s%n", "operator", "params", "Δbudget",
        "runs", "accuracy mean [min,max]", "blank cell", "train ex/s", "wall s"));
    for (OperatorEntry op : results.operators()) {
      if (!op.status().succeeded()) {
        sb.append(String.format(Locale.ROOT, "%-16s refused: %s%n", op.operator(), op.status().reason()));
        continue;
      }
      List<Run> runs = results.runs().stream()
          .filter(r -> r.operator().equals(op.operator()) && r.task().equals(op.task())).toList();
      List<Run> ok = runs.stream().filter(r -> r.status().succeeded()).toList();
      String acc = "-";
      String cell = "-";
      String rate = "-";
      if (!ok.isEmpty()) {
        double[] a = ok.stream().mapToDouble(Headline::primary).toArray();
        acc = String.format(Locale.ROOT, "%.3f [%.3f,%.3f]", mean(a), min(a), max(a));
        double[] c = ok.stream().mapToDouble(Headline::cell).filter(Double::isFinite).toArray();
        cell = c.length == 0 ? "-" : String.format(Locale.ROOT, "%.3f", mean(c));
        rate = String.format(Locale.ROOT, "%.1f", ok.stream().mapToDouble(r -> r.throughput().trainExamplesPerSecond())
            .average().orElse(0));
      }
      double wall = runs.stream().mapToDouble(Run::wallTimeSeconds).sum();
      String runCount = ok.size() + "/" + runs.size();
      sb.append(String.format(Locale.ROOT, "%-16s %,10d %+7.2f%% %6s %-22s %-10s %10s %8.0f%n", op.operator(),
          op.parameterCount(), op.budgetDelta() * 100, runCount, acc, cell, rate, wall));
      runs.stream().filter(r -> !r.status().succeeded()).forEach(r -> sb.append(String.format(Locale.ROOT,
          "  seed %d failed: %s%n", r.seed(), r.status().reason())));
    }
    sb.append(String.format(Locale.ROOT, "accuracy = %s; suite wall time %.0f s%n", metricName(results),
        results.suite().wallTimeSeconds()));
    return sb.toString();
  }

  private static String metricName(Results results) {
    return results.runs().stream().filter(r -> r.status().succeeded()).findFirst()
        .map(r -> r.metrics() instanceof SudokuMetrics ? "exact-puzzle accuracy"
            : r.examples().metric() + " over test inputs (votes over augmented views)")
        .orElse("no run succeeded");
  }

  /**
   * The run's primary accuracy, the one the reports' headline uses: Sudoku's exact accuracy; for ARC
   * the pass@K of the run's per-example vector (pass@2 when evaluated, ARC's official measure).
   */
  static double primary(Run r) {
    return switch (r.metrics()) {
      case SudokuMetrics s -> s.exactAccuracy();
      case ArcMetrics a -> {
        int k = Integer.parseInt(r.examples().metric().substring("pass@".length()));
        yield (double) a.solvedAt(k) / a.testInputs();
      }
    };
  }

  static double cell(Run r) {
    return r.metrics() instanceof SudokuMetrics s ? s.cellAccuracy() : Double.NaN;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) {
      m = Math.min(m, x);
    }
    return m;
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }
}
