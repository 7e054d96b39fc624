package io.recurbench.engine.optim;

import io.recurbench.engine.autodiff.Emitter;
import io.recurbench.engine.ir.Op;
import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, arXiv:1711.05101), written as PyTorch's
 * {@code torch.optim.AdamW} computes it (t the 1-based step, {@code bc1 = 1 − β1^t},
 * {@code bc2 = 1 − β2^t}):
 * <pre>
 *   p ← p·(1 − lr·wd)
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   p ← p − (lr / bc1)·m / (√v / √bc2 + ε)
 * </pre>
 */
public record AdamW(double beta1, double beta2, double epsilon, double weightDecay) implements Optimizer {

    public AdamW {
        Optimizer.checkBeta("beta1", beta1);
        Optimizer.checkBeta("beta2", beta2);
        Optimizer.checkNonNegative("epsilon", epsilon);
        Optimizer.checkNonNegative("weightDecay", weightDecay);
    }

    /** PyTorch's defaults: β = (0.9, 0.999), ε = 1e-8, weight decay 0.01. */
    public static AdamW defaults() {
        return new AdamW(0.9, 0.999, 1e-8, 0.01);
    }

    @Override
    public List<String> stateSlots() {
        return List.of("m", "v");
    }

    @Override
    public ParameterUpdate update(Emitter e, int param, int grad, List<Integer> state, StepScalars step) {
        int decayed = Optimizer.decay(e, param, weightDecay, step.lr());
        int m = Optimizer.ema(e, state.get(0), grad, beta1);
        int v = Optimizer.ema(e, state.get(1), e.mul(grad, grad), beta2);
        int bc1 = Optimizer.biasCorrection(e, beta1, step.count());
        int bc2 = Optimizer.biasCorrection(e, beta2, step.count());
        int denom = e.add(e.div(e.unary(Op.UnaryKind.SQRT, v), e.unary(Op.UnaryKind.SQRT, bc2)), e.scalar(epsilon));
        int stepSize = e.div(step.lr(), bc1);
        int updated = e.sub(decayed, e.mul(e.div(m, denom), stepSize));
        return new ParameterUpdate(updated, List.of(m, v));
    }
}
