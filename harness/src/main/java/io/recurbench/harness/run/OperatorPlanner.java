package io.recurbench.harness.run;

import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.api.operator.ParityKnob;
import io.recurbench.harness.config.SuiteConfig;
import io.recurbench.harness.config.SuiteConfig.OperatorSpec;
import io.recurbench.harness.wiring.DiscoveredOperator;
import io.recurbench.harness.wiring.OperatorInventory;
import io.recurbench.harness.wiring.RefusedOperator;
import io.recurbench.operators.parity.Budget;
import io.recurbench.operators.parity.ParameterCounter;
import io.recurbench.operators.parity.ParityCheck;
import io.recurbench.operators.parity.ParitySolver;
import io.recurbench.reports.model.OperatorEntry;
import io.recurbench.reports.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Validates each operator of a suite and sizes it to the parameter budget (operator + scaffold).
 * An operator whose plugin was refused, whose hyper-parameters do not build at the task's
 * dimensions, or that no value of its parity knob brings within tolerance is refused with the
 * reason; the others proceed. Without an explicit budget, the first operator that builds sets it.
 */
public final class OperatorPlanner {
  private final OperatorInventory inventory;

  public OperatorPlanner(OperatorInventory inventory) {
    this.inventory = inventory;
  }

  /** The plans, in config order, and the budget they were held to. */
  public record Plan(List<PlannedOperator> operators, Budget budget) {}

  public Plan plan(SuiteConfig config, String taskId, ModelDims dims, long scaffoldParameters) {
    Budget budget = budget(config, dims, scaffoldParameters);
    List<PlannedOperator> out = new ArrayList<>();
    for (OperatorSpec spec : config.operators()) {
      out.add(planOne(spec, taskId, dims, scaffoldParameters, budget));
    }
    return new Plan(out, budget);
  }

  private Budget budget(SuiteConfig config, ModelDims dims, long scaffold) {
    if (config.budget().parameters() != null) {
      return new Budget(config.budget().parameters(), config.budget().tolerance());
    }
    for (OperatorSpec spec : config.operators()) {
      Optional<DiscoveredOperator> op = inventory.find(spec.name());
      if (op.isEmpty()) {
        continue;
      }
      try {
        HyperParameters hyper = op.get().plugin().hyperParameters().parse(spec.hyper());
        return new Budget(ParameterCounter.count(op.get().plugin(), dims, hyper) + scaffold,
            config.budget().tolerance());
      } catch (RuntimeException notBuildable) {
        // this operator is refused below with the reason; the next one sets the budget
      }
    }
    // Nothing builds: every operator is refused; a nominal budget keeps the entries well-formed.
    return new Budget(Math.max(1, scaffold), config.budget().tolerance());
  }

  private PlannedOperator planOne(OperatorSpec spec, String taskId, ModelDims dims, long scaffold, Budget budget) {
    Optional<RefusedOperator> refusal = inventory.refusal(spec.name());
    Optional<DiscoveredOperator> found = inventory.find(spec.name());
    if (found.isEmpty()) {
      String reason = refusal.map(RefusedOperator::reason).orElse("no plugin provides this operator");
      return refused(spec.name(), taskId, refusal.map(RefusedOperator::source).orElse("?"),
          refusal.map(RefusedOperator::version).orElse("?"), budget, reason);
    }
    OperatorPlugin plugin = found.get().plugin();
    String source = found.get().source() + ":" + plugin.getClass().getSimpleName();
    String version = plugin.version();
    HyperParameters hyper;
    long count;
    try {
      hyper = plugin.hyperParameters().parse(spec.hyper());
      count = ParameterCounter.count(plugin, dims, hyper);
    } catch (RuntimeException e) {
      return refused(spec.name(), taskId, source, version, budget, "does not build at " + describe(dims) + ": "
          + oneLine(e));
    }
    ParitySolver solver = new ParitySolver(spec.name(), plugin.parityKnobs(), scaffold,
        p -> ParameterCounter.count(plugin, dims, p));
    ParityCheck check = solver.check(hyper, budget);
    String knob = spec.solve();
    if (knob == null && check.within()) {
      return ok(spec.name(), taskId, source, version, check, found.get(), hyper, check.explain());
    }
    if (knob == null) {
      List<ParityKnob> knobs = plugin.parityKnobs();
      if (knobs.isEmpty()) {
        return refused(spec.name(), taskId, source, version, budget, check.explain()
            + "; the plugin has no parity knob to solve");
      }
      knob = knobs.getFirst().name();
    }
    try {
      ParitySolver.Solution solution = solver.solve(hyper, knob, budget);
      if (!solution.converged()) {
        return refused(spec.name(), taskId, source, version, budget, solution.explanation());
      }
      HyperParameters sized = hyper.with(knob, solution.value());
      return ok(spec.name(), taskId, source, version, solution.check(), found.get(), sized, solution.explanation());
    } catch (RuntimeException e) {
      return refused(spec.name(), taskId, source, version, budget, "parity: " + oneLine(e));
    }
  }

  private static PlannedOperator ok(String name, String task, String source, String version, ParityCheck check,
                                    DiscoveredOperator op, HyperParameters hyper, String parity) {
    OperatorEntry entry = OperatorEntry.measured(name, task, source, version, check.total(), check.budget().target(),
        Status.ok());
    return new PlannedOperator(entry, op, hyper, parity);
  }

  private static PlannedOperator refused(String name, String task, String source, String version, Budget budget,
                                         String reason) {
    OperatorEntry entry = new OperatorEntry(name, task, source, version, null, budget.target(), null,
        Status.refused(reason));
    return new PlannedOperator(entry, null, null, reason);
  }

  private static String describe(ModelDims d) {
    return String.format(Locale.ROOT, "D=%d S=%d heads=%d", d.hiddenSize(), d.sequenceLength(), d.heads());
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage();
    String text = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    return text.lines().findFirst().orElse(text);
  }
}
