package io.recurbench.harness.run;

import java.io.PrintWriter;
import java.util.Locale;

/** Progress as plain lines (for logs and pipes): one per logged step, with an ETA. */
public final class LogProgress implements ProgressSink {
  private final PrintWriter out;
  private String label = "";
  private long total;
  private long startStep;
  private long startNanos;

  public LogProgress(PrintWriter out, String label) {
    this.out = out;
    this.label = label;
  }

  @Override
  public void start(String label, long startStep, long totalSteps) {
    this.label = label;
    this.total = totalSteps;
    this.startStep = startStep;
    this.startNanos = System.nanoTime();
    out.println(label + ": " + (startStep > 0 ? "resuming at step " + startStep : "training") + " for "
        + totalSteps + " steps");
    out.flush();
  }

  @Override
  public void update(long step, double loss, double accuracy, double examplesPerSecond) {
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    long done = step - startStep;
    double eta = done > 0 ? elapsed / done * (total - step) : Double.NaN;
    out.println(String.format(Locale.ROOT, "%s: step %d/%d loss %.4f acc %.3f %.1f ex/s eta %s", label, step,
        total, loss, accuracy, examplesPerSecond, Double.isNaN(eta) ? "?" : Math.round(eta) + "s"));
    out.flush();
  }

  @Override
  public void phase(String what) {
    out.println(label + ": " + what);
    out.flush();
  }

  @Override
  public void finish(String summary) {
    out.println(label + ": " + summary);
    out.flush();
  }
}
