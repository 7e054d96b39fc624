package io.recurbench.harness.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The suite presets shipped inside the jar ({@code io/recurbench/harness/presets/<name>.yaml}, listed
 * in that folder's {@code index} file because a jar cannot be listed portably). {@code recurbench
 * compare} without a file runs {@link #DEFAULT}.
 */
public final class Presets {
  /** The preset {@code recurbench compare} runs without arguments. */
  public static final String DEFAULT = "quick";
  private static final String ROOT = "/io/recurbench/harness/presets/";

  private Presets() {}

  /** Preset names in index order. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (String line : read("index").split("\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        names.add(name);
      }
    }
    return names;
  }

  /** The YAML text of preset {@code name}; an unknown name fails listing the known ones. */
  public static String yaml(String name) {
    if (!names().contains(name)) {
      throw new ConfigException("preset " + name, "", "no such preset; presets: " + String.join(", ", names()));
    }
    return read(name + ".yaml");
  }

  /** The source name used in error messages and the run manifest. */
  public static String source(String name) {
    return "preset " + name;
  }

  private static String read(String file) {
    try (InputStream in = Presets.class.getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw new IllegalStateException("resource " + ROOT + file + " is missing from the harness jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
