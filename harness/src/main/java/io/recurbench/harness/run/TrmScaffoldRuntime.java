package io.recurbench.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.RecursiveOperator;
import io.recurbench.api.task.Task;
import io.recurbench.harness.config.OverrideException;
import io.recurbench.harness.config.SuiteConfig.ScaffoldSpec;
import io.recurbench.scaffold.Checkpoint;
import io.recurbench.scaffold.StepMetrics;
import io.recurbench.scaffold.Trainer;
import io.recurbench.scaffold.TrmConfig;
import io.recurbench.scaffold.TrmModel;
import io.recurbench.scaffold.TrmNames;
import io.recurbench.scaffold.TrmPresets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scaffold port over the scaffold module: {@link TrmPresets} for presets, {@link TrmModel} for
 * dimensions and counts, {@link Trainer} for training and checkpoints, {@link DepthProbe} for the
 * evaluation the results schema asks for. A run's config is its preset with the suite's overrides,
 * the operator, the run's seed and batch size. Registered as a service so the application finds it.
 */
public final class TrmScaffoldRuntime implements ScaffoldRuntime {
  /** The checkpoint file inside a run's checkpoint directory. */
  static final String CHECKPOINT = "trainer.ckpt";
  /** Fields the harness sets per run; a suite cannot override them. */
  private static final Set<String> HARNESS_FIELDS = Set.of("operator", "operator_params", "seed", "source");

  @Override
  public List<String> presets() {
    return List.copyOf(TrmPresets.all().keySet());
  }

  @Override
  public Map<String, Object> checkOverrides(String preset, Map<String, Object> overrides) {
    resolve(preset, overrides);
    return overrides;
  }

