package io.recurbench.reports.model;

/**
 * Evaluation metrics after a given recursion depth (a supervision step or a latent cycle).
 *
 * @param depth          1-based depth
 * @param accuracy       primary-metric accuracy of the answer read out at this depth
 * @param meanEntropy    mean over answer positions of the entropy (nats) of the predicted token
 *                       distribution
 * @param stateNormDrift relative change of the mean latent-state L2 norm from the previous depth,
 *                       {@code (‖z_d‖ − ‖z_{d−1}‖) / ‖z_{d−1}‖}; 0 at depth 1
 */
public record DepthPoint(int depth, double accuracy, double meanEntropy, double stateNormDrift) {
    public DepthPoint {
        Check.positive("depth", depth);
        Check.unit("accuracy", accuracy);
        Check.nonNegative("meanEntropy", meanEntropy);
        Check.finite("stateNormDrift", stateNormDrift);
    }
}
