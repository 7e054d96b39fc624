package io.recurbench.plugins;

import io.recurbench.api.operator.OperatorPlugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The entry point a harness uses: discover plugins (class path and plugin directory), validate
 * them, and return what may run and what was refused.
 */
public final class PluginHost {

    /**
     * Where to look.
     *
     * @param classpath whether to use {@code ServiceLoader} on the host's class path (the built-ins)
     * @param directory the plugin directory, or empty for none
     */
    public record Sources(boolean classpath, Optional<Path> directory) {
        /** The class path and {@link PluginDiscovery#DEFAULT_DIRECTORY}. */
        public static Sources defaults() {
            return new Sources(true, Optional.of(PluginDiscovery.DEFAULT_DIRECTORY));
        }
    }

    /** The operators a run may use and the refusals the report lists. */
    public record Inventory(List<AcceptedPlugin> accepted, List<RefusedPlugin> refused) {
        public Inventory {
            accepted = List.copyOf(accepted);
            refused = List.copyOf(refused);
        }

        /** The accepted plugin called {@code name}, failing with the known names. */
        public AcceptedPlugin get(String name) {
            return accepted.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown operator '" + name + "'; accepted: "
                            + accepted.stream().map(AcceptedPlugin::name).toList()));
        }
    }

    private PluginHost() {}

    /** Discovers from {@code sources} and validates with {@code settings}. */
    public static Inventory load(Sources sources, ValidationSettings settings) {
        PluginDiscovery.Result found = new PluginDiscovery.Result(List.of(), List.of());
        if (sources.classpath()) {
            found = found.plus(PluginDiscovery.fromClasspath(OperatorPlugin.class.getClassLoader()));
        }
        if (sources.directory().isPresent()) {
            found = found.plus(PluginDiscovery.fromDirectory(sources.directory().get()));
        }
        PluginValidator.Report report = new PluginValidator(settings).validate(found.loaded());
        List<RefusedPlugin> refused = new ArrayList<>(found.refused());
        refused.addAll(report.refused());
        return new Inventory(report.accepted(), refused);
    }
}
