package io.recurbench.harness;

import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.task.Batch;
import io.recurbench.api.task.Scorer;
import io.recurbench.api.task.Task;
import io.recurbench.harness.config.SuiteConfig.ScaffoldSpec;
import io.recurbench.harness.run.ExampleRecorder;
import io.recurbench.harness.run.RunContext;
import io.recurbench.harness.run.RunOutput;
import io.recurbench.harness.run.RunSpec;
import io.recurbench.harness.run.RunStopped;
import io.recurbench.harness.run.ScaffoldRuntime;
import io.recurbench.harness.run.TaskMetricsMapper;
import io.recurbench.reports.model.DepthMetrics;
import io.recurbench.reports.model.DepthPoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A test double of the scaffold port for orchestration tests (isolation, resume, refusals): its
 * "training" counts steps with a loss of {@code 1/step} (NaN from step {@link #nanAt} for the
 * operator named {@link #nanOperator}), checkpoints the step count to a file and resumes from it;
 * its "model" predicts the input tokens (givens right, blanks wrong), scored by the task's own
 * scorer. Everything it records is therefore exact and checkable by the tests.
 */
public final class CopyInputScaffold implements ScaffoldRuntime {
  public static final String PRESET = "test-tiny";
  /** The real scaffold preset the shipped suite presets use, accepted so that they parse here too. */
  public static final String SHIPPED_PRESET = "cpu-tiny";
  private final String nanOperator;
  private final long nanAt;
  /** Steps actually executed, per "operator/seed", across resumes (the tests read it). */
  public final java.util.Map<String, List<Long>> executed = new java.util.concurrent.ConcurrentHashMap<>();

  public CopyInputScaffold(String nanOperator, long nanAt) {
    this.nanOperator = nanOperator;
    this.nanAt = nanAt;
  }

  public CopyInputScaffold() {
    this(null, 0);
  }

  @Override
  public List<String> presets() {
    return List.of(PRESET, SHIPPED_PRESET);
  }

  @Override
  public java.util.Map<String, Object> checkOverrides(String preset, java.util.Map<String, Object> overrides) {
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    overrides.forEach((key, value) -> {
      if (!Set.of("hidden_size", "puzzle_emb_ndim", "halt_max_steps", "H_cycles", "L_cycles").contains(key)) {
        throw new io.recurbench.harness.config.OverrideException(key, "unknown field of scaffold preset '" + preset
            + "'; known: hidden_size, puzzle_emb_ndim, halt_max_steps, H_cycles, L_cycles");
      }
      int min = Set.of("halt_max_steps", "H_cycles", "L_cycles").contains(key) ? 1 : 8;
      if (!(value instanceof Number n) || n.intValue() < min || n.intValue() > 512 || n.doubleValue() != n.intValue()) {
        throw new io.recurbench.harness.config.OverrideException(key, "expected an integer in [" + min + ", 512], got "
            + value);
      }
      out.put(key, n.intValue());
    });
    return out;
  }

  @Override
  public ModelDims dims(ScaffoldSpec scaffold, Task task) {
    int d = scaffold.overrides().containsKey("hidden_size") ? (Integer) scaffold.overrides().get("hidden_size") : 16;
    return new ModelDims(d, task.sequenceLength(), 0, 2, 2);
  }

  @Override
  public long scaffoldParameters(ScaffoldSpec scaffold, Task task) {
    long d = dims(scaffold, task).hiddenSize();
    return 2L * task.vocabularySize() * d + 2 * d + 2;
  }

  @Override
  public int presetBatchSize(ScaffoldSpec scaffold) {
    return 4;
  }

  @Override
  public RunOutput execute(RunSpec spec, RunContext context) throws Exception {
    Path file = context.checkpointDir().resolve("step.txt");
    long step = Files.isRegularFile(file) ? Long.parseLong(Files.readString(file).strip()) : 0;
    context.begin(step, spec.operator() + " seed " + spec.seed());
    List<Long> seen = executed.computeIfAbsent(spec.operator() + "/" + spec.seed(), k -> new ArrayList<>());
    while (step < spec.steps()) {
      step++;
      seen.add(step);
      double loss = spec.operator().equals(nanOperator) && step >= nanAt ? Double.NaN : 1.0 / step;
      RunContext.StepAction action = context.step(step, loss, 0.0, spec.batchSize(), spec.batchSize());
      if (action != RunContext.StepAction.CONTINUE) {
        save(file, step);
      }
      if (action == RunContext.StepAction.STOP) {
        throw new RunStopped(step);
      }
    }
    save(file, step);
    context.trainingDone();
    return evaluate(spec, context.checkpointDir());
  }

  @Override
  public RunOutput evaluate(RunSpec spec, Path checkpointDir) {
    ExampleRecorder task = new ExampleRecorder(spec.task(), spec.evaluation().maxExamples());
    Scorer scorer = task.newScorer();
    for (Iterator<Batch> it = task.evaluationBatches(spec.evaluation().batchSize()); it.hasNext(); ) {
      Batch b = it.next();
      scorer.add(b, b.inputs().clone(), new float[b.size()]);
    }
    var mapped = TaskMetricsMapper.map(scorer.result(), spec.evaluation().k(), task.exactOutcomes());
    double acc = (double) task.exactOutcomes().correctCount() / task.exactOutcomes().ids().size();
    List<DepthPoint> points = List.of(new DepthPoint(1, acc, 1.0, 0.0), new DepthPoint(2, acc, 1.0, 0.0));
    DepthMetrics depth = new DepthMetrics(1, points, 1, points, List.of(0L, 0L));
    return new RunOutput(mapped.metrics(), mapped.examples(), depth, 1000.0);
  }

  private static void save(Path file, long step) throws java.io.IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, Long.toString(step), StandardCharsets.UTF_8);
  }
}
