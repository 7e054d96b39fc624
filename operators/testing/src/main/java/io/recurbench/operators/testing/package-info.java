/** Shared test support of the operator modules (tracing, parameter counts, random feeds). */
package io.recurbench.operators.testing;
