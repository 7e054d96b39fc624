package io.recurbench.plugins.testplugins;

import io.recurbench.api.operator.HyperParameter;
import io.recurbench.api.operator.HyperParameterSpec;
import io.recurbench.api.operator.OperatorPlugin;

/**
 * Base of the host's test plugins. They reference only the SPI and the JDK, like a real plugin,
 * because the tests pack them into jars and load them through a {@code PluginClassLoader}, which
 * sees nothing else of the host.
 */
abstract class TestPlugin implements OperatorPlugin {

    @Override
    public String version() {
        return "0.0.1";
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String description() {
        return getClass().getSimpleName() + ", a plugin the host's tests load";
    }

    @Override
    public HyperParameterSpec hyperParameters() {
        return HyperParameterSpec.of("operator '" + name() + "'",
                HyperParameter.integer("width", 4, 1, 4096, "width of the hidden projection"));
    }
}
