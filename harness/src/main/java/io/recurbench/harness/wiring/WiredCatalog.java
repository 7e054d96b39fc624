package io.recurbench.harness.wiring;

import com.google.inject.Inject;
import io.recurbench.api.operator.HyperParameterSpec;
import io.recurbench.api.operator.ParityKnob;
import io.recurbench.api.task.TaskFactory;
import io.recurbench.harness.config.ConfigCatalog;
import io.recurbench.harness.run.ScaffoldRuntime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The {@link ConfigCatalog} of the wired application: what was discovered and bound. */
public final class WiredCatalog implements ConfigCatalog {
  private final OperatorInventory operators;
  private final Map<String, TaskFactory> tasks;
  private final Map<String, BackendFactory> backends;
  private final ScaffoldRuntime scaffold;

  @Inject
  public WiredCatalog(OperatorInventory operators, Map<String, TaskFactory> tasks,
                      Map<String, BackendFactory> backends, ScaffoldRuntime scaffold) {
    this.operators = operators;
    this.tasks = new TreeMap<>(tasks);
    this.backends = backends;
    this.scaffold = scaffold;
  }

  @Override
  public Map<String, Set<String>> taskOptions() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    tasks.forEach((name, f) -> out.put(name, new LinkedHashSet<>(f.options().keySet())));
    return out;
  }

  @Override
  public Set<String> operatorNames() {
    Set<String> names = new LinkedHashSet<>();
    operators.loaded().forEach(d -> names.add(d.name()));
    operators.refused().forEach(r -> names.add(r.name()));
    return names;
  }

  @Override
  public Optional<HyperParameterSpec> operatorSpec(String name) {
    return operators.find(name).map(d -> d.plugin().hyperParameters());
  }

  @Override
  public List<ParityKnob> parityKnobs(String name) {
    return operators.find(name).map(d -> d.plugin().parityKnobs()).orElse(List.of());
  }

  @Override
  public Set<String> backends() {
    return new LinkedHashSet<>(backends.keySet());
  }

  @Override
  public Set<String> scaffoldPresets() {
    return new LinkedHashSet<>(scaffold.presets());
  }

  @Override
  public Map<String, Object> checkScaffoldOverrides(String preset, Map<String, Object> overrides) {
    return scaffold.checkOverrides(preset, overrides);
  }
}
