package io.recurbench.harness.run;

import io.recurbench.api.operator.HyperParameters;
import io.recurbench.harness.wiring.DiscoveredOperator;
import io.recurbench.reports.model.OperatorEntry;

/**
 * An operator of a suite after validation and sizing: its results entry and, when it may run, the
 * plugin and the hyper-parameters that meet the budget.
 *
 * @param entry  the {@code operators[]} entry of results.json (ok or refused with the reason)
 * @param plugin the plugin, or {@code null} when refused
 * @param hyper  the sized hyper-parameters, or {@code null} when refused
 * @param parity the parity outcome in words (also for refusals)
 */
public record PlannedOperator(OperatorEntry entry, DiscoveredOperator plugin, HyperParameters hyper, String parity) {
  public boolean runnable() {
    return entry.status().succeeded();
  }

  public String name() {
    return entry.operator();
  }
}
