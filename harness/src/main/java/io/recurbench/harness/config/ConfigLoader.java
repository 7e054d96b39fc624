package io.recurbench.harness.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.recurbench.api.operator.HyperParameter;
import io.recurbench.api.operator.HyperParameterSpec;
import io.recurbench.api.operator.ParityKnob;
import io.recurbench.harness.config.SuiteConfig.BudgetSpec;
import io.recurbench.harness.config.SuiteConfig.EvalSpec;
import io.recurbench.harness.config.SuiteConfig.OperatorSpec;
import io.recurbench.harness.config.SuiteConfig.ScaffoldSpec;
import io.recurbench.harness.config.SuiteConfig.TaskSpec;
import io.recurbench.harness.config.SuiteConfig.TrainingSpec;
import io.recurbench.operators.parity.Budget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a suite configuration from YAML and validates every key against the schema and the
 * {@link ConfigCatalog}. The first problem found fails with one {@link ConfigException} line naming
 * the source and the key path; nothing is defaulted silently except what {@code docs/harness.md}
 * lists as a default.
 */
public final class ConfigLoader {
  static final Set<String> ROOT_KEYS = ordered("name", "description", "task", "operators", "budget", "scaffold",
      "backend", "seeds", "training", "evaluation", "output");
  private static final Set<String> TASK_KEYS = ordered("name", "options");
  private static final Set<String> OPERATOR_KEYS = ordered("name", "hyper", "solve");
  private static final Set<String> BUDGET_KEYS = ordered("parameters", "tolerance");
  private static final Set<String> SCAFFOLD_KEYS = ordered("preset", "overrides");
  private static final Set<String> TRAINING_KEYS = ordered("steps", "epochs", "batch-size", "log-every",
      "checkpoint-every", "timeout-seconds");
  private static final Set<String> EVAL_KEYS = ordered("batch-size", "augmentations", "k", "depth-factors",
      "max-examples");

  /** Defaults of optional keys (documented in docs/harness.md). */
  static final String DEFAULT_BACKEND = "cpu";
  static final int DEFAULT_LOG_EVERY = 10;
  static final long DEFAULT_TIMEOUT_SECONDS = 3600;
  static final int DEFAULT_EVAL_BATCH = 64;
  static final String DEFAULT_OUTPUT = "runs";

  private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private final ConfigCatalog catalog;

