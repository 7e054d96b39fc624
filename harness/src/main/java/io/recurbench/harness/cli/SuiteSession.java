package io.recurbench.harness.cli;

import com.google.inject.Injector;
import io.recurbench.harness.UserError;
import io.recurbench.harness.config.ConfigLoader;
import io.recurbench.harness.config.ConfigWriter;
import io.recurbench.harness.config.Presets;
import io.recurbench.harness.config.SuiteConfig;
import io.recurbench.harness.run.RunDirectory;
import io.recurbench.harness.run.StopSignal;
import io.recurbench.harness.run.SuiteRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@code compare} and {@code train} share: resolve the config (file, preset, or a run
 * directory to resume), lay out the run directory, install the Ctrl-C hook that stops at the next
 * step with a checkpoint, run the suite, and print the headline or how to resume.
 */
final class SuiteSession {
  /** Exit code of a suite that was stopped (Ctrl-C or {@code --stop-after}) and can be resumed. */
  static final int STOPPED = 130;
  private static final long STOP_WAIT_SECONDS = 120;

  private SuiteSession() {}

  /** A loaded config and where it came from. */
  record Loaded(SuiteConfig config, String source) {}

  static Loaded load(Injector injector, Path file, String preset) {
    return load(injector, file, preset, java.util.List.of());
  }

  /** Loads a file or preset, then applies {@code taskOptions} ({@code KEY=VALUE}, see {@link ConfigLoader#withTaskOptions}). */
  static Loaded load(Injector injector, Path file, String preset, java.util.List<String> taskOptions) {
    Loaded loaded = loadFileOrPreset(injector, file, preset);
    SuiteConfig config = injector.getInstance(ConfigLoader.class).withTaskOptions(loaded.config(), taskOptions);
    return new Loaded(config, loaded.source());
  }

  private static Loaded loadFileOrPreset(Injector injector, Path file, String preset) {
    ConfigLoader loader = injector.getInstance(ConfigLoader.class);
    if (file != null && preset != null) {
      throw new UserError("give a config file or --preset, not both");
    }
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new UserError(file + ": no such file (expected a suite YAML; `recurbench list presets` shows the built-in ones)");
      }
      return new Loaded(loader.load(file), file.toString());
    }
    String name = preset != null ? preset : Presets.DEFAULT;
    return new Loaded(loader.parse(Presets.yaml(name), Presets.source(name), name), Presets.source(name));
  }

  /** A fresh run directory for {@code config}: {@code out}, or {@code <output>/<name>-<UTC time>}. */
  static RunDirectory create(SuiteConfig config, Path out) {
    Path root = out != null ? out : config.output().resolve(config.name() + "-"
        + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    RunDirectory dir = new RunDirectory(root);
    if (Files.exists(dir.configFile())) {
      throw new UserError(dir.root() + " already holds a suite; continue it with: recurbench compare --resume "
          + dir.root());
    }
    dir.writeConfig(ConfigWriter.toYaml(config));
    return dir;
  }

  /** Reloads a run directory's config for {@code --resume}. */
  static Loaded resume(Injector injector, RunDirectory dir) {
    ConfigLoader loader = injector.getInstance(ConfigLoader.class);
    SuiteConfig config = loader.parse(dir.readConfig(), dir.configFile().toString(), dir.root().getFileName().toString());
    String source = Files.isRegularFile(dir.manifestFile()) ? dir.readManifest().source() : dir.configFile().toString();
    return new Loaded(config, source);
  }

  /** Runs the suite; returns the exit code (0 done, {@link #STOPPED} when stopped). */
  static int run(Injector injector, Loaded loaded, RunDirectory dir, long stopAfter, ProgressChoice progress,
                 PrintWriter out, PrintWriter err) {
    SuiteRunner runner = injector.getInstance(SuiteRunner.class);
    StopSignal stop = new StopSignal(stopAfter);
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.request();
      try {
        finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "recurbench-stop-on-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    err.println("run directory: " + dir.root());
    err.flush();
    try {
      SuiteRunner.Outcome outcome = runner.run(loaded.config(), loaded.source(), dir, stop,
          progress.sinks(err), err);
      return switch (outcome) {
        case SuiteRunner.Outcome.Completed c -> {
          out.print(Headline.render(c.results()));
          out.println("results: " + dir.resultsFile());
          out.println("report:  " + dir.root().resolve("report.html"));
          out.flush();
          yield 0;
        }
        case SuiteRunner.Outcome.Stopped s -> {
          err.println("stopped during " + s.run() + " at step " + s.step() + "; continue with: recurbench compare"
              + " --resume " + dir.root());
          err.flush();
          yield STOPPED;
        }
      };
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and returns now that the suite has stopped.
      }
    }
  }
}
