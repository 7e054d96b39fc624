package io.recurbench.engine.optim;

import io.recurbench.engine.autodiff.Emitter;
import java.util.List;

/**
 * A parameter-update rule expressed as graph nodes, so that the update runs inside the same
 * compiled train-step graph as the forward and backward passes. {@link OptimizerGraph} declares the
 * state inputs and the runtime scalars and names the outputs; an optimizer only says which state
 * tensors it keeps per parameter and how one parameter is updated.
 *
 * <p>All rules use decoupled weight decay ({@code p ← p·(1 − lr·wd)}, Loshchilov &amp; Hutter)
 * applied before the gradient step, as PyTorch's {@code AdamW} and the {@code adam-atan2} package do.
 */
public sealed interface Optimizer permits AdamATan2, AdamW, Sgd {

    /** Names of the per-parameter state tensors (each shaped like its parameter, zero at start). */
    List<String> stateSlots();

    /**
     * Appends the update of one parameter.
     *
     * @param param the parameter's current value (node id)
     * @param grad  its gradient
     * @param state its state tensors, in {@link #stateSlots()} order
     * @param step  the runtime scalars of this step
     * @return the new parameter value and the new state, in slot order
     */
    ParameterUpdate update(Emitter e, int param, int grad, List<Integer> state, StepScalars step);

    /**
     * Node ids of the per-step runtime scalars, all rank-0 F32.
     *
     * @param lr    learning rate of this step (a schedule lives in the Java loop, not in the graph)
     * @param count 1-based index of this update, for bias corrections
     */
    record StepScalars(int lr, int count) {}

    /** The nodes holding one parameter's new value and new state (slot order). */
    record ParameterUpdate(int parameter, List<Integer> state) {
        public ParameterUpdate {
            state = List.copyOf(state);
        }
    }

    /** {@code p·(1 − lr·wd)}, or {@code p} itself when {@code wd} is zero. */
    static int decay(Emitter e, int param, double weightDecay, int lr) {
        if (weightDecay == 0) {
            return param;
        }
        int factor = e.sub(e.scalar(1), e.mul(lr, e.scalar(weightDecay)));
        return e.mul(param, factor);
    }

    /** {@code 1 − beta^t} for the runtime step count {@code t}, as {@code 1 − exp(t·ln beta)}. */
    static int biasCorrection(Emitter e, double beta, int count) {
        int power = e.unary(io.recurbench.engine.ir.Op.UnaryKind.EXP, e.mul(count, e.scalar(Math.log(beta))));
        return e.sub(e.scalar(1), power);
    }

    /** {@code beta·s + (1 − beta)·x}: an exponential moving average update. */
    static int ema(Emitter e, int s, int x, double beta) {
        return e.add(e.mul(s, e.scalar(beta)), e.mul(x, e.scalar(1 - beta)));
    }

    static void checkBeta(String name, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + beta);
        }
    }

    static void checkNonNegative(String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }
}