  /** The preset with overrides applied, validated by {@link TrmConfig}'s own checks. */
  static TrmConfig resolve(String preset, Map<String, Object> overrides) {
    ObjectMapper mapper = TrmPresets.mapper();
    ObjectNode tree = mapper.valueToTree(TrmPresets.get(preset));
    for (var e : overrides.entrySet()) {
      if (HARNESS_FIELDS.contains(e.getKey())) {
        throw new OverrideException(e.getKey(), "set by the harness per run (operators, seeds), not by an override");
      }
      if (!tree.has(e.getKey())) {
        List<String> known = new java.util.ArrayList<>();
        tree.fieldNames().forEachRemaining(k -> {
          if (!HARNESS_FIELDS.contains(k)) {
            known.add(k);
          }
        });
        throw new OverrideException(e.getKey(), "unknown field of scaffold preset '" + preset + "'; known: "
            + String.join(", ", known));
      }
      tree.set(e.getKey(), mapper.valueToTree(e.getValue()));
    }
    try {
      return mapper.treeToValue(tree, TrmConfig.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String message = root.getMessage() == null ? e.getMessage() : root.getMessage();
      String line = message.lines().findFirst().orElse(message);
      // TrmConfig names the field: "TRM config 'hidden_size': expected …"
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("TRM config '([^']+)': (.*)").matcher(line);
      if (m.find()) {
        return fail(m.group(1), m.group(2), overrides);
      }
      throw new OverrideException(null, line);
    }
  }

  private static TrmConfig fail(String field, String problem, Map<String, Object> overrides) {
    String key = overrides.containsKey(field) ? field : null;
    throw new OverrideException(key, key != null ? problem
        : "'" + field + "' of the preset " + problem + " with these overrides");
  }

  /** The config of one run. */
  static TrmConfig config(ScaffoldSpec scaffold, String operator, Map<String, Object> hyper, long seed, int batch) {
    return resolve(scaffold.preset(), scaffold.overrides()).withOperator(operator, hyper).withBatch(batch, seed);
  }

  @Override
  public ModelDims dims(ScaffoldSpec scaffold, Task task) {
    return TrmModel.dims(resolve(scaffold.preset(), scaffold.overrides()), task.sequenceLength());
  }

  @Override
  public long scaffoldParameters(ScaffoldSpec scaffold, Task task) {
    // The model around an operator that declares nothing: embeddings, positions, heads.
    RecursiveOperator nothing = (hidden, scope) -> hidden;
    TrmConfig c = resolve(scaffold.preset(), scaffold.overrides());
    return new TrmModel(c, nothing, task.vocabularySize(), task.sequenceLength(), 1).trainableParameterCount();
  }

  @Override
  public int presetBatchSize(ScaffoldSpec scaffold) {
    return resolve(scaffold.preset(), scaffold.overrides()).batchSize();
  }

  private static TrmModel model(RunSpec spec, int batch) {
    TrmConfig c = config(spec.scaffold(), spec.operator(), spec.hyper().asMap(), spec.seed(), batch);
    ModelDims dims = TrmModel.dims(c, spec.task().sequenceLength());
    RecursiveOperator op = spec.plugin().create(dims, spec.hyper());
    return new TrmModel(c, op, spec.task().vocabularySize(), spec.task().sequenceLength(), batch);
  }

  @Override
  public RunOutput execute(RunSpec spec, RunContext context) throws Exception {
    Path file = context.checkpointDir().resolve(CHECKPOINT);
    Files.createDirectories(context.checkpointDir());
    TrmModel model = model(spec, spec.batchSize());
    Trainer.Options options = new Trainer.Options(file, 0, null, null, 1, null);
    context.phase("compiling the train step");
    try (Trainer trainer = Files.isRegularFile(file)
        ? Trainer.resume(model, spec.operator(), spec.task(), spec.backend(), options, file)
        : Trainer.start(model, spec.operator(), spec.task(), spec.backend(), options)) {
      context.begin(trainer.stepCount(), spec.operator() + " seed " + spec.seed());
      while (trainer.stepCount() < spec.steps()) {
        StepMetrics m = trainer.step();
        RunContext.StepAction action = context.step(m.step(), m.loss(), m.exactAccuracy(), m.halted(),
            spec.batchSize());
        if (action != RunContext.StepAction.CONTINUE) {
          trainer.writeCheckpoint();
        }
        if (action == RunContext.StepAction.STOP) {
          throw new RunStopped(m.step());
        }
      }
      trainer.writeCheckpoint();
      context.trainingDone();
      return probe(spec, context).run(trainer.emaParameters(), trainer.puzzleTable());
    }
  }

  @Override
  public RunOutput evaluate(RunSpec spec, Path checkpointDir) {
    Path file = checkpointDir.resolve(CHECKPOINT);
    if (!Files.isRegularFile(file)) {
      throw new io.recurbench.harness.UserError(file + ": no checkpoint");
    }
    Checkpoint c = Checkpoint.read(file);
    Map<String, float[]> params = new LinkedHashMap<>();
    Map<String, float[]> ema = new LinkedHashMap<>();
    c.floatEntries().forEach((name, v) -> {
      if (name.startsWith("param/")) {
        params.put(name.substring("param/".length()), v);
      } else if (name.startsWith("ema/")) {
        ema.put(name.substring("ema/".length()), v);
      }
    });
    params.putAll(ema);
    return probe(spec, null).run(params, c.floats(TrmNames.PUZZLE_TABLE));
  }

  private static DepthProbe probe(RunSpec spec, RunContext context) {
    ExampleRecorder examples = new ExampleRecorder(spec.task(), spec.evaluation().maxExamples());
    TrmModel model = model(spec, evaluationBatchSize(examples, spec.evaluation().batchSize()));
    return new DepthProbe(model, examples, spec.backend(), spec.evaluation().maxDepthFactor(), spec.evaluation().k(),
        context);
  }

  /**
   * The evaluation graphs run at a fixed batch size and pad the last batch. When every evaluation
   * example fits in one batch, the graph is compiled for exactly that many: a small ARC suite (a few
   * test inputs × views, 901 positions each) would otherwise compute a whole padded batch of 64.
   */
  static int evaluationBatchSize(ExampleRecorder examples, int configured) {
    java.util.Iterator<io.recurbench.api.task.Batch> it = examples.evaluationBatches(configured);
    if (!it.hasNext()) {
      return configured;
    }
    int first = it.next().size();
    return it.hasNext() ? configured : first;
  }
}
