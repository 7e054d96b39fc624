package io.recurbench.plugins;

import io.recurbench.api.operator.HyperParameters;

/**
 * A plugin that passed validation, with the hyper-parameters a run uses (the config's, with a
 * parity knob solved if the budget needed it).
 *
 * @param loaded             the plugin and where it came from
 * @param params             the validated hyper-parameters
 * @param operatorParameters its exact parameter count at the run's dimensions
 * @param parity             the parity verdict in words (or "no budget")
 */
public record AcceptedPlugin(LoadedPlugin loaded, HyperParameters params, long operatorParameters, String parity) {

    public String name() {
        return loaded.name();
    }
}
