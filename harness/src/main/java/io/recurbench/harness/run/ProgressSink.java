package io.recurbench.harness.run;

/**
 * Where a run's progress goes: a progress bar on a terminal ({@link BarProgress}), plain log lines
 * otherwise ({@link LogProgress}).
 */
public interface ProgressSink {

  /** A run starts (or resumes at {@code startStep}) and will train up to {@code totalSteps}. */
  void start(String label, long startStep, long totalSteps);

  /** After a logged step: the window's mean loss and accuracy, and training examples per second. */
  void update(long step, double loss, double accuracy, double examplesPerSecond);

  /** A phase without steps began (compiling, evaluating). */
  void phase(String what);

  /** The run ended; {@code summary} is one line. */
  void finish(String summary);
}
