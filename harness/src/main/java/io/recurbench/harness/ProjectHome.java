package io.recurbench.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository root, where {@code python/}, {@code .venv} and {@code runs/} live: the {@code
 * recurbench.home} system property the launcher sets, else the nearest directory at or above the
 * working directory that holds the {@code recurbench} launcher, else the working directory.
 */
public final class ProjectHome {
  private ProjectHome() {}

  public static Path locate() {
    String property = System.getProperty("recurbench.home");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath();
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("recurbench")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    return cwd;
  }
}
