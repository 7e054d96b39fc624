package io.recurbench.harness.cli;

import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.task.Task;
import io.recurbench.api.task.TaskFactory;
import io.recurbench.harness.RecurBenchCli;
import io.recurbench.harness.UserError;
import io.recurbench.harness.config.ConfigLoader;
import io.recurbench.harness.config.Presets;
import io.recurbench.harness.config.SuiteConfig;
import io.recurbench.harness.run.OperatorPlanner;
import io.recurbench.harness.run.PlannedOperator;
import io.recurbench.harness.run.ScaffoldRuntime;
import io.recurbench.harness.wiring.BackendFactory;
import io.recurbench.harness.wiring.DiscoveredOperator;
import io.recurbench.harness.wiring.OperatorInventory;
import io.recurbench.harness.wiring.RefusedOperator;
import io.recurbench.operators.parity.Budget;
import io.recurbench.operators.parity.ParameterCounter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code recurbench list operators|tasks|backends|presets}: what the wired application can run.
 * Operators are listed with version, source and exact parameter count (operator + scaffold) at the
 * model dimensions of a suite (default: the quick preset), and with {@code --budget N} sized to that
 * budget by their parity knob.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = {"Lists operators (with versions and parameter counts), tasks, backends or presets.",
        "Operator counts are at the model dimensions of --preset/CONFIG (default: quick), with the",
        "hyper-parameters the suite gives an operator it names, else the plugin's defaults."})
