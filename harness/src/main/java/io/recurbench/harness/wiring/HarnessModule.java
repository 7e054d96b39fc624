package io.recurbench.harness.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.api.task.TaskFactory;
import io.recurbench.harness.config.ConfigCatalog;
import io.recurbench.harness.config.ConfigLoader;
import io.recurbench.harness.run.ReportWriter;
import io.recurbench.harness.run.ScaffoldRuntime;
import io.recurbench.harness.run.SuiteRunner;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Wires the application. Everything pluggable is found, not named: operator plugins and task
 * factories through {@link ServiceLoader} in the plugin class loader, bound into {@link MapBinder}s
 * by name (refused plugins into a {@link Multibinder}); backends into a map binder of lazy
 * {@link BackendFactory}s. The scaffold runtime and the report writer come from the modules given
 * with this one (the application's, or a test's).
 */
public final class HarnessModule extends AbstractModule {
  private final ClassLoader plugins;
  private final java.util.Optional<java.nio.file.Path> pluginDirectory;

  /**
   * @param plugins         the class loader whose class path is searched (the application's, or a test's)
   * @param pluginDirectory the plugin directory (each jar or folder in its own class loader), if any
   */
  public HarnessModule(ClassLoader plugins, java.util.Optional<java.nio.file.Path> pluginDirectory) {
    this.plugins = plugins;
    this.pluginDirectory = pluginDirectory;
  }

  @Override
  protected void configure() {
    OperatorInventory inventory = PluginOperators.discover(plugins, pluginDirectory);
    MapBinder<String, OperatorPlugin> operators = MapBinder.newMapBinder(binder(), String.class, OperatorPlugin.class);
    for (DiscoveredOperator d : inventory.loaded()) {
      operators.addBinding(d.name()).toInstance(d.plugin());
    }
    Multibinder<RefusedOperator> refused = Multibinder.newSetBinder(binder(), RefusedOperator.class);
    for (RefusedOperator r : inventory.refused()) {
      refused.addBinding().toInstance(r);
    }
    bind(OperatorInventory.class).toInstance(inventory);

    MapBinder<String, TaskFactory> tasks = MapBinder.newMapBinder(binder(), String.class, TaskFactory.class);
    for (TaskFactory factory : taskFactories(plugins)) {
      tasks.addBinding(factory.name()).toInstance(factory);
    }

    MapBinder<String, BackendFactory> backends = MapBinder.newMapBinder(binder(), String.class, BackendFactory.class);
    backends.addBinding("cpu").toInstance(new CpuBackendFactory());
    backends.addBinding("tvm-llvm").toInstance(TvmBackendFactory.llvm());
    backends.addBinding("tvm-cuda").toInstance(TvmBackendFactory.cuda());

    bind(ConfigCatalog.class).to(WiredCatalog.class).in(Singleton.class);
  }

  @Provides
  @Singleton
  ConfigLoader configLoader(ConfigCatalog catalog) {
    return new ConfigLoader(catalog);
  }

  @Provides
  SuiteRunner suiteRunner(OperatorInventory inventory, Map<String, TaskFactory> tasks,
                          Map<String, BackendFactory> backends, ScaffoldRuntime scaffold, ReportWriter reports) {
    return new SuiteRunner(inventory, tasks, backends, scaffold, reports);
  }

  private static java.util.List<TaskFactory> taskFactories(ClassLoader loader) {
    java.util.List<TaskFactory> out = new java.util.ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (var it = ServiceLoader.load(TaskFactory.class, loader).iterator(); ; ) {
      TaskFactory f;
      try {
        if (!it.hasNext()) {
          break;
        }
        f = it.next();
      } catch (ServiceConfigurationError e) {
        throw new IllegalStateException("a task plugin cannot be loaded: " + e.getMessage(), e);
      }
      if (!names.add(f.name())) {
        throw new IllegalStateException("two task plugins are named '" + f.name() + "'");
      }
      out.add(f);
    }
    return out;
  }
}
