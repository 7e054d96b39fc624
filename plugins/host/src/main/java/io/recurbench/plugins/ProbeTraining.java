package io.recurbench.plugins;

import io.recurbench.api.DType;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.cpu.CpuBackend;
import io.recurbench.engine.cpu.CpuExecutable;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.optim.OptimizerGraph;
import io.recurbench.engine.optim.Sgd;
import io.recurbench.engine.trace.Tracer;
import io.recurbench.engine.train.TrainStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A tiny training run that exercises an operator end to end on the CPU backend (trace, autodiff,
 * optimizer, float32 execution) until a real task runner exists for plugins: learn to shift a
 * random sequence by one position, {@code loss = mean((op(x) − roll(x, 1))²)} over {@code [B, S, D]},
 * with plain SGD. Shifting needs mixing across positions, so the loss separates operators that mix
 * tokens from those that do not. Every loss is checked: a NaN or infinite one throws
 * {@link NonFiniteException} naming the step.
 *
 * @param dims         the model dimensions (small)
 * @param batch        B
 * @param steps        optimizer steps
 * @param learningRate the SGD step size
 * @param seed         seed of the data and of the parameters' initial values
 */
public record ProbeTraining(ModelDims dims, int batch, int steps, double learningRate, long seed) {

    /** The loss after each step, {@code losses.get(0)} being that of the initial parameters. */
    public record Curve(List<Double> losses) {
        public Curve {
            losses = List.copyOf(losses);
        }

        public double first() {
            return losses.getFirst();
        }

        public double last() {
            return losses.getLast();
        }
    }

    /** Trains {@code plugin} and returns the loss curve; call it inside {@link RunIsolation}. */
    public Curve train(AcceptedPlugin plugin) {
        Shape shape = Shape.of(batch, dims.sequenceLength(), dims.hiddenSize());
        Tracer t = new Tracer();
        Tensor hidden = t.input("hidden", shape, DType.F32);
        Tensor target = t.input("target", shape, DType.F32);
        Tensor out = plugin.loaded().plugin().create(dims, plugin.params()).apply(hidden, t);
        Tensor diff = out.sub(target);
        t.output("loss", diff.mul(diff).mean());
        Graph forward = t.build();
        Graph step = TrainStep.compose(forward, TrainStep.Spec.all("loss", List.of(), Sgd.plain()));

        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, HostTensor> feeds = new HashMap<>();
        for (ParameterSpec p : forward.parameters()) {
            feeds.put(p.name(), HostTensor.of(p.shape(), p.initializer().sample(p.shape(), rng)));
        }
        float[] x = new float[shape.intSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        feeds.put("hidden", HostTensor.of(shape, x));
        feeds.put("target", HostTensor.of(shape, rolledByOnePosition(x)));
        feeds.put(OptimizerGraph.LR_INPUT, HostTensor.of(Shape.scalar(), (float) learningRate));

        List<Double> losses = new ArrayList<>();
        try (CpuExecutable exe = new CpuBackend().compile(step)) {
            for (int k = 0; k < steps; k++) {
                feeds.put(OptimizerGraph.STEP_INPUT, HostTensor.ofInts(Shape.scalar(), k + 1));
                Map<String, HostTensor> result = exe.run(feeds);
                losses.add(NonFiniteException.requireFinite("loss at step " + k, result.get("loss").item()));
                for (ParameterSpec p : forward.parameters()) {
                    feeds.put(p.name(), result.get(OptimizerGraph.newName(p.name())));
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("interrupted at step " + k);
                }
            }
            Map<String, HostTensor> fin = exe.run(feeds);
            losses.add(NonFiniteException.requireFinite("loss after step " + (steps - 1), fin.get("loss").item()));
        }
        return new Curve(losses);
    }

    /** {@code y[b, s, :] = x[b, (s - 1) mod S, :]}. */
    private float[] rolledByOnePosition(float[] x) {
        int s = dims.sequenceLength();
        int d = dims.hiddenSize();
        float[] y = new float[x.length];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < s; i++) {
                System.arraycopy(x, (b * s + Math.floorMod(i - 1, s)) * d, y, (b * s + i) * d, d);
            }
        }
        return y;
    }
}
