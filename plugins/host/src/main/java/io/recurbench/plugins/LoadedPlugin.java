package io.recurbench.plugins;

import io.recurbench.api.operator.OperatorPlugin;
import java.util.concurrent.Callable;

/**
 * A plugin instance that passed discovery (instantiated, SPI version compatible).
 *
 * @param plugin the entry point
 * @param source where it came from
 * @param loader the class loader its classes come from (the host's for the class path)
 */
public record LoadedPlugin(OperatorPlugin plugin, PluginSource source, ClassLoader loader) {

    public String name() {
        return plugin.name();
    }

    /**
     * Calls into the plugin with the thread's context class loader set to the plugin's, as Trino
     * does, so that libraries inside the plugin that look up resources through the context loader
     * find the plugin's own.
     */
    public <T> T call(Callable<T> body) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return body.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
