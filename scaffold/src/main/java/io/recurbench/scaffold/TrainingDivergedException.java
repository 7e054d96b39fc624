package io.recurbench.scaffold;

/**
 * A non-finite loss or gradient stopped training. Names the step, the tensor and the operator; the
 * state (and the last checkpoint) remain those of the last good step.
 */
public final class TrainingDivergedException extends RuntimeException {
    private final long step;
    private final String tensor;
    private final String operator;

    public TrainingDivergedException(long step, String tensor, String operator, String detail) {
        super("training diverged at step " + step + ": tensor '" + tensor + "' is not finite (" + detail
                + "), operator '" + operator + "'; state and last checkpoint kept from step " + (step - 1));
        this.step = step;
        this.tensor = tensor;
        this.operator = operator;
    }

    public long step() {
        return step;
    }

    public String tensor() {
        return tensor;
    }

    public String operator() {
        return operator;
    }
}
