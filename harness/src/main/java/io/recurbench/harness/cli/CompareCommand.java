package io.recurbench.harness.cli;

import io.recurbench.harness.RecurBenchCli;
import io.recurbench.harness.UserError;
import io.recurbench.harness.run.RunDirectory;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code recurbench compare [config.yaml]}: runs a comparison suite into a run directory. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Trains and evaluates every operator × seed of a suite at parameter parity and writes",
        "results.json, report.md and report.html into a run directory.",
        "Without a file it runs the built-in 'quick' preset (all built-in operators, 4×4 Sudoku, CPU).",
        "Ctrl-C stops at the next step with a checkpoint; --resume continues."})
public final class CompareCommand implements Callable<Integer> {
  @ParentCommand
  RecurBenchCli root;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "suite YAML (see docs/harness.md)")
  Path config;

  @Option(names = "--preset", paramLabel = "NAME", description = "run a built-in preset (recurbench list presets)")
  String preset;

  @Option(names = "--resume", paramLabel = "DIR", description = "continue a stopped run directory")
  Path resume;

  @Option(names = "--task-option", paramLabel = "KEY=VALUE",
      description = "set a task option of the suite, e.g. data=DIR for ARC presets (repeatable)")
  java.util.List<String> taskOptions = new java.util.ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "the run directory (default: <output>/<name>-<UTC time>)")
  Path out;

  @Option(names = "--stop-after", paramLabel = "STEPS", defaultValue = "0",
      description = "stop (resumably) after this many training steps in this process, as Ctrl-C would")
  long stopAfter;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "AUTO",
      description = "auto (bars on a terminal), bar or log")
  ProgressChoice progress;

  @Override
  public Integer call() {
    var injector = root.injector();
    var err = spec.commandLine().getErr();
    var stdout = spec.commandLine().getOut();
    if (resume != null) {
      if (config != null || preset != null || out != null || !taskOptions.isEmpty()) {
        throw new UserError("--resume takes the run directory only (its config.yaml says what to run)");
      }
      RunDirectory dir = RunDirectory.existing(resume);
      return SuiteSession.run(injector, SuiteSession.resume(injector, dir), dir, stopAfter, progress, stdout, err);
    }
    SuiteSession.Loaded loaded = SuiteSession.load(injector, config, preset, taskOptions);
    RunDirectory dir = SuiteSession.create(loaded.config(), out);
    return SuiteSession.run(injector, loaded, dir, stopAfter, progress, stdout, err);
  }
}