public final class ListCommand implements Callable<Integer> {
  @ParentCommand
  RecurBenchCli root;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "WHAT", description = "operators, tasks, backends or presets")
  String what;

  @Parameters(index = "1", arity = "0..1", paramLabel = "CONFIG", description = "suite YAML whose dimensions to count at")
  Path config;

  @Option(names = "--preset", paramLabel = "NAME", description = "suite preset whose dimensions to count at")
  String preset;

  @Option(names = "--budget", paramLabel = "N", description = "size every operator to this parameter budget (e.g. 20000, 850k, 6.83M)")
  String budget;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    switch (what) {
      case "operators" -> operators(out);
      case "tasks" -> tasks(out);
      case "backends" -> backends(out);
      case "presets" -> presets(out);
      default -> throw new UserError("list: unknown '" + what + "'; expected operators, tasks, backends or presets");
    }
    out.flush();
    return 0;
  }

  private void operators(PrintWriter out) {
    var injector = root.injector();
    OperatorInventory inventory = injector.getInstance(OperatorInventory.class);
    ScaffoldRuntime scaffold = injector.getInstance(ScaffoldRuntime.class);
    SuiteSession.Loaded loaded = SuiteSession.load(injector, config, preset);
    SuiteConfig suite = loaded.config();
    Map<String, TaskFactory> tasks = injector.getInstance(Key.get(new TypeLiteral<Map<String, TaskFactory>>() {}));
    TaskFactory factory = tasks.get(suite.task().name());
    Task task = factory.create(io.recurbench.harness.run.SuiteRunner.taskOptions(factory, suite));
    ModelDims dims = scaffold.dims(suite.scaffold(), task);
    long scaffoldCount = scaffold.scaffoldParameters(suite.scaffold(), task);
    out.printf(Locale.ROOT, "parameter counts (operator + scaffold %,d) at %s: task %s, D=%d, S=%d, heads %d%n",
        scaffoldCount, loaded.source(), task.name(), dims.hiddenSize(), dims.sequenceLength(), dims.heads());
    if (budget == null) {
      out.printf(Locale.ROOT, "%-16s %-10s %-12s %12s  %s%n", "operator", "version", "source", "parameters",
          "description");
      for (DiscoveredOperator d : inventory.loaded()) {
        Map<String, Object> written = suiteHyper(suite, d.name());
        String count;
        try {
          HyperParameters hyper = d.plugin().hyperParameters().parse(written);
          count = String.format(Locale.ROOT, "%,d", ParameterCounter.count(d.plugin(), dims, hyper) + scaffoldCount);
        } catch (RuntimeException e) {
          count = "does not build: " + e.getMessage();
        }
        String description = written.isEmpty() ? d.plugin().description()
            : "[suite hyper " + new TreeMap<>(written) + "] " + d.plugin().description();
        out.printf(Locale.ROOT, "%-16s %-10s %-12s %12s  %s%n", d.name(), d.plugin().version(), d.source(), count,
            description);
      }
    } else {
      long target;
      try {
        target = Budget.parseCount(budget);
      } catch (IllegalArgumentException e) {
        throw new UserError("--budget: " + e.getMessage());
      }
      List<SuiteConfig.OperatorSpec> all = new ArrayList<>();
      inventory.loaded().forEach(d -> all.add(new SuiteConfig.OperatorSpec(d.name(), suiteHyper(suite, d.name()), null)));
      SuiteConfig sized = new SuiteConfig(suite.name(), suite.description(), suite.task(), all,
          new SuiteConfig.BudgetSpec(target, suite.budget().tolerance()), suite.scaffold(), suite.backend(),
          suite.seeds(), suite.training(), suite.evaluation(), suite.output());
      OperatorPlanner.Plan plan = new OperatorPlanner(inventory).plan(sized, task.name(), dims, scaffoldCount);
      out.printf(Locale.ROOT, "budget %s%n", plan.budget());
      out.printf(Locale.ROOT, "%-16s %-10s %12s %9s  %s%n", "operator", "version", "parameters", "Δbudget",
          "sizing");
      for (PlannedOperator p : plan.operators()) {
        var e = p.entry();
        out.printf(Locale.ROOT, "%-16s %-10s %12s %9s  %s%n", p.name(), e.pluginVersion(),
            e.parameterCount() == null ? "-" : String.format(Locale.ROOT, "%,d", e.parameterCount()),
            e.budgetDelta() == null ? "-" : String.format(Locale.ROOT, "%+.2f%%", e.budgetDelta() * 100),
            p.runnable() ? p.parity() : "refused: " + p.parity());
      }
    }
    for (RefusedOperator r : inventory.refused()) {
      out.printf(Locale.ROOT, "refused: %s %s (%s): %s%n", r.name(), r.version(), r.source(), r.reason());
    }
  }

  private void tasks(PrintWriter out) {
    Map<String, TaskFactory> tasks = new TreeMap<>(root.injector().getInstance(
        Key.get(new TypeLiteral<Map<String, TaskFactory>>() {})));
    for (TaskFactory f : tasks.values()) {
      out.printf(Locale.ROOT, "%-12s %s%n", f.name(), f.description());
      f.options().forEach((k, v) -> out.printf(Locale.ROOT, "    %-16s %s%n", k, v));
    }
  }

  private void backends(PrintWriter out) {
    Map<String, BackendFactory> backends = root.injector().getInstance(
        Key.get(new TypeLiteral<Map<String, BackendFactory>>() {}));
    for (BackendFactory f : backends.values()) {
      var a = f.availability();
      out.printf(Locale.ROOT, "%-10s %-9s %s (%s)%n", f.name(), a.available() ? "ready" : "not ready", f.description(),
          a.detail());
    }
  }

  /** The hyper-parameters the suite writes for {@code operator} (empty when it does not name it): counts use them. */
  private static Map<String, Object> suiteHyper(SuiteConfig suite, String operator) {
    return suite.operators().stream().filter(o -> o.name().equals(operator)).findFirst()
        .map(SuiteConfig.OperatorSpec::hyper).orElse(Map.of());
  }

    private void presets(PrintWriter out) {
    var injector = root.injector();
    ConfigLoader loader = injector.getInstance(ConfigLoader.class);
    out.println("suite presets (recurbench compare --preset NAME; quick is the default):");
    for (String name : Presets.names()) {
      SuiteConfig c = loader.parse(Presets.yaml(name), Presets.source(name), name);
      out.printf(Locale.ROOT, "  %-12s %s%n", name, c.description());
    }
    out.println("scaffold presets (scaffold.preset in a suite):");
    for (String name : injector.getInstance(ScaffoldRuntime.class).presets()) {
      out.printf(Locale.ROOT, "  %s%n", name);
    }
  }
}
