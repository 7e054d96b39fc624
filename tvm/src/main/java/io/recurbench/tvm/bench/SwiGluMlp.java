package io.recurbench.tvm.bench;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.NN;
import io.recurbench.api.ParameterScope;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.optim.Optimizer;
import io.recurbench.engine.train.TrainStep;
import io.recurbench.engine.trace.Tracer;
import java.util.List;

/**
 * The MLP block used to compare backends: two post-norm SwiGLU layers
 * {@code x ← rmsNorm(x + W_down·(silu(W_gate·x) ⊙ W_up·x))} on {@code [batch, seq, dim]}, with a
 * mean-squared-error loss against a target, as in TRM's SwiGLU blocks (expansion {@code hidden}).
 */
public record SwiGluMlp(int batch, int seq, int dim, int hidden) {

    /** Forward graph: inputs {@code x}, {@code target}; outputs {@code loss} and {@code y}. */
    public Graph forward() {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(batch, seq, dim), DType.F32);
        Tensor target = t.input("target", Shape.of(batch, seq, dim), DType.F32);
        for (int layer = 0; layer < 2; layer++) {
            ParameterScope s = t.child("layer" + layer);
            double std = 1 / Math.sqrt(dim);
            Tensor gate = x.matmul(s.parameter("w_gate", Shape.of(dim, hidden), Initializer.truncatedNormal(std)));
            Tensor up = x.matmul(s.parameter("w_up", Shape.of(dim, hidden), Initializer.truncatedNormal(std)));
            Tensor down = NN.silu(gate).mul(up).matmul(
                    s.parameter("w_down", Shape.of(hidden, dim), Initializer.truncatedNormal(1 / Math.sqrt(hidden))));
            x = NN.rmsNorm(x.add(down), NN.TRM_RMS_EPS);
        }
        Tensor err = x.sub(target);
        t.output("loss", err.mul(err).mean(false, 0, 1, 2));
        t.output("y", x);
        return t.build();
    }

    /** The whole train step (forward, backward, optimizer update) as one graph; passthrough {@code y}. */
    public Graph trainStep(Optimizer optimizer) {
        return TrainStep.compose(forward(), TrainStep.Spec.all("loss", List.of(), optimizer));
    }
}
