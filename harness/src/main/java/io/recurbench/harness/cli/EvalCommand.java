package io.recurbench.harness.cli;

import io.recurbench.harness.RecurBenchCli;
import io.recurbench.harness.UserError;
import io.recurbench.harness.config.SuiteConfig;
import io.recurbench.harness.run.PlannedOperator;
import io.recurbench.harness.run.RunDirectory;
import io.recurbench.harness.run.RunOutput;
import io.recurbench.harness.run.RunSpec;
import io.recurbench.harness.run.ScaffoldRuntime;
import io.recurbench.harness.run.SuiteRunner;
import io.recurbench.reports.model.DepthPoint;
import io.recurbench.reports.model.SudokuMetrics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code recurbench eval RUN_DIR --operator NAME}: evaluates the checkpoint a run left (at the end
 * of training, or where it stopped), optionally deeper than the suite evaluated.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluates the checkpoint of one run of a run directory, with depth extrapolation.")
public final class EvalCommand implements Callable<Integer> {
  @ParentCommand
  RecurBenchCli root;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a directory written by compare or train")
  Path runDir;

  @Option(names = "--operator", required = true, paramLabel = "NAME")
  String operator;

  @Option(names = "--seed", paramLabel = "SEED", description = "default: the suite's first seed")
  Long seed;

  @Option(names = "--depth-factors", split = ",", paramLabel = "F",
      description = "multiples of the trained depth to evaluate (default: the suite's)")
  List<Integer> depthFactors;

  @Override
  public Integer call() throws Exception {
    var injector = root.injector();
    RunDirectory dir = RunDirectory.existing(runDir);
    SuiteSession.Loaded loaded = SuiteSession.resume(injector, dir);
    SuiteConfig config = loaded.config();
    if (depthFactors != null) {
      if (!depthFactors.contains(1) || depthFactors.stream().anyMatch(f -> f < 1)) {
        throw new UserError("--depth-factors: expected positive factors including 1, got " + depthFactors);
      }
      var e = config.evaluation();
      config = new SuiteConfig(config.name(), config.description(), config.task(), config.operators(), config.budget(),
          config.scaffold(), config.backend(), config.seeds(), config.training(),
          new SuiteConfig.EvalSpec(e.batchSize(), e.augmentations(), e.k(), depthFactors.stream().sorted().toList(),
              e.maxExamples()), config.output());
    }
    long s = seed != null ? seed : config.seeds().getFirst();
    Path checkpoint = dir.checkpointDir(operator, s);
    if (!Files.isDirectory(checkpoint)) {
      throw new UserError(checkpoint + ": no checkpoint for operator '" + operator + "' seed " + s);
    }
    SuiteRunner runner = injector.getInstance(SuiteRunner.class);
    SuiteRunner.Prepared prepared = runner.prepare(config, loaded.source());
    PlannedOperator op = prepared.operator(operator);
    if (!op.runnable()) {
      throw new UserError("operator '" + operator + "' was refused: " + op.parity());
    }
    RunSpec runSpec = prepared.spec(op, s, runner.backend(config));
    RunOutput out = injector.getInstance(ScaffoldRuntime.class).evaluate(runSpec, checkpoint);
    print(spec.commandLine().getOut(), operator, s, out);
    return 0;
  }

  static void print(PrintWriter w, String operator, long seed, RunOutput out) {
    if (out.metrics() instanceof SudokuMetrics m) {
      w.printf(Locale.ROOT, "%s seed %d: exact %.4f (%d/%d), cell %.4f (%d/%d)%n", operator, seed, m.exactAccuracy(),
          m.puzzlesCorrect(), m.puzzles(), m.cellAccuracy(), m.cellsCorrect(), m.cells());
    } else {
      w.printf(Locale.ROOT, "%s seed %d: %s%n", operator, seed, out.metrics());
    }
    w.printf(Locale.ROOT, "%-22s %8s %10s %8s%n", "supervision step", "accuracy", "entropy", "drift");
    for (DepthPoint p : out.depth().supervisionSteps()) {
      w.printf(Locale.ROOT, "%-22s %8.4f %10.4f %+8.4f%s%n", p.depth(), p.accuracy(), p.meanEntropy(),
          p.stateNormDrift(), p.depth() == out.depth().trainedSupervisionSteps() ? "  <- trained depth" : "");
    }
    w.printf(Locale.ROOT, "%-22s %8s %10s %8s%n", "latent cycle", "accuracy", "entropy", "drift");
    for (DepthPoint p : out.depth().latentCycles()) {
      w.printf(Locale.ROOT, "%-22s %8.4f %10.4f %+8.4f%s%n", p.depth(), p.accuracy(), p.meanEntropy(),
          p.stateNormDrift(), p.depth() == out.depth().trainedLatentCycles() ? "  <- trained depth" : "");
    }
    w.flush();
  }
}
