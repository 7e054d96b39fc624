package io.recurbench.harness;

/** A failure the user can fix (missing tool, bad file): reported as one line, without a stack trace. */
public final class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
