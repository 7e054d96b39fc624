package io.recurbench.harness.wiring;

import io.recurbench.plugins.LoadedPlugin;
import io.recurbench.plugins.PluginDiscovery;
import io.recurbench.plugins.RefusedPlugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Operator discovery through the plugin host: {@code ServiceLoader} in the application's class
 * loader (the built-ins and anything on the class path) and every jar or folder of the plugin
 * directory in its own class loader. Two plugins with one name are both refused by the host's
 * validation when a suite runs; here the first keeps the name so that listings stay readable.
 */
public final class PluginOperators {
  private PluginOperators() {}

  public static OperatorInventory discover(ClassLoader classpath, Optional<Path> directory) {
    PluginDiscovery.Result found = PluginDiscovery.fromClasspath(classpath);
    if (directory.isPresent()) {
      found = found.plus(PluginDiscovery.fromDirectory(directory.get()));
    }
    List<DiscoveredOperator> loaded = new ArrayList<>();
    List<RefusedOperator> refused = new ArrayList<>();
    for (RefusedPlugin r : found.refused()) {
      refused.add(new RefusedOperator(r.plugin(), "?", r.source().label(), r.reason()));
    }
    for (LoadedPlugin p : found.loaded()) {
      boolean taken = loaded.stream().anyMatch(d -> d.name().equals(p.name()));
      if (taken) {
        refused.add(new RefusedOperator(p.name(), version(p), p.source().label(), "the name '" + p.name()
            + "' is already provided by " + loaded.stream().filter(d -> d.name().equals(p.name())).findFirst()
            .orElseThrow().source()));
      } else {
        loaded.add(new DiscoveredOperator(p));
      }
    }
    return new OperatorInventory(loaded, refused);
  }

  static String version(LoadedPlugin p) {
    try {
      String v = p.plugin().version();
      return v == null || v.isBlank() ? "?" : v;
    } catch (RuntimeException e) {
      return "?";
    }
  }
}
