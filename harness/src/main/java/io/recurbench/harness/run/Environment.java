package io.recurbench.harness.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Facts about where the harness runs, for manifests: git commit, JDK, OS. */
public final class Environment {
  private Environment() {}

  public static String jdk() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
  }

  public static String os() {
    return System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch")
        + ")";
  }

  /**
   * {@code git rev-parse HEAD} in {@code home}, with {@code -dirty} when tracked files differ from it;
   * {@code unknown} when there is no git or no repository.
   */
  public static String gitSha(Path home) {
    if (!Files.exists(home.resolve(".git"))) {
      return "unknown";
    }
    String sha = git(home, "rev-parse", "HEAD");
    if (sha == null || sha.isBlank()) {
      return "unknown";
    }
    String status = git(home, "status", "--porcelain", "--untracked-files=no");
    return sha.strip() + (status != null && !status.isBlank() ? "-dirty" : "");
  }

  private static String git(Path home, String... args) {
    try {
      List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", home.toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroy();
        return null;
      }
      return out;
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
