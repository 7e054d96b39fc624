package io.recurbench.harness.wiring;

import io.recurbench.api.operator.OperatorPlugin;

/**
 * An operator plugin that was found and instantiated.
 *
 * @param plugin the entry point
 * @param source where it came from ({@code classpath}, or a jar of the plugin directory)
 */
public record DiscoveredOperator(OperatorPlugin plugin, String source) {
  public String name() {
    return plugin.name();
  }
}
