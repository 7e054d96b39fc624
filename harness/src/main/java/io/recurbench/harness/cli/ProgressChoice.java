package io.recurbench.harness.cli;

import io.recurbench.harness.run.BarProgress;
import io.recurbench.harness.run.LogProgress;
import io.recurbench.harness.run.ProgressSink;
import java.io.PrintWriter;
import java.util.function.Function;

/** How progress is shown: bars on a terminal, plain lines otherwise (or as forced by {@code --progress}). */
public enum ProgressChoice {
  AUTO, BAR, LOG;

  /** One sink per run label; bars go to the process's stderr, lines to {@code err}. */
  public Function<String, ProgressSink> sinks(PrintWriter err) {
    boolean bar = switch (this) {
      case BAR -> true;
      case LOG -> false;
      case AUTO -> System.console() != null && System.console().isTerminal();
    };
    return label -> bar ? new BarProgress(System.err, label) : new LogProgress(err, label);
  }
}
