package io.recurbench.harness.run;

/** A run that cannot go on (non-finite loss, time limit); its message is the failure's reason. */
public final class RunFailure extends RuntimeException {
  public RunFailure(String reason) {
    super(reason);
  }
}
