package io.recurbench.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recurbench.reports.model.CurvePoint;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's {@code metrics.jsonl}: one JSON object per logged step ({@code step}, {@code loss},
 * {@code accuracy}, {@code examples_per_second}, {@code elapsed_seconds}), appended and flushed as
 * training goes, so that an interrupted run keeps its curve. On resume, lines past the checkpoint's
 * step are dropped (they will be trained again) and a torn last line is ignored.
 */
public final class MetricsLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private BufferedWriter writer;

  public MetricsLog(Path file) {
    this.file = file;
  }

  /** The learning curve logged up to and including {@code maxStep}. */
  public List<CurvePoint> curveUpTo(long maxStep) {
    List<CurvePoint> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (IOException torn) {
          break;
        }
        long step = n.path("step").asLong(-1);
        if (step < 0 || step > maxStep) {
          break;
        }
        out.add(new CurvePoint(step, n.path("loss").asDouble(), n.path("accuracy").asDouble()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  /**
   * Keeps the lines up to and including {@code maxStep} as they were written (used when resuming at
   * a checkpoint) and drops the rest, including a torn last line.
   */
  public void keepUpTo(long maxStep) throws IOException {
    close();
    if (!Files.isRegularFile(file)) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      long step;
      try {
        step = JSON.readTree(line).path("step").asLong(-1);
      } catch (IOException torn) {
        break;
      }
      if (step < 0 || step > maxStep) {
        break;
      }
      sb.append(line).append('\n');
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  public void append(long step, double loss, double accuracy, double examplesPerSecond, double elapsedSeconds)
      throws IOException {
    if (writer == null) {
      Files.createDirectories(file.getParent());
      writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    writer.write(line(step, loss, accuracy, examplesPerSecond, elapsedSeconds));
    writer.write('\n');
    writer.flush();
  }

  private static String line(long step, double loss, double accuracy, double examplesPerSecond, double elapsed) {
    ObjectNode n = JSON.createObjectNode();
    n.put("step", step);
    n.put("loss", loss);
    n.put("accuracy", accuracy);
    n.put("examples_per_second", examplesPerSecond);
    n.put("elapsed_seconds", elapsed);
    return n.toString();
  }

  @Override
  public void close() throws IOException {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }
}
