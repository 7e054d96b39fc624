package io.recurbench.harness.wiring;

import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.plugins.LoadedPlugin;

/**
 * An operator plugin the plugin host found and instantiated.
 *
 * @param loaded the plugin, where it came from and its class loader
 */
public record DiscoveredOperator(LoadedPlugin loaded) {
  public String name() {
    return loaded.name();
  }

  public OperatorPlugin plugin() {
    return loaded.plugin();
  }

  /** Where it came from ({@code classpath}, or a jar of the plugin directory). */
  public String source() {
    return loaded.source().label();
  }
}
