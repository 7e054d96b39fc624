package io.recurbench.plugins;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one operator's work so that its failure cannot take the harness down: the body runs on its
 * own daemon thread (context class loader set to the plugin's), and an exception or error, a NaN
 * or infinite number in its result, or a timeout becomes a {@link RunOutcome.Failed} with a one-line
 * reason. The harness records the outcome and goes on with the next run.
 *
 * <p>A timed-out body is interrupted but cannot be killed (the JVM offers no safe way); being a
 * daemon thread it does not keep the JVM alive, and it stops at its next interruption check.
 */
public final class RunIsolation {

    private RunIsolation() {}

    /**
     * Runs {@code body} for {@code operator} with at most {@code timeout} of wall time.
     *
     * @param operator what runs, for the thread name
     * @param timeout  the time limit
     * @param context  the context class loader of the run (the plugin's loader)
     * @param body     the work; it may throw {@link NonFiniteException} itself
     */
    public static <T> RunOutcome<T> run(String operator, Duration timeout, ClassLoader context, Callable<T> body) {
        Objects.requireNonNull(body, "body");
        FutureTask<T> task = new FutureTask<>(body);
        Thread thread = new Thread(task, "operator-run-" + operator);
        thread.setDaemon(true);
        thread.setContextClassLoader(context);
        long start = System.nanoTime();
        thread.start();
        try {
            T value = task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return NonFinite.find(value)
                    .<RunOutcome<T>>map(where -> new RunOutcome.Failed<>(RunOutcome.Failure.NON_FINITE,
                            "result is not finite: " + where, elapsed))
                    .orElseGet(() -> new RunOutcome.Ok<>(value, elapsed));
        } catch (TimeoutException e) {
            task.cancel(true);
            return new RunOutcome.Failed<>(RunOutcome.Failure.TIMEOUT, "did not finish within " + describe(timeout)
                    + " (its thread was interrupted)", timeout);
        } catch (ExecutionException e) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Throwable cause = e.getCause();
            if (cause instanceof NonFiniteException nf) {
                return new RunOutcome.Failed<>(RunOutcome.Failure.NON_FINITE, nf.getMessage(), elapsed);
            }
            return new RunOutcome.Failed<>(RunOutcome.Failure.EXCEPTION, "threw " + PluginDiscovery.oneLine(cause)
                    + PluginDiscovery.thrownAt(cause), elapsed);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return new RunOutcome.Failed<>(RunOutcome.Failure.EXCEPTION, "the harness was interrupted while it ran",
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
