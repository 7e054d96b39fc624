package io.recurbench.harness.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a resolved {@link SuiteConfig} as canonical YAML: every key present with its resolved
 * value, in schema order. {@link ConfigLoader} reads it back to an equal config, which is how a run
 * directory remembers what it runs ({@code config.yaml}) and what {@code compare --resume} reloads;
 * its SHA-256 is the suite's config hash.
 */
public final class ConfigWriter {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

  private ConfigWriter() {}

  /** The canonical YAML of a config. */
  public static String toYaml(SuiteConfig c) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", c.name());
    if (!c.description().isEmpty()) {
      root.put("description", c.description());
    }
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("name", c.task().name());
    task.put("options", new java.util.TreeMap<>(c.task().options()));
    root.put("task", task);
    List<Map<String, Object>> ops = c.operators().stream().map(o -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", o.name());
      m.put("hyper", o.hyper());
      if (o.solve() != null) {
        m.put("solve", o.solve());
      }
      return m;
    }).toList();
    root.put("operators", ops);
    Map<String, Object> budget = new LinkedHashMap<>();
    if (c.budget().parameters() != null) {
      budget.put("parameters", c.budget().parameters());
    }
    budget.put("tolerance", c.budget().tolerance());
    root.put("budget", budget);
    Map<String, Object> scaffold = new LinkedHashMap<>();
    scaffold.put("preset", c.scaffold().preset());
    scaffold.put("overrides", c.scaffold().overrides());
    root.put("scaffold", scaffold);
    root.put("backend", c.backend());
    root.put("seeds", c.seeds());
    Map<String, Object> training = new LinkedHashMap<>();
    if (c.training().steps() != null) {
      training.put("steps", c.training().steps());
    } else {
      training.put("epochs", c.training().epochs());
    }
    if (c.training().batchSize() != null) {
      training.put("batch-size", c.training().batchSize());
    }
    training.put("log-every", c.training().logEvery());
    training.put("checkpoint-every", c.training().checkpointEvery());
    training.put("timeout-seconds", c.training().timeoutSeconds());
    root.put("training", training);
    Map<String, Object> eval = new LinkedHashMap<>();
    eval.put("batch-size", c.evaluation().batchSize());
    if (c.evaluation().augmentations() != null) {
      eval.put("augmentations", c.evaluation().augmentations());
    }
    eval.put("k", c.evaluation().k());
    eval.put("depth-factors", c.evaluation().depthFactors());
    if (c.evaluation().maxExamples() != null) {
      eval.put("max-examples", c.evaluation().maxExamples());
    }
    root.put("evaluation", eval);
    root.put("output", c.output().toString());
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a config as YAML", e);
    }
  }

  /** {@code sha256:<hex>} of the canonical YAML. */
  public static String hash(SuiteConfig config) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(toYaml(config).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
