package io.recurbench.engine.optim;

import io.recurbench.engine.autodiff.Emitter;
import java.util.List;

/**
 * Stochastic gradient descent with optional heavy-ball momentum and decoupled weight decay:
 * <pre>
 *   p ← p·(1 − lr·wd)
 *   b ← μ·b + g          (only when μ &gt; 0; PyTorch's convention, no dampening)
 *   p ← p − lr·b         (b = g when μ = 0)
 * </pre>
 */
public record Sgd(double momentum, double weightDecay) implements Optimizer {

    public Sgd {
        Optimizer.checkBeta("momentum", momentum);
        Optimizer.checkNonNegative("weightDecay", weightDecay);
    }

    /** Plain SGD: no momentum, no weight decay. */
    public static Sgd plain() {
        return new Sgd(0, 0);
    }

    @Override
    public List<String> stateSlots() {
        return momentum == 0 ? List.of() : List.of("momentum");
    }

    @Override
    public ParameterUpdate update(Emitter e, int param, int grad, List<Integer> state, StepScalars step) {
        int decayed = Optimizer.decay(e, param, weightDecay, step.lr());
        int direction = grad;
        List<Integer> newState = List.of();
        if (momentum != 0) {
            direction = e.add(e.mul(state.get(0), e.scalar(momentum)), grad);
            newState = List.of(direction);
        }
        return new ParameterUpdate(e.sub(decayed, e.mul(direction, step.lr())), newState);
    }
}
