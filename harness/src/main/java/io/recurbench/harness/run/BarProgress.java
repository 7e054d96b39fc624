package io.recurbench.harness.run;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar per run: step of total, loss, accuracy, examples/s and ETA. */
public final class BarProgress implements ProgressSink {
  private final PrintStream out;
  private ProgressBar bar;
  private String label = "";

  public BarProgress(PrintStream out, String label) {
    this.out = out;
    this.label = label;
  }

  @Override
  public void start(String label, long startStep, long totalSteps) {
    close();
    this.label = label;
    bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(totalSteps).startsFrom(startStep, java.time.Duration.ZERO)
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setConsumer(new ConsoleProgressBarConsumer(out))
        .showSpeed().setUnit(" steps", 1).build();
  }

  @Override
  public void update(long step, double loss, double accuracy, double examplesPerSecond) {
    if (bar != null) {
      bar.stepTo(step);
      bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f acc %.3f %.0f ex/s", loss, accuracy,
          examplesPerSecond));
    }
  }

  @Override
  public void phase(String what) {
    if (bar != null) {
      bar.setExtraMessage(" " + what);
    } else {
      out.println(label + ": " + what);
    }
  }

  @Override
  public void finish(String summary) {
    close();
    out.println(label + ": " + summary);
  }

  private void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
