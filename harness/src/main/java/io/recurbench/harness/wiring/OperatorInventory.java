package io.recurbench.harness.wiring;

import java.util.List;
import java.util.Optional;

/**
 * What operator discovery found: plugins that may run and plugins that were refused.
 *
 * @param loaded  usable plugins, in discovery order, names distinct
 * @param refused refused plugins with their reasons
 */
public record OperatorInventory(List<DiscoveredOperator> loaded, List<RefusedOperator> refused) {
  public OperatorInventory {
    loaded = List.copyOf(loaded);
    refused = List.copyOf(refused);
  }

  public Optional<DiscoveredOperator> find(String name) {
    return loaded.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  public Optional<RefusedOperator> refusal(String name) {
    return refused.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
