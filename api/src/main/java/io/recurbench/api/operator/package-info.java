/**
 * The recursive-operator SPI: how a third party (and each built-in) contributes the network that
 * TRM's scaffold applies at every recursion update.
 *
 * <p>A plugin jar contains one {@link io.recurbench.api.operator.OperatorPlugin} implementation
 * with a public no-argument constructor, listed in
 * {@code META-INF/services/io.recurbench.api.operator.OperatorPlugin}. The harness finds it with
 * {@link java.util.ServiceLoader}, checks {@link io.recurbench.api.operator.OperatorPlugin#spiVersion()},
 * parses the plugin's hyper-parameters from the run config with its
 * {@link io.recurbench.api.operator.HyperParameterSpec}, and calls
 * {@link io.recurbench.api.operator.OperatorPlugin#create} once per model. The built-in operators
 * ({@code transformer}, {@code mamba2-hybrid}, {@code mlp-mixer}) are registered exactly this way.
 *
 * <p>Status: experimental until the first release; changes bump
 * {@link io.recurbench.api.operator.OperatorPlugin#SPI_VERSION}.
 */
package io.recurbench.api.operator;
