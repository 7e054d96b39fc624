package io.recurbench.harness.run;

/** Thrown out of a run that stopped on request (Ctrl-C, a step limit) after saving its checkpoint. */
public final class RunStopped extends RuntimeException {
  private final long step;

  public RunStopped(long step) {
    super("stopped at step " + step + " (checkpoint saved)");
    this.step = step;
  }

  public long step() {
    return step;
  }
}
