package io.recurbench.reports.model;

/**
 * One point of a learning curve.
 *
 * @param step     optimizer step (≥ 0)
 * @param loss     mean training loss over the logging window
 * @param accuracy training-batch accuracy of the task's primary metric over the window
 */
public record CurvePoint(long step, double loss, double accuracy) {
    public CurvePoint {
        Check.nonNegative("step", step);
        Check.finite("loss", loss);
        Check.unit("accuracy", accuracy);
    }
}
