package io.recurbench.reports.model;

/**
 * Measured speed of a run on the suite's backend and device.
 *
 * @param trainExamplesPerSecond training examples processed per second (forward + backward + update,
 *                               all supervision steps), over the whole training wall time
 * @param evalExamplesPerSecond  evaluation examples per second (all views and supervision steps)
 */
public record Throughput(double trainExamplesPerSecond, double evalExamplesPerSecond) {
    public Throughput {
        Check.nonNegative("trainExamplesPerSecond", trainExamplesPerSecond);
        Check.nonNegative("evalExamplesPerSecond", evalExamplesPerSecond);
    }
}
