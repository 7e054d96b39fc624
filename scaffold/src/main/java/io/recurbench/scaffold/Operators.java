package io.recurbench.scaffold;

import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.api.operator.RecursiveOperator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds operator plugins by name through {@link ServiceLoader} and builds the operator a config asks for. */
public final class Operators {
    private Operators() {}

    /** The plugin called {@code name}; an unknown name fails listing the plugins found. */
    public static OperatorPlugin plugin(String name) {
        List<OperatorPlugin> plugins = ServiceLoader.load(OperatorPlugin.class).stream().map(ServiceLoader.Provider::get).toList();
        return plugins.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown operator '" + name + "'; operators found: "
                        + String.join(", ", plugins.stream().map(OperatorPlugin::name).sorted().toList())));
    }

    /** The operator of {@code config} for a task with {@code answerLength} tokens per example. */
    public static RecursiveOperator create(TrmConfig config, int answerLength) {
        OperatorPlugin plugin = plugin(config.operator());
        OperatorPlugin.checkCompatible(plugin);
        return plugin.create(TrmModel.dims(config, answerLength), plugin.hyperParameters().parse(config.operatorParams()));
    }
}
