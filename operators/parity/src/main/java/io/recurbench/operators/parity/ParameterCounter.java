package io.recurbench.operators.parity;

import io.recurbench.api.DType;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.engine.trace.Tracer;

/**
 * An operator's exact parameter count: the operator is traced once on a {@code [1, S, D]} input and
 * the sizes of its declared parameters are summed. Nothing is computed, so this is cheap even at
 * the ARC shape; no formula is written twice.
 */
public final class ParameterCounter {
    private ParameterCounter() {}

    public static long count(OperatorPlugin plugin, ModelDims dims, HyperParameters params) {
        Tracer t = new Tracer();
        Tensor hidden = t.input("hidden", Shape.of(1, dims.sequenceLength(), dims.hiddenSize()), DType.F32);
        Tensor out = plugin.create(dims, params).apply(hidden, t);
        if (!out.shape().equals(hidden.shape())) {
            throw new IllegalStateException("operator '" + plugin.name() + "' returned shape " + out.shape()
                    + " for hidden " + hidden.shape() + "; a recursive operator must keep [B, S, D]");
        }
        t.output("hidden", out);
        return t.build().parameters().stream().mapToLong(ParameterSpec::count).sum();
    }
}
