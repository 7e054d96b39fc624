package io.recurbench.harness.config;

import io.recurbench.api.operator.HyperParameterSpec;
import io.recurbench.api.operator.ParityKnob;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a configuration may name, as the wired application knows it: tasks, operators, backends and
 * scaffold presets. {@link ConfigLoader} checks names and hyper-parameters against it so that a
 * typo fails before anything trains.
 */
public interface ConfigCatalog {

  /** Task names and, for each, its option names. */
  Map<String, Set<String>> taskOptions();

  /** Every operator name a config may use, loadable or refused. */
  Set<String> operatorNames();

  /** The hyper-parameter spec of a loadable operator; empty for a refused plugin (refused at run time). */
  Optional<HyperParameterSpec> operatorSpec(String name);

  /** The parity knobs of a loadable operator. */
  List<ParityKnob> parityKnobs(String name);

  /** Backend names. */
  Set<String> backends();

  /** Scaffold preset names. */
  Set<String> scaffoldPresets();

  /**
   * Checks the overrides of a scaffold preset together (fields constrain each other); returns them
   * normalised, or throws an {@link OverrideException} naming the key and what was expected.
   */
  java.util.Map<String, Object> checkScaffoldOverrides(String preset, java.util.Map<String, Object> overrides);
}
