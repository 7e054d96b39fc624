package io.recurbench.plugins;

/**
 * A plugin (or a jar that should have held one) the host will not run, and why. The report lists
 * these; {@link #line()} is the one line printed for it.
 *
 * @param plugin the plugin's name, or the jar / folder name when no plugin could be instantiated
 * @param source where it was found
 * @param reason why it was refused, one line
 */
public record RefusedPlugin(String plugin, PluginSource source, String reason) {

    /** {@code plugin 'name' (source): reason}. */
    public String line() {
        return "plugin '" + plugin + "' (" + source.label() + "): " + reason;
    }

    @Override
    public String toString() {
        return line();
    }
}
