package io.recurbench.scaffold;

import io.recurbench.api.task.TaskScore;
import java.util.List;

/**
 * One evaluation of a trained model over a task's whole evaluation set, in plain records for the
 * reports module.
 *
 * @param supervisionSteps supervision steps run on every example (all of them: evaluation does not halt early)
 * @param hCycles          latent cycles per supervision step
 * @param examples         evaluation examples
 * @param perStep          metrics after each supervision step, in order
 * @param lastStepCycles   metrics after each latent cycle of the last supervision step
 * @param score            the task's own score of the last step's predictions
 */
public record EvalReport(int supervisionSteps, int hCycles, long examples, List<StepResult> perStep,
                         List<CycleResult> lastStepCycles, TaskScore score) {

    public EvalReport {
        perStep = List.copyOf(perStep);
        lastStepCycles = List.copyOf(lastStepCycles);
    }

    /** Exact accuracy after the last supervision step. */
    public double exactAccuracy() {
        return perStep.getLast().exactAccuracy();
    }

    /**
     * Metrics after one supervision step.
     *
     * @param step          1-based supervision step
     * @param cellAccuracy  mean over examples of the fraction of correct labelled cells
     * @param exactAccuracy fraction of examples with every labelled cell correct
     * @param meanEntropy   mean entropy (nats) of the answer distribution over labelled cells
     * @param haltFraction  fraction of examples whose halting logit is positive (would halt in training)
     * @param meanHaltLogit mean halting logit
     */
    public record StepResult(int step, double cellAccuracy, double exactAccuracy, double meanEntropy,
                             double haltFraction, double meanHaltLogit) {}

    /**
     * Metrics after one latent cycle (one H iteration) of the last supervision step.
     *
     * @param cycle         1-based latent cycle
     * @param cellAccuracy  as in {@link StepResult}
     * @param exactAccuracy as in {@link StepResult}
     * @param meanEntropy   as in {@link StepResult}
     * @param meanDrift     mean over examples of ‖y_t − y_{t−1}‖ (Frobenius over positions and channels)
     */
    public record CycleResult(int cycle, double cellAccuracy, double exactAccuracy, double meanEntropy,
                              double meanDrift) {}
}