  public ConfigLoader(ConfigCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * {@code config} with task options set from the command line ({@code --task-option KEY=VALUE}), e.g. the
   * ARC data directory of a preset. Each must be {@code KEY=VALUE} with a key the task knows; it replaces
   * the config's value. Values are checked when the task is built, as those from YAML are.
   */
  public SuiteConfig withTaskOptions(SuiteConfig config, List<String> assignments) {
    if (assignments.isEmpty()) {
      return config;
    }
    Set<String> known = catalog.taskOptions().get(config.task().name());
    Map<String, String> options = new LinkedHashMap<>(config.task().options());
    for (String assignment : assignments) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("--task-option", "", "expected KEY=VALUE (e.g. data=../shared/data/arc-agi-1), got '"
            + assignment + "'");
      }
      String key = assignment.substring(0, eq).strip();
      if (!known.contains(key)) {
        throw new ConfigException("--task-option", key, "unknown option of task '" + config.task().name()
            + "'; known options: " + String.join(", ", known));
      }
      options.put(key, assignment.substring(eq + 1).strip());
    }
    return config.withTask(new TaskSpec(config.task().name(), options));
  }

  /** Reads and validates a YAML file; the suite is named after the file's stem unless it says otherwise. */
  public SuiteConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "", "cannot read (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + ")");
    }
    String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    return parse(text, file.toString(), stem);
  }

  /**
   * Parses and validates YAML text.
   *
   * @param text        the document
   * @param source      what to call it in messages (a path or {@code preset quick})
   * @param defaultName the suite name when the document has no {@code name:}
   */
  public SuiteConfig parse(String text, String source, String defaultName) {
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
      throw new ConfigException(source, "", where + "not valid YAML (" + e.getOriginalMessage() + ")");
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new ConfigException(source, "", "the file is empty; expected a mapping with at least task and operators");
    }
    ConfigNode root = ConfigNode.root(source, tree).requireOnly(ROOT_KEYS);
    String name = root.get("name").text(defaultName);
    String description = root.get("description").text("");
    TaskSpec task = task(root.get("task"));
    List<OperatorSpec> operators = operators(root.get("operators"));
    BudgetSpec budget = budget(root.get("budget"));
    ScaffoldSpec scaffold = scaffold(root.get("scaffold"));
    String backend = oneOf(root.get("backend"), catalog.backends(), DEFAULT_BACKEND, "backend");
    List<Long> seeds = seeds(root.get("seeds"));
    TrainingSpec training = training(root.get("training"));
    EvalSpec evaluation = evaluation(root.get("evaluation"));
    Path output = Path.of(root.get("output").text(DEFAULT_OUTPUT));
    return new SuiteConfig(name, description, task, operators, budget, scaffold, backend, seeds, training,
        evaluation, output);
  }

  private TaskSpec task(ConfigNode node) {
    if (!node.present()) {
      throw node.error("required; e.g. task: {name: sudoku, options: {box: 2x2}}");
    }
    node.requireOnly(TASK_KEYS);
    ConfigNode nameNode = node.get("name");
    String name = oneOf(nameNode, catalog.taskOptions().keySet(), null, "task");
    Set<String> known = catalog.taskOptions().get(name);
    Map<String, String> options = new LinkedHashMap<>();
    ConfigNode optionsNode = node.get("options");
    if (optionsNode.present()) {
      for (var e : optionsNode.entries().entrySet()) {
        if (!known.contains(e.getKey())) {
          throw e.getValue().error("unknown option of task '" + name + "'; known options: " + String.join(", ", known));
        }
        options.put(e.getKey(), e.getValue().scalarText());
      }
    }
    return new TaskSpec(name, options);
  }

  private List<OperatorSpec> operators(ConfigNode node) {
    if (!node.present()) {
      throw node.error("required: a list of operators, e.g. [{name: transformer}, {name: mlp-mixer}]");
    }
    List<OperatorSpec> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ConfigNode element : node.elements()) {
      ConfigNode op = element.isMapping() ? element : null;
      if (op == null) {
        String name = oneOf(element, catalog.operatorNames(), null, "operator");
        out.add(new OperatorSpec(name, Map.of(), null));
        if (!seen.add(name)) {
          throw element.error("operator '" + name + "' is listed twice");
        }
        continue;
      }
      op.requireOnly(OPERATOR_KEYS);
      String name = oneOf(op.get("name"), catalog.operatorNames(), null, "operator");
      if (!seen.add(name)) {
        throw op.get("name").error("operator '" + name + "' is listed twice");
      }
      Optional<HyperParameterSpec> spec = catalog.operatorSpec(name);
      Map<String, Object> hyper = new LinkedHashMap<>();
      for (var e : op.get("hyper").entries().entrySet()) {
        Object raw = e.getValue().raw();
        if (spec.isPresent()) {
          HyperParameter<?> p = spec.get().parameters().stream().filter(h -> h.name().equals(e.getKey()))
              .findFirst().orElseThrow(() -> e.getValue().error("unknown hyper-parameter of operator '" + name
                  + "'; known: " + String.join(", ", spec.get().names())));
          try {
            raw = p.parse(raw);
          } catch (IllegalArgumentException bad) {
            throw e.getValue().error(bad.getMessage());
          }
        }
        hyper.put(e.getKey(), raw);
      }
      String solve = null;
      if (op.get("solve").present()) {
        solve = op.get("solve").text();
        List<String> knobs = catalog.parityKnobs(name).stream().map(ParityKnob::name).toList();
        if (spec.isPresent() && !knobs.contains(solve)) {
          throw op.get("solve").error("'" + solve + "' is not a parity knob of operator '" + name + "'; knobs: "
              + (knobs.isEmpty() ? "none" : String.join(", ", knobs)));
        }
      }
      out.add(new OperatorSpec(name, hyper, solve));
    }
    if (out.isEmpty()) {
      throw node.error("expected at least one operator");
    }
    return out;
  }

  private BudgetSpec budget(ConfigNode node) {
    if (!node.present()) {
      return new BudgetSpec(null, Budget.DEFAULT_TOLERANCE);
    }
    node.requireOnly(BUDGET_KEYS);
    Long parameters = null;
    ConfigNode p = node.get("parameters");
    if (p.present()) {
      if (p.node().isTextual()) {
        try {
          parameters = Budget.parseCount(p.text());
        } catch (IllegalArgumentException e) {
          throw p.error("expected a count like 20000, 6.83M or 850k, got " + p.describe());
        }
      } else {
        parameters = p.integer(1, Long.MAX_VALUE);
      }
    }
    double tolerance = Budget.DEFAULT_TOLERANCE;
    ConfigNode t = node.get("tolerance");
    if (t.present()) {
      if (t.node().isTextual()) {
        try {
          tolerance = Budget.parseTolerance(t.text());
        } catch (IllegalArgumentException e) {
          throw t.error("expected a fraction like 0.005 or a percentage like 0.5%, got " + t.describe());
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
          throw t.error("expected a tolerance in [0, 1), got " + t.describe());
        }
      } else {
        tolerance = t.real(0, 0.999999);
      }
    }
    return new BudgetSpec(parameters, tolerance);
  }

  private ScaffoldSpec scaffold(ConfigNode node) {
    if (!node.present()) {
      throw node.error("required; e.g. scaffold: {preset: cpu-tiny}; presets: "
          + String.join(", ", catalog.scaffoldPresets()));
    }
    node.requireOnly(SCAFFOLD_KEYS);
    String preset = oneOf(node.get("preset"), catalog.scaffoldPresets(), null, "scaffold preset");
    Map<String, Object> raw = new LinkedHashMap<>();
    Map<String, ConfigNode> nodes = node.get("overrides").entries();
    nodes.forEach((k, v) -> raw.put(k, v.raw()));
    try {
      return new ScaffoldSpec(preset, catalog.checkScaffoldOverrides(preset, raw));
    } catch (OverrideException bad) {
      ConfigNode where = bad.key() != null && nodes.containsKey(bad.key()) ? nodes.get(bad.key()) : node.get("overrides");
      throw where.error(bad.getMessage());
    }
  }

  private static List<Long> seeds(ConfigNode node) {
    if (!node.present()) {
      return List.of(0L);
    }
    List<Long> seeds = new ArrayList<>();
    for (ConfigNode s : node.elements()) {
      long seed = s.integer(0, Long.MAX_VALUE);
      if (seeds.contains(seed)) {
        throw s.error("seed " + seed + " is listed twice; seeds must be distinct");
      }
      seeds.add(seed);
    }
    if (seeds.isEmpty()) {
      throw node.error("expected at least one seed");
    }
    return seeds;
  }

  private static TrainingSpec training(ConfigNode node) {
    if (!node.present()) {
      throw node.error("required; e.g. training: {steps: 300}");
    }
    node.requireOnly(TRAINING_KEYS);
    ConfigNode steps = node.get("steps");
    ConfigNode epochs = node.get("epochs");
    if (steps.present() == epochs.present()) {
      throw node.error("expected exactly one of steps and epochs");
    }
    Long stepCount = steps.present() ? steps.integer(1, 100_000_000) : null;
    Double epochCount = epochs.present() ? epochs.real(1e-9, 1e9) : null;
    Integer batch = node.get("batch-size").present() ? (int) node.get("batch-size").integer(1, 1 << 20) : null;
    int logEvery = (int) node.get("log-every").integer(1, 1_000_000, DEFAULT_LOG_EVERY);
    int checkpointEvery = (int) node.get("checkpoint-every").integer(0, 100_000_000, 0);
    long timeout = node.get("timeout-seconds").integer(1, 30L * 24 * 3600, DEFAULT_TIMEOUT_SECONDS);
    return new TrainingSpec(stepCount, epochCount, batch, logEvery, checkpointEvery, timeout);
  }

  private static EvalSpec evaluation(ConfigNode node) {
    if (!node.present()) {
      return new EvalSpec(DEFAULT_EVAL_BATCH, null, List.of(1, 2), List.of(1, 2), null);
    }
    node.requireOnly(EVAL_KEYS);
    int batch = (int) node.get("batch-size").integer(1, 1 << 20, DEFAULT_EVAL_BATCH);
    Integer augmentations = node.get("augmentations").present()
        ? (int) node.get("augmentations").integer(0, 100_000) : null;
    List<Integer> k = positiveList(node.get("k"), List.of(1, 2), 1_000_000);
    List<Integer> factors = positiveList(node.get("depth-factors"), List.of(1, 2), 64);
    if (!factors.contains(1)) {
      throw node.get("depth-factors").error("expected the list to contain 1 (the trained depth), got "
          + factors);
    }
    Integer max = node.get("max-examples").present() ? (int) node.get("max-examples").integer(1, Integer.MAX_VALUE)
        : null;
    return new EvalSpec(batch, augmentations, k, factors, max);
  }

  private static List<Integer> positiveList(ConfigNode node, List<Integer> fallback, int max) {
    if (!node.present()) {
      return fallback;
    }
    List<Integer> out = new ArrayList<>();
    for (ConfigNode e : node.elements()) {
      int v = (int) e.integer(1, max);
      if (out.contains(v)) {
        throw e.error(v + " is listed twice");
      }
      out.add(v);
    }
    if (out.isEmpty()) {
      throw node.error("expected at least one value");
    }
    return out.stream().sorted().toList();
  }

  private static String oneOf(ConfigNode node, Set<String> known, String fallback, String what) {
    if (!node.present() && fallback != null) {
      return fallback;
    }
    if (!node.present()) {
      throw node.error("required: the " + what + " name; known: " + String.join(", ", known));
    }
    String value = node.present() && node.node().isTextual() ? node.node().asText().strip() : null;
    if (value == null || !known.contains(value)) {
      throw node.error("unknown " + what + " " + node.describe() + "; known: " + String.join(", ", known));
    }
    return value;
  }

  private static Set<String> ordered(String... keys) {
    return new LinkedHashSet<>(List.of(keys));
  }
}
