package io.recurbench.plugins.testplugins;

import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.RecursiveOperator;

/** Stands for a plugin compiled against a newer SPI: it reports version SPI_VERSION + 1. */
public final class WrongSpiPlugin extends TestPlugin {
    @Override
    public String name() {
        return "from-the-future";
    }

    @Override
    public String version() {
        return "2.0.0";
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION + 1;
    }

    @Override
    public RecursiveOperator create(ModelDims dims, HyperParameters params) {
        return (h, scope) -> h;
    }
}
