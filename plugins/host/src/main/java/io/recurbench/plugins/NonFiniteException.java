package io.recurbench.plugins;

/**
 * Thrown by a run that found a NaN or infinite value (a loss, a metric) and cannot go on;
 * {@link RunIsolation} reports it as {@link RunOutcome.Failure#NON_FINITE}.
 */
public final class NonFiniteException extends RuntimeException {

    public NonFiniteException(String message) {
        super(message);
    }

    /** Returns {@code value}, or throws naming {@code what} if it is NaN or infinite. */
    public static double requireFinite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new NonFiniteException(what + " is " + value);
        }
        return value;
    }
}
