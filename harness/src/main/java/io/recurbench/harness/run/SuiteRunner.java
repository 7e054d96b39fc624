package io.recurbench.harness.run;

import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.task.Task;
import io.recurbench.api.task.TaskFactory;
import io.recurbench.engine.backend.Backend;
import io.recurbench.harness.config.ConfigException;
import io.recurbench.harness.config.SuiteConfig;
import io.recurbench.harness.wiring.BackendFactory;
import io.recurbench.harness.wiring.OperatorInventory;
import io.recurbench.reports.model.Results;
import io.recurbench.reports.model.ResultsIo;
import io.recurbench.reports.model.Run;
import io.recurbench.reports.model.Suite;
import io.recurbench.reports.model.Throughput;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs a suite into a {@link RunDirectory}: builds the task, plans and sizes the operators, then
 * trains and evaluates each runnable operator × seed on the chosen backend. Every run is isolated:
 * an exception, a non-finite loss or the time limit fails that run with its reason and the suite
 * goes on. Finished runs are skipped when the directory is resumed; a stop request leaves the
 * current run checkpointed and returns without results.
 */
public final class SuiteRunner {
  /** Extra time a run gets past its limit to notice it cooperatively before it is abandoned. */
  private static final long GRACE_SECONDS = 30;

  private final OperatorInventory inventory;
  private final Map<String, TaskFactory> tasks;
  private final Map<String, BackendFactory> backends;
  private final ScaffoldRuntime scaffold;
  private final ReportWriter reports;

  public SuiteRunner(OperatorInventory inventory, Map<String, TaskFactory> tasks, Map<String, BackendFactory> backends,
                     ScaffoldRuntime scaffold, ReportWriter reports) {
    this.inventory = inventory;
    this.tasks = tasks;
    this.backends = backends;
    this.scaffold = scaffold;
    this.reports = reports;
  }

  /** How a suite ended. */
  public sealed interface Outcome {
    /** All runs finished (ok or failed); results and reports are written. */
    record Completed(Results results) implements Outcome {}

    /** A stop request interrupted the suite; the directory resumes with {@code compare --resume}. */
    record Stopped(String run, long step) implements Outcome {}
  }

