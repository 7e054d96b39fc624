package io.recurbench.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.ParameterScope;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.optim.AdamATan2;
import io.recurbench.engine.optim.AdamW;
import io.recurbench.engine.optim.Optimizer;
import io.recurbench.engine.optim.OptimizerGraph;
import io.recurbench.engine.optim.Sgd;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.engine.trace.Tracer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end: a 2-layer tanh MLP learns XOR when its train-step graph (forward, autodiff, optimizer
 * update in one graph) is run step after step by the reference interpreter, feeding each step's
 * new parameters and optimizer state into the next.
 */
class XorLearningTest {
    private static final int HIDDEN = 8;
    private static final float[] X = {0, 0, 0, 1, 1, 0, 1, 1};
    private static final int[] LABELS = {0, 1, 1, 0};

    /** Forward graph: outputs "loss" (mean softmax cross-entropy) and "logits" [4, 2]. */
    private static Graph mlp() {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(4, 2), DType.F32);
        Tensor labels = t.input("labels", Shape.of(4), DType.I32);
        ParameterScope l1 = t.child("l1");
        ParameterScope l2 = t.child("l2");
        Tensor h = x.matmul(l1.parameter("w", Shape.of(2, HIDDEN), Initializer.truncatedNormal(1.0)))
                .add(l1.parameter("b", Shape.of(HIDDEN), Initializer.zeros())).tanh();
        Tensor logits = h.matmul(l2.parameter("w", Shape.of(HIDDEN, 2), Initializer.truncatedNormal(0.5)))
                .add(l2.parameter("b", Shape.of(2), Initializer.zeros()));
        // log-softmax from primitives, with the max subtracted (and its gradient stopped) for stability
        Tensor shifted = logits.sub(logits.max(true, 1).stopGradient());
        Tensor logProb = shifted.sub(shifted.exp().sum(true, 1).log());
        Tensor oneHot = t.iota(Shape.of(4, 2), 1, DType.I32).eq(labels.reshape(4, 1)).cast(DType.F32);
        t.output("loss", logProb.mul(oneHot).sum(1).mean(0).neg());
        t.output("logits", logits);
        return t.build();
    }

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of(new AdamATan2(0.9, 0.95, 0.0), 0.05f),
                Arguments.of(new AdamW(0.9, 0.999, 1e-8, 0.0), 0.05f),
                Arguments.of(new Sgd(0.9, 0.0), 0.1f));
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void mlpLearnsXor(Optimizer optimizer, float lr) {
        Graph forward = mlp();
        Graph step = TrainStep.compose(forward, TrainStep.Spec.all("loss", List.of("logits"), optimizer));

        Map<String, HostTensor> feeds = new HashMap<>();
        feeds.put("x", HostTensor.of(Shape.of(4, 2), X));
        feeds.put("labels", HostTensor.ofInts(Shape.of(4), LABELS));
        SplittableRandom rng = new SplittableRandom(11);
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (ParameterSpec p : forward.parameters()) {
            feeds.put(p.name(), HostTensor.of(p.shape(), p.initializer().sample(p.shape(), rng)));
            shapes.put(p.name(), p.shape());
        }
        feeds.putAll(OptimizerGraph.initialState(optimizer, shapes));
        feeds.put(OptimizerGraph.LR_INPUT, HostTensor.of(Shape.scalar(), lr));

        int steps = 300;
        List<Double> losses = new ArrayList<>();
        double[] logits = null;
        for (int s = 1; s <= steps; s++) {
            feeds.put(OptimizerGraph.STEP_INPUT, HostTensor.ofInts(Shape.scalar(), s));
            Map<String, double[]> out = ReferenceInterpreter.run(step, feeds);
            losses.add(out.get("loss")[0]);
            logits = out.get("logits");
            for (Map.Entry<String, double[]> o : out.entrySet()) {
                if (o.getKey().startsWith(OptimizerGraph.NEW_PREFIX)) {
                    String fed = o.getKey().substring(OptimizerGraph.NEW_PREFIX.length());
                    feeds.put(fed, HostTensor.of(feeds.get(fed).shape(), toFloats(o.getValue())));
                }
            }
        }

        assertThat(losses.get(0)).as("initial loss").isGreaterThan(0.5);
        assertThat(losses.get(steps - 1)).as("final loss").isLessThan(0.01);
        // decreasing monotonic-ish: each 50-step window's mean below the previous one's
        for (int w = 1; w < steps / 50; w++) {
            assertThat(mean(losses, w * 50, 50)).as("mean loss of window %d", w).isLessThan(mean(losses, (w - 1) * 50, 50));
        }
        for (int i = 0; i < 4; i++) {
            int predicted = logits[2 * i + 1] > logits[2 * i] ? 1 : 0;
            assertThat(predicted).as("prediction for example %d", i).isEqualTo(LABELS[i]);
        }
    }

    private static double mean(List<Double> v, int from, int n) {
        return v.subList(from, from + n).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
