package io.recurbench.plugins;

import java.util.OptionalLong;

/**
 * A plugin (or a jar that should have held one) the host will not run, and why. The report lists
 * these; {@link #line()} is the one line printed for it.
 *
 * @param plugin          the plugin's name, or the jar / folder name when no plugin could be instantiated
 * @param version         the plugin's declared version, or {@value #UNKNOWN_VERSION} when it has none to give
 * @param source          where it was found
 * @param reason          why it was refused, one line
 * @param totalParameters its exact count with the scaffold's, when the refusal is about the budget
 */
public record RefusedPlugin(String plugin, String version, PluginSource source, String reason,
                            OptionalLong totalParameters) {

    /** The version of a refusal that has no plugin instance to ask. */
    public static final String UNKNOWN_VERSION = "unknown";

    /** A refusal without a known version or count. */
    public RefusedPlugin(String plugin, PluginSource source, String reason) {
        this(plugin, UNKNOWN_VERSION, source, reason, OptionalLong.empty());
    }

    /** {@code plugin 'name' (source): reason}. */
    public String line() {
        return "plugin '" + plugin + "' (" + source.label() + "): " + reason;
    }

    @Override
    public String toString() {
        return line();
    }
}
