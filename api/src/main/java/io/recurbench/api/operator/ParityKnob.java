package io.recurbench.api.operator;

/**
 * An integer hyper-parameter the parity solver may turn to bring an operator's parameter count to
 * a budget. The plugin promises that the count does not decrease as the knob grows within
 * {@code [min, max]}; the solver checks this at the ends of the range and says so if it fails.
 *
 * @param name        the hyper-parameter's name in the plugin's {@link HyperParameterSpec} (an int)
 * @param min         smallest value the solver may try
 * @param max         largest value the solver may try
 * @param description what turning it changes, for the solver's explanation
 */
public record ParityKnob(String name, int min, int max, String description) {
    public ParityKnob {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("parity knob needs a name");
        }
        if (min > max) {
            throw new IllegalArgumentException("parity knob '" + name + "': min " + min + " > max " + max);
        }
    }
}
