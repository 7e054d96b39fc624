package io.recurbench.engine.optim;

import io.recurbench.engine.autodiff.Emitter;
import io.recurbench.engine.ir.Op;
import java.util.List;

/**
 * Adam with {@code atan2} in place of the ε-guarded division (Everett et al., "Scaling Exponents
 * Across Parameterizations and Optimizers", arXiv:2407.05872): scale-invariant and without ε. This
 * is the optimizer TRM trains with ({@code pretrain.py} builds {@code adam_atan2.AdamATan2} with
 * {@code betas=(beta1, beta2)} = (0.9, 0.95) and {@code weight_decay} = 0.1 from
 * {@code config/cfg_pretrain.yaml}).
 *
 * <p>The update follows the {@code adam-atan2} package's kernel exactly (with t the 1-based step,
 * {@code bc1 = 1 − β1^t}, {@code bc2 = 1 − β2^t}):
 * <pre>
 *   p ← p·(1 − lr·wd)
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   p ← p − (lr / bc1)·atan2(m, √v / √bc2)
 * </pre>
 * Note the first-moment bias correction multiplies the step outside {@code atan2}; writing it as
 * {@code lr·atan2(m̂, √v̂)} (m̂ = m/bc1 inside) would differ in the first few hundred steps.
 */
public record AdamATan2(double beta1, double beta2, double weightDecay) implements Optimizer {

    public AdamATan2 {
        Optimizer.checkBeta("beta1", beta1);
        Optimizer.checkBeta("beta2", beta2);
        Optimizer.checkNonNegative("weightDecay", weightDecay);
    }

    /** TRM's settings: β = (0.9, 0.95), weight decay 0.1. */
    public static AdamATan2 trm() {
        return new AdamATan2(0.9, 0.95, 0.1);
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
        int denom = e.div(e.unary(Op.UnaryKind.SQRT, v), e.unary(Op.UnaryKind.SQRT, bc2));
        int direction = e.binary(Op.BinaryKind.ATAN2, m, denom);
        int stepSize = e.div(step.lr(), bc1);
        int updated = e.sub(decayed, e.mul(direction, stepSize));
        return new ParameterUpdate(updated, List.of(m, v));
    }
}
