package io.recurbench.harness.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.recurbench.harness.UserError;
import io.recurbench.reports.model.ResultsIo;
import io.recurbench.reports.model.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files of one suite run:
 * <pre>
 *   config.yaml  manifest.json  results.json  report.md  report.html
 *   runs/&lt;operator&gt;/seed-&lt;seed&gt;/  checkpoint/  metrics.jsonl  run.json
 * </pre>
 * A run is finished exactly when its {@code run.json} exists (ok or failed); {@code compare --resume}
 * skips those and resumes the others from their checkpoints. Every file is written through a
 * temporary sibling and an atomic rename.
 */
public final class RunDirectory {
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path root;

  public RunDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Opens an existing directory for {@code --resume}: it must hold {@code config.yaml}. */
  public static RunDirectory existing(Path root) {
    RunDirectory dir = new RunDirectory(root);
    if (!Files.isRegularFile(dir.configFile())) {
      throw new UserError(root + ": not a run directory (no config.yaml); expected a directory written by"
          + " recurbench compare");
    }
    return dir;
  }

  public Path root() {
    return root;
  }

  public Path configFile() {
    return root.resolve("config.yaml");
  }

  public Path manifestFile() {
    return root.resolve("manifest.json");
  }

  public Path resultsFile() {
    return root.resolve("results.json");
  }

  /** The directory of one run. */
  public Path runDir(String operator, long seed) {
    return root.resolve("runs").resolve(operator).resolve("seed-" + seed);
  }

  public Path checkpointDir(String operator, long seed) {
    return runDir(operator, seed).resolve("checkpoint");
  }

  public MetricsLog metrics(String operator, long seed) {
    return new MetricsLog(runDir(operator, seed).resolve("metrics.jsonl"));
  }

  /** The finished run's record, if it finished. */
  public Optional<Run> finished(String operator, long seed) {
    Path file = runDir(operator, seed).resolve("run.json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), Run.class));
    } catch (IOException e) {
      throw new UserError(file + ": unreadable run record (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
  }

  /** Marks a run finished by writing its record. */
  public void finish(Run run) {
    write(runDir(run.operator(), run.seed()).resolve("run.json"), toJson(run));
  }

  public void writeConfig(String yaml) {
    write(configFile(), yaml);
  }

  public String readConfig() {
    try {
      return Files.readString(configFile(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void writeManifest(Manifest manifest) {
    write(manifestFile(), toJson(manifest));
  }

  public Manifest readManifest() {
    try {
      return JSON.readValue(manifestFile().toFile(), Manifest.class);
    } catch (IOException e) {
      throw new UserError(manifestFile() + ": unreadable manifest (" + e.getMessage() + ")", e);
    }
  }

  /** Writes text atomically (temporary sibling, then rename). */
  public static void write(Path file, String text) {
    try {
      ResultsIo.writeAtomically(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
