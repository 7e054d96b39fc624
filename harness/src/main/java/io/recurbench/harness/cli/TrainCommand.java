package io.recurbench.harness.cli;

import io.recurbench.harness.RecurBenchCli;
import io.recurbench.harness.UserError;
import io.recurbench.harness.config.SuiteConfig;
import io.recurbench.harness.run.RunDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code recurbench train}: one operator, one seed of a suite, into its own run directory (with its
 * checkpoint, metrics log, results and reports), e.g. to inspect one configuration or to produce a
 * checkpoint for {@code recurbench eval}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Trains and evaluates one operator with one seed of a suite (default: the quick preset)",
        "into a run directory; resumable like compare (recurbench compare --resume DIR)."})
public final class TrainCommand implements Callable<Integer> {
  @ParentCommand
  RecurBenchCli root;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "suite YAML")
  Path config;

  @Option(names = "--preset", paramLabel = "NAME", description = "a built-in preset instead of a file")
  String preset;

  @Option(names = "--operator", required = true, paramLabel = "NAME", description = "the operator to train")
  String operator;

  @Option(names = "--seed", paramLabel = "SEED", description = "the seed (default: the suite's first)")
  Long seed;

  @Option(names = "--task-option", paramLabel = "KEY=VALUE",
      description = "set a task option of the suite, e.g. data=DIR for ARC presets (repeatable)")
  java.util.List<String> taskOptions = new java.util.ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "the run directory")
  Path out;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "AUTO", description = "auto, bar or log")
  ProgressChoice progress;

  @Override
  public Integer call() {
    var injector = root.injector();
    SuiteSession.Loaded loaded = SuiteSession.load(injector, config, preset, taskOptions);
    SuiteConfig c = loaded.config();
    SuiteConfig.OperatorSpec op = c.operators().stream().filter(o -> o.name().equals(operator)).findFirst()
        .orElseThrow(() -> new UserError("operator '" + operator + "' is not in suite '" + c.name() + "'; it has: "
            + c.operators().stream().map(SuiteConfig.OperatorSpec::name).toList()));
    long s = seed != null ? seed : c.seeds().getFirst();
    SuiteConfig.BudgetSpec budget = c.budget();
    if (budget.parameters() == null) {
      throw new UserError("suite '" + c.name() + "' takes its budget from its first operator; give budget.parameters"
          + " in the config to train one operator alone at the same parity");
    }
    SuiteConfig one = new SuiteConfig(c.name() + "-" + operator + "-seed" + s, c.description(), c.task(), List.of(op),
        budget, c.scaffold(), c.backend(), List.of(s), c.training(), c.evaluation(), c.output());
    RunDirectory dir = SuiteSession.create(one, out);
    return SuiteSession.run(injector, new SuiteSession.Loaded(one, loaded.source()), dir, 0, progress,
        spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
