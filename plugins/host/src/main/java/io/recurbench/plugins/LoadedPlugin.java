package io.recurbench.plugins;

import io.recurbench.api.operator.OperatorPlugin;

/**
 * A plugin instance that passed discovery (instantiated, SPI version compatible). Run its code
 * through {@link RunIsolation} with {@link #loader()} as the context class loader.
 *
 * @param plugin the entry point
 * @param source where it came from
 * @param loader the class loader its classes come from (the host's for the class path)
 */
public record LoadedPlugin(OperatorPlugin plugin, PluginSource source, ClassLoader loader) {

    public String name() {
        return plugin.name();
    }
}
