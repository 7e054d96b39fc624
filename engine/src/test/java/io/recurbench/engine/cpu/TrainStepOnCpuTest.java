package io.recurbench.engine.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.NN;
import io.recurbench.api.ParameterScope;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.autodiff.Autodiff;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.optim.AdamW;
import io.recurbench.engine.optim.Optimizer;
import io.recurbench.engine.optim.OptimizerGraph;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.engine.trace.Tracer;
import io.recurbench.engine.train.TrainStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Whole train-step graphs (forward, autodiff, optimizer) on the CPU backend: one step agrees with
 * the float64 reference on every output, and the step compiled once and run repeatedly trains a
 * 2-layer SwiGLU MLP to fit a small classification task.
 */
class TrainStepOnCpuTest {

    private static final int N = 16;
    private static final int IN = 4;
    private static final int HIDDEN = 16;
    private static final int CLASSES = 3;

    /** A 2-layer SwiGLU MLP with softmax cross-entropy: outputs "loss" and "logits". */
    private static Graph swiGluClassifier() {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(N, IN), DType.F32);
        Tensor labels = t.input("labels", Shape.of(N), DType.I32);
        ParameterScope l1 = t.child("l1");
        ParameterScope l2 = t.child("l2");
        Tensor gate = x.matmul(l1.parameter("gate", Shape.of(IN, HIDDEN), Initializer.truncatedNormal(0.5)));
        Tensor up = x.matmul(l1.parameter("up", Shape.of(IN, HIDDEN), Initializer.truncatedNormal(0.5)));
        Tensor h = NN.silu(gate).mul(up);
        Tensor logits = h.matmul(l2.parameter("w", Shape.of(HIDDEN, CLASSES), Initializer.truncatedNormal(0.5)))
                .add(l2.parameter("b", Shape.of(CLASSES), Initializer.zeros()));
        t.output("loss", NN.crossEntropy(logits, labels, -100).mean());
        t.output("logits", logits);
        return t.build();
    }

    private static Map<String, HostTensor> initialFeeds(Graph forward, Optimizer optimizer, float lr) {
        SplittableRandom rng = new SplittableRandom(5);
        float[] x = new float[N * IN];
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < IN; j++) {
                x[i * IN + j] = (float) (rng.nextDouble() * 2 - 1);
            }
            // class = which of three sectors the first two coordinates fall in: not linearly separable in x alone
            double angle = Math.atan2(x[i * IN + 1], x[i * IN]);
            labels[i] = (int) Math.floor((angle + Math.PI) / (2 * Math.PI / CLASSES)) % CLASSES;
        }
        Map<String, HostTensor> feeds = new HashMap<>();
        feeds.put("x", HostTensor.of(Shape.of(N, IN), x));
        feeds.put("labels", HostTensor.ofInts(Shape.of(N), labels));
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (ParameterSpec p : forward.parameters()) {
            feeds.put(p.name(), HostTensor.of(p.shape(), p.initializer().sample(p.shape(), rng)));
            shapes.put(p.name(), p.shape());
        }
        feeds.putAll(OptimizerGraph.initialState(optimizer, shapes));
        feeds.put(OptimizerGraph.LR_INPUT, HostTensor.of(Shape.scalar(), lr));
        feeds.put(OptimizerGraph.STEP_INPUT, HostTensor.ofInts(Shape.scalar(), 1));
        return feeds;
    }

    @Test
    void oneStepMatchesTheReferenceOnEveryOutput() {
        Optimizer adam = new AdamW(0.9, 0.999, 1e-8, 0.01);
        Graph forward = swiGluClassifier();
        Graph step = TrainStep.compose(forward, TrainStep.Spec.all("loss", List.of("logits"), adam));
        Map<String, HostTensor> feeds = initialFeeds(forward, adam, 0.01f);
        Map<String, double[]> expected = ReferenceInterpreter.run(step, feeds);
        try (CpuExecutable exe = new CpuBackend().compile(step)) {
            Map<String, HostTensor> actual = exe.run(feeds);
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            expected.forEach((name, e) -> Naive.assertClose(actual.get(name).f32(), e, 1e-5, name));
        }
    }

    @Test
    void gradientsOfAnAttentionLossMatchTheReference() {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(2, 6, 8), DType.F32);
        Tensor q = x.matmul(t.parameter("wq", Shape.of(8, 8), Initializer.zeros()));
        Tensor k = x.matmul(t.parameter("wk", Shape.of(8, 8), Initializer.zeros()));
        Tensor scores = q.matmul(k.transpose(-1, -2)).mul(0.35f);
        Tensor y = NN.rmsNorm(x.add(NN.softmax(scores, -1).matmul(x)), NN.TRM_RMS_EPS);
        t.output("loss", y.mul(y.tanh()).mean());
        Graph g = Autodiff.gradients(t.build(), "loss", List.of("wq", "wk"), List.of("x"));
        SplittableRandom rng = new SplittableRandom(8);
        Map<String, HostTensor> feeds = new HashMap<>();
        feeds.put("x", HostTensor.of(Shape.of(2, 6, 8), Initializer.truncatedNormal(1.0).sample(Shape.of(2, 6, 8), rng)));
        feeds.put("wq", HostTensor.of(Shape.of(8, 8), Initializer.truncatedNormal(0.5).sample(Shape.of(8, 8), rng)));
        feeds.put("wk", HostTensor.of(Shape.of(8, 8), Initializer.truncatedNormal(0.5).sample(Shape.of(8, 8), rng)));
        Map<String, double[]> expected = ReferenceInterpreter.run(g, feeds);
        try (CpuExecutable exe = new CpuBackend().compile(g)) {
            Map<String, HostTensor> actual = exe.run(feeds);
            assertThat(actual.keySet()).contains("grad/wq", "grad/wk", "grad/x");
            expected.forEach((name, e) -> Naive.assertClose(actual.get(name).f32(), e, 1e-5, name));
        }
    }

    @Test
    void compiledOnceTrainsASwiGluMlpToFitItsData() {
        Optimizer adam = new AdamW(0.9, 0.999, 1e-8, 0.0);
        Graph forward = swiGluClassifier();
        Graph step = TrainStep.compose(forward, TrainStep.Spec.all("loss", List.of("logits"), adam));
        Map<String, HostTensor> feeds = initialFeeds(forward, adam, 0.05f);
        int[] labels = feeds.get("labels").i32();
        int steps = 400;
        List<Float> losses = new ArrayList<>();
        float[] logits = null;
        try (CpuExecutable exe = new CpuBackend().compile(step)) {
            for (int s = 1; s <= steps; s++) {
                feeds.put(OptimizerGraph.STEP_INPUT, HostTensor.ofInts(Shape.scalar(), s));
                Map<String, HostTensor> out = exe.run(feeds);
                losses.add(out.get("loss").item());
                logits = out.get("logits").f32();
                for (Map.Entry<String, HostTensor> o : out.entrySet()) {
                    if (o.getKey().startsWith(OptimizerGraph.NEW_PREFIX)) {
                        feeds.put(o.getKey().substring(OptimizerGraph.NEW_PREFIX.length()), o.getValue());
                    }
                }
            }
        }
        assertThat(losses.get(0)).as("initial loss").isGreaterThan(0.5f);
        assertThat(losses.get(steps - 1)).as("final loss").isLessThan(0.05f);
        for (int w = 1; w < steps / 50; w++) {
            assertThat(mean(losses, w * 50)).as("mean loss of window %d", w).isLessThan(mean(losses, (w - 1) * 50));
        }
        for (int i = 0; i < N; i++) {
            int best = 0;
            for (int c = 1; c < CLASSES; c++) {
                best = logits[i * CLASSES + c] > logits[i * CLASSES + best] ? c : best;
            }
            assertThat(best).as("prediction for example %d", i).isEqualTo(labels[i]);
        }
    }

    private static float mean(List<Float> v, int from) {
        float s = 0;
        for (int i = from; i < from + 50; i++) {
            s += v.get(i);
        }
        return s / 50;
    }
}
