package io.recurbench.plugins;

import java.time.Duration;

/**
 * How one isolated run of an operator ended: {@link Ok} with its result, or {@link Failed} with the
 * kind of failure and a one-line reason for the report.
 *
 * @param <T> the result type of the run
 */
public sealed interface RunOutcome<T> {

    /** Wall time from start to the outcome (the timeout, for a run that timed out). */
    Duration elapsed();

    default boolean ok() {
        return this instanceof Ok<T>;
    }

    /** The run finished and its result holds only finite numbers. */
    record Ok<T>(T value, Duration elapsed) implements RunOutcome<T> {}

    /** The run failed; the harness records {@code reason} and goes on with the next run. */
    record Failed<T>(Failure kind, String reason, Duration elapsed) implements RunOutcome<T> {}

    /** Why a run failed. */
    enum Failure {
        /** The run threw (an exception or an error such as a stack overflow). */
        EXCEPTION,
        /** A loss, metric or result value was NaN or infinite. */
        NON_FINITE,
        /** The run did not finish within its time limit. */
        TIMEOUT
    }
}
