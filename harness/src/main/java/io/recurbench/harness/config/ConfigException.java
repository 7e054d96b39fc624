package io.recurbench.harness.config;

import io.recurbench.harness.UserError;

/**
 * A configuration the harness cannot run: one line {@code <source>: <key path>: <what was expected>,
 * got <what was there>}, e.g. {@code config.yaml: operators[1].hyper.expansion: expected an int in
 * [1, 8], got "x"}.
 */
public final class ConfigException extends UserError {
  private final String source;
  private final String path;

  public ConfigException(String source, String path, String problem) {
    super(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    this.source = source;
    this.path = path;
  }

  /** The file (or preset) the configuration came from. */
  public String source() {
    return source;
  }

  /** The key path of the offending value ({@code operators[1].hyper.expansion}); empty for the whole file. */
  public String path() {
    return path;
  }
}
