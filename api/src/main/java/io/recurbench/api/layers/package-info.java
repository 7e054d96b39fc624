/**
 * Reusable building blocks for recursive operators, written against the {@link io.recurbench.api.Tensor}
 * facade and {@link io.recurbench.api.NN} composites only, so that built-in and third-party operators
 * share one definition of TRM's layers (Jolicoeur-Martineau, "Less is More: Recursive Reasoning with
 * Tiny Networks", 2025, arXiv:2510.04871; code: SamsungSAILMontreal/TinyRecursiveModels,
 * {@code models/layers.py}).
 *
 * <p>Each layer is a small immutable record of its sizes with an {@code apply(x, scope)} method that
 * declares its parameters in {@code scope} (callers pass a {@link io.recurbench.api.ParameterScope#child}
 * per layer) and returns the output. Weights are stored {@code [in, out]} so that a projection is
 * one {@code x.matmul(w)}; counts equal TRM's {@code [out, in]} layout.
 */
package io.recurbench.api.layers;
