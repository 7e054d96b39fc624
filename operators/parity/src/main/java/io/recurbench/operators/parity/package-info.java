/**
 * Parameter parity, the claim the operator comparisons rest on: exact counts from declarations
 * ({@link io.recurbench.operators.parity.ParameterCounter}), the TRM scaffold's own parameters
 * ({@link io.recurbench.operators.parity.ScaffoldParameters}), a budget check and knob solver
 * ({@link io.recurbench.operators.parity.ParitySolver}) and the table of the papers' settings
 * ({@link io.recurbench.operators.parity.ParityTable}). Operators are found by {@code ServiceLoader}
 * only; no operator class is referenced.
 */
package io.recurbench.operators.parity;
