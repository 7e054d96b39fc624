package io.recurbench.harness.wiring;

import io.recurbench.api.operator.OperatorPlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Finds operator plugins with {@link ServiceLoader} in one class loader and refuses, with a reason,
 * those that cannot be instantiated, were built for another SPI version, have a malformed name,
 * whose hyper-parameter defaults do not parse, or whose name another plugin already took (the first
 * found wins; both are named).
 */
public final class ServiceLoaderOperators {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

  private ServiceLoaderOperators() {}

  public static OperatorInventory discover(ClassLoader loader, String source) {
    Map<String, DiscoveredOperator> loaded = new LinkedHashMap<>();
    List<RefusedOperator> refused = new ArrayList<>();
    var it = ServiceLoader.load(OperatorPlugin.class, loader).stream().iterator();
    while (it.hasNext()) {
      ServiceLoader.Provider<OperatorPlugin> provider;
      try {
        provider = it.next();
      } catch (ServiceConfigurationError e) {
        refused.add(new RefusedOperator(errorSubject(e), "?", source, "cannot be loaded: " + oneLine(e)));
        continue;
      }
      OperatorPlugin plugin;
      try {
        plugin = provider.get();
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        refused.add(new RefusedOperator(provider.type().getName(), "?", source, "cannot be instantiated: " + oneLine(e)));
        continue;
      }
      String reason = check(plugin, loaded);
      if (reason != null) {
        refused.add(new RefusedOperator(safeName(plugin), safeVersion(plugin), source, reason));
      } else {
        loaded.put(plugin.name(), new DiscoveredOperator(plugin, source));
      }
    }
    return new OperatorInventory(List.copyOf(loaded.values()), refused);
  }

  private static String check(OperatorPlugin plugin, Map<String, DiscoveredOperator> loaded) {
    try {
      OperatorPlugin.checkCompatible(plugin);
      String name = plugin.name();
      if (name == null || !NAME.matcher(name).matches()) {
        return "name \"" + name + "\" is not lower-case letters, digits and dashes";
      }
      if (loaded.containsKey(name)) {
        return "name '" + name + "' is already provided by " + loaded.get(name).plugin().getClass().getName();
      }
      plugin.hyperParameters().defaults();
      return null;
    } catch (RuntimeException | LinkageError e) {
      return oneLine(e);
    }
  }

  private static String safeName(OperatorPlugin plugin) {
    try {
      String name = plugin.name();
      return name == null || name.isBlank() ? plugin.getClass().getName() : name;
    } catch (RuntimeException e) {
      return plugin.getClass().getName();
    }
  }

  private static String safeVersion(OperatorPlugin plugin) {
    try {
      String v = plugin.version();
      return v == null || v.isBlank() ? "?" : v;
    } catch (RuntimeException e) {
      return "?";
    }
  }

  private static String errorSubject(ServiceConfigurationError e) {
    return "(unloadable provider)";
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage();
    String text = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    return text.lines().findFirst().orElse(text);
  }
}