  /**
   * Runs (or resumes) {@code config} in {@code dir}.
   *
   * @param source   where the config came from, for the manifest and task-option errors
   * @param progress one progress display per run, by run label
   */
  public Outcome run(SuiteConfig config, String source, RunDirectory dir, StopSignal stop,
                     Function<String, ProgressSink> progress, PrintWriter log) {
    long suiteStart = System.nanoTime();
    Prepared prepared = prepare(config, source);
    for (PlannedOperator op : prepared.plan().operators()) {
      log.println((op.runnable() ? "operator " : "operator refused: ") + op.name() + ": " + op.parity());
    }
    log.flush();
    Task task = prepared.task();
    OperatorPlanner.Plan plan = prepared.plan();

    Backend backend = backend(config);
    Manifest manifest = manifest(config, source, dir, backend);
    if (!java.nio.file.Files.isRegularFile(dir.manifestFile())) {
      dir.writeManifest(manifest);
    }

    List<Run> runs = new ArrayList<>();
    for (PlannedOperator op : plan.operators()) {
      if (!op.runnable()) {
        continue;
      }
      for (long seed : config.seeds()) {
        Optional<Run> done = dir.finished(op.name(), seed);
        if (done.isPresent()) {
          log.println(op.name() + " seed " + seed + ": finished before, skipped (" + describe(done.get()) + ")");
          runs.add(done.get());
          continue;
        }
        RunSpec spec = prepared.spec(op, seed, backend);
        String label = op.name() + " seed " + seed;
        RunAttempt attempt = attempt(spec, dir, stop, progress.apply(label), config.training().timeoutSeconds(), label);
        if (attempt.stopped() != null) {
          log.println(label + ": stopped at step " + attempt.stopped().step() + "; resume with: recurbench compare"
              + " --resume " + dir.root());
          log.flush();
          return new Outcome.Stopped(label, attempt.stopped().step());
        }
        dir.finish(attempt.run());
        runs.add(attempt.run());
      }
    }
    double wall = (System.nanoTime() - suiteStart) / 1e9;
    Suite suite = new Suite(config.name(), manifest.configHash(), manifest.gitSha(), manifest.jdk(), manifest.os(),
        manifest.backend(), manifest.device(), manifest.tvmVersion(), config.seeds(), plan.budget().tolerance(), wall);
    Results results = Results.of(suite, plan.operators().stream().map(PlannedOperator::entry).toList(), runs);
    try {
      ResultsIo.write(dir.resultsFile(), results);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resultsFile(), e);
    }
    reports.write(results, dir.root());
    return new Outcome.Completed(results);
  }

  /**
   * A suite ready to run: the task built, the operators validated and sized, the step count and
   * batch size resolved.
   */
  public record Prepared(SuiteConfig config, Task task, OperatorPlanner.Plan plan, long steps, int batchSize) {
    /** The spec of one run of {@code op} with {@code seed} on {@code backend}. */
    public RunSpec spec(PlannedOperator op, long seed, Backend backend) {
      return new RunSpec(op.name(), op.plugin().plugin(), op.hyper(), task, config.scaffold(), backend, seed, steps,
          batchSize, config.training().logEvery(), config.training().checkpointEvery(), config.evaluation());
    }

    /** The planned operator called {@code name}. */
    public PlannedOperator operator(String name) {
      return plan.operators().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
          new io.recurbench.harness.UserError("operator '" + name + "' is not in suite '" + config.name() + "'"));
    }
  }

  /** Builds the task and plans the operators without running anything. */
  public Prepared prepare(SuiteConfig config, String source) {
    Task task = createTask(config, source);
    String taskId = task.name();
    ModelDims dims = scaffold.dims(config.scaffold(), task);
    long scaffoldParameters = scaffold.scaffoldParameters(config.scaffold(), task);
    OperatorInventory validated = validate(config, taskId, dims, task.vocabularySize());
    OperatorPlanner.Plan plan = new OperatorPlanner(validated).plan(config, taskId, dims, scaffoldParameters);
    int batch = config.training().batchSize() != null ? config.training().batchSize()
        : scaffold.presetBatchSize(config.scaffold());
    long steps = config.training().steps() != null ? config.training().steps()
        : (long) Math.ceil(config.training().epochs() * task.trainingExampleCount() / batch);
    return new Prepared(config, task, plan, steps, batch);
  }

  /** The backend a config names, created now. */
  public Backend backend(SuiteConfig config) {
    return backends.get(config.backend()).create();
  }

  /**
   * The plugin host's checks (hyper-parameters parse, the block traces with the right shape, shares
   * its weights across calls, runs finite) on the operators the suite names; parity is decided by
   * {@link OperatorPlanner} with the scaffold's own parameter count.
   */
  private OperatorInventory validate(SuiteConfig config, String taskId, ModelDims dims, int vocabulary) {
    List<io.recurbench.plugins.LoadedPlugin> named = new ArrayList<>();
    Map<String, Map<String, Object>> hyper = new java.util.LinkedHashMap<>();
    for (SuiteConfig.OperatorSpec spec : config.operators()) {
      inventory.find(spec.name()).ifPresent(d -> {
        named.add(d.loaded());
        hyper.put(spec.name(), spec.hyper());
      });
    }
    var settings = io.recurbench.plugins.ValidationSettings.of(
        new io.recurbench.operators.parity.ParityConfig(taskId, dims, vocabulary)).withHyperParameters(hyper);
    var report = new io.recurbench.plugins.PluginValidator(settings).validate(named);
    List<io.recurbench.harness.wiring.DiscoveredOperator> accepted = new ArrayList<>();
    for (var a : report.accepted()) {
      inventory.find(a.name()).ifPresent(accepted::add);
    }
    List<io.recurbench.harness.wiring.RefusedOperator> refused = new ArrayList<>(inventory.refused());
    for (var r : report.refused()) {
      refused.add(new io.recurbench.harness.wiring.RefusedOperator(r.plugin(),
          inventory.find(r.plugin()).map(d -> d.plugin().version()).orElse("?"), r.source().label(), r.reason()));
    }
    return new OperatorInventory(accepted, refused);
  }

  private Task createTask(SuiteConfig config, String source) {
    try {
      return tasks.get(config.task().name()).create(taskOptions(tasks.get(config.task().name()), config));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source, "task.options", OperatorPlanner.oneLine(e));
    }
  }

  /**
   * Tasks whose option sets the number of views that evaluation votes over, by task name. ARC-AGI-1's
   * {@code augmentations} is that count (the view plan is shared by training and evaluation, as in TRM).
   * Sudoku's option of the same name only augments training data and does not vote, so it is not here.
   */
  private static final java.util.Map<String, String> VOTED_VIEWS_OPTION = java.util.Map.of("arc-agi-1", "augmentations");

  /**
   * The task's options, plus {@code evaluation.augmentations} as the task's voted-views option for the
   * tasks that vote ({@link #VOTED_VIEWS_OPTION}); other tasks ignore it. A different value also given
   * under {@code task.options} is a conflict.
   */
  public static java.util.Map<String, String> taskOptions(io.recurbench.api.task.TaskFactory factory, SuiteConfig config) {
    java.util.Map<String, String> options = new java.util.LinkedHashMap<>(config.task().options());
    Integer views = config.evaluation().augmentations();
    String option = VOTED_VIEWS_OPTION.get(factory.name());
    if (views != null && option != null && factory.options().containsKey(option)) {
      String given = options.get(option);
      if (given != null && !given.trim().equals(views.toString())) {
        throw new IllegalArgumentException("evaluation.augmentations (" + views + ") conflicts with task option "
            + option + "=" + given);
      }
      options.put(option, views.toString());
    }
    return options;
  }

  private Manifest manifest(SuiteConfig config, String source, RunDirectory dir, Backend backend) {
    if (java.nio.file.Files.isRegularFile(dir.manifestFile())) {
      return dir.readManifest();
    }
    String yaml = io.recurbench.harness.config.ConfigWriter.toYaml(config);
    String tvm = backend instanceof io.recurbench.tvm.TvmBackend t ? t.tvmVersion() : null;
    return new Manifest(config.name(), source, yaml, io.recurbench.harness.config.ConfigWriter.hash(config),
        Environment.gitSha(io.recurbench.harness.ProjectHome.locate()), Environment.jdk(), Environment.os(),
        backend.name(), backend.device(), tvm, config.seeds(), java.time.Instant.now().toString());
  }

  /** The outcome of one attempt: a finished run, or the stop that interrupted it. */
  private record RunAttempt(Run run, RunStopped stopped) {}

  private RunAttempt attempt(RunSpec spec, RunDirectory dir, StopSignal stop, ProgressSink progress, long timeoutSeconds,
                             String label) {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    RunContext context = new RunContext(dir.checkpointDir(spec.operator(), spec.seed()),
        dir.metrics(spec.operator(), spec.seed()), progress, stop, deadline, spec.logEvery(), spec.checkpointEvery(),
        spec.steps());
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "run " + label);
      t.setDaemon(true);
      return t;
    });
    String failure;
    try {
      Future<RunOutput> future = thread.submit(() -> scaffold.execute(spec, context));
      RunOutput out = future.get(timeoutSeconds + GRACE_SECONDS, TimeUnit.SECONDS);
      double wall = (System.nanoTime() - start) / 1e9;
      Run run = Run.ok(spec.operator(), spec.task().name(), spec.seed(), out.metrics(), out.examples(), context.curve(),
          out.depth(), new Throughput(context.trainExamplesPerSecond(), out.evalExamplesPerSecond()), wall);
      progress.finish(describe(run));
      return new RunAttempt(run, null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RunStopped s) {
        progress.finish("stopped at step " + s.step());
        return new RunAttempt(null, s);
      }
      failure = cause instanceof RunFailure ? cause.getMessage()
          : cause.getClass().getSimpleName() + ": " + OperatorPlanner.oneLine(cause);
    } catch (TimeoutException e) {
      failure = "time limit of " + timeoutSeconds + " s exceeded (the run did not stop; abandoned)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "interrupted";
    } catch (RuntimeException e) {
      failure = e.getClass().getSimpleName() + ": " + OperatorPlanner.oneLine(e);
    } finally {
      thread.shutdownNow();
    }
    double wall = (System.nanoTime() - start) / 1e9;
    Run run = Run.failed(spec.operator(), spec.task().name(), spec.seed(), failure, context.curve(), wall);
    progress.finish("failed: " + failure);
    return new RunAttempt(run, null);
  }

  static String describe(Run run) {
    if (!run.status().succeeded()) {
      return "failed: " + run.status().reason();
    }
    return switch (run.metrics()) {
      case io.recurbench.reports.model.SudokuMetrics s -> String.format(Locale.ROOT,
          "exact %.3f (%d/%d), cell %.3f, %.0f s", s.exactAccuracy(), s.puzzlesCorrect(), s.puzzles(),
          s.cellAccuracy(), run.wallTimeSeconds());
      case io.recurbench.reports.model.ArcMetrics a -> a.passAtK().stream()
          .map(p -> String.format(Locale.ROOT, "pass@%d %.3f (%d/%d)", p.k(), p.rate(), p.solved(), a.testInputs()))
          .collect(java.util.stream.Collectors.joining(", ", "", String.format(Locale.ROOT, ", %.0f s",
              run.wallTimeSeconds())));
    };
  }
}
