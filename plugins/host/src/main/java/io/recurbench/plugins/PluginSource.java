package io.recurbench.plugins;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a plugin was found: the host's class path, or a jar / folder of jars in a plugin directory.
 *
 * @param label    what messages and reports print ({@code classpath}, {@code plugins/gla.jar})
 * @param location the jar or folder, empty for the class path
 */
public record PluginSource(String label, Optional<Path> location) {

    public static PluginSource classpath() {
        return new PluginSource("classpath", Optional.empty());
    }

    public static PluginSource of(Path location) {
        return new PluginSource(location.toString(), Optional.of(location));
    }

    @Override
    public String toString() {
        return label;
    }
}
