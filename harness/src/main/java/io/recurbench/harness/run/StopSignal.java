package io.recurbench.harness.run;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request to stop the suite at the next step boundary, leaving a resumable run directory: set by
 * the Ctrl-C hook, or after a given number of steps in this process ({@code compare --stop-after},
 * how tests simulate an interruption).
 */
public final class StopSignal {
  private final AtomicBoolean requested = new AtomicBoolean();
  private final long stopAfterSteps;
  private long stepsSeen;

  /** @param stopAfterSteps stop once this many steps ran in this process (0 = never by count) */
  public StopSignal(long stopAfterSteps) {
    this.stopAfterSteps = stopAfterSteps;
  }

  public static StopSignal never() {
    return new StopSignal(0);
  }

  public void request() {
    requested.set(true);
  }

  public boolean requested() {
    return requested.get();
  }

  /** Counts one step; true when the suite should stop now. */
  synchronized boolean countStep() {
    stepsSeen++;
    if (stopAfterSteps > 0 && stepsSeen >= stopAfterSteps) {
      requested.set(true);
    }
    return requested.get();
  }
}
