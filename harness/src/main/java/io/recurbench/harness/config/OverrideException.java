package io.recurbench.harness.config;

/**
 * A scaffold override the scaffold refuses: {@link #key} is the offending override (or {@code null}
 * when the overrides conflict as a whole), the message says what was expected.
 */
public final class OverrideException extends IllegalArgumentException {
  private final String key;

  public OverrideException(String key, String message) {
    super(message);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
