/**
 * Shared test support of the operator modules (tracing, parameter counts, random feeds, gradient
 * checks), on top of the plugin test kit's {@code OperatorHarness}, plus float64 reference loops.
 */
package io.recurbench.operators.testing;
