package io.recurbench.scaffold;

/**
 * What one training step reports (TRM's per-step metrics of {@code ACTLossHead}): accuracies are
 * over the examples that halted at this step, as in TRM, and {@code NaN} when none halted.
 *
 * @param step           1-based update index
 * @param lr             learning rate used
 * @param loss           training loss (mean over the batch of answer loss + 0.5 · halting BCE)
 * @param lmLoss         mean answer loss over the batch
 * @param haltLoss       mean halting BCE over the batch
 * @param gradNorm       global L2 norm of the parameter gradients
 * @param halted         examples that halted at this step
 * @param haltingRate    halted / batch size
 * @param cellAccuracy   mean over halted examples of their fraction of correct labelled cells
 * @param exactAccuracy  fraction of halted examples with every labelled cell correct
 * @param meanSteps      mean supervision steps taken by the halted examples
 * @param samplesPerSecond batch examples through one supervision step per second of this step
 */
public record StepMetrics(long step, double lr, double loss, double lmLoss, double haltLoss, double gradNorm, int halted,
                          double haltingRate, double cellAccuracy, double exactAccuracy, double meanSteps,
                          double samplesPerSecond) {}
