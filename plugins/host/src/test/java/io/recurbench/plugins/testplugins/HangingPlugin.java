package io.recurbench.plugins.testplugins;

import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.RecursiveOperator;

/** Never finishes tracing (until its thread is interrupted). */
public final class HangingPlugin extends TestPlugin {
    @Override
    public String name() {
        return "hangs";
    }

    @Override
    public RecursiveOperator create(ModelDims dims, HyperParameters params) {
        return (h, scope) -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("interrupted");
        };
    }
}
