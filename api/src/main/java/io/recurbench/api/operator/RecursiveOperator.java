package io.recurbench.api.operator;

import io.recurbench.api.ParameterScope;
import io.recurbench.api.Tensor;

/**
 * The whole network the TRM scaffold applies at one recursion update, after it has added the input
 * injection: {@code hidden [B, S, D] -> hidden [B, S, D]} with {@code S} and {@code D} as in the
 * {@link ModelDims} the operator was created for.
 *
 * <p>The operator decides its own stack of sub-layers and depth, owns its norms and residuals (TRM
 * uses post-norm, {@code h = rmsNorm(h + sublayer(h))} without a learned scale) and declares all of
 * its parameters through {@code scope}. It is called many times per model (once per recursion
 * step, all sharing weights): declaring a parameter again with the same name and shape returns the
 * same parameter, so an implementation must use the same names on every call.
 */
@FunctionalInterface
public interface RecursiveOperator {

    /** Applies the operator; the result has exactly the shape of {@code hidden}. */
    Tensor apply(Tensor hidden, ParameterScope scope);
}
