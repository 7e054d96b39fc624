package io.recurbench.tvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.optim.OptimizerGraph;
import io.recurbench.engine.optim.Sgd;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.engine.train.TrainStep;
import io.recurbench.tvm.bench.SwiGluMlp;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The 2-layer SwiGLU MLP block, forward and whole train step (autodiff + SGD with momentum, one
 * graph), on TVM-llvm against the float64 reference interpreter; and the device-resident training
 * loop against feeding everything from the host. SGD rather than Adam for the cross-backend check:
 * its update is linear in the gradient, so float32-vs-float64 differences stay at rounding size
 * (Adam's first steps amplify them for near-zero gradients). Tolerance 1e-4 + 1e-4·|ref|.
 */
class TvmMlpTest {
    private static final SwiGluMlp MLP = new SwiGluMlp(2, 3, 8, 16);
    private static final Sgd SGD = new Sgd(0.9, 0.01);
    private static final double TOL = 1e-4;

    static Map<String, HostTensor> initialFeeds(Graph forward, boolean withOptimizer) {
        SplittableRandom rng = new SplittableRandom(5);
        Map<String, HostTensor> feeds = new LinkedHashMap<>(Fixtures.feeds(forward, 9, Map.of()));
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (ParameterSpec p : forward.parameters()) {
            feeds.put(p.name(), HostTensor.of(p.shape(), p.initializer().sample(p.shape(), rng)));
            shapes.put(p.name(), p.shape());
        }
        if (withOptimizer) {
            feeds.putAll(OptimizerGraph.initialState(SGD, shapes));
            feeds.put(OptimizerGraph.LR_INPUT, HostTensor.of(Shape.scalar(), 0.05f));
            feeds.put(OptimizerGraph.STEP_INPUT, HostTensor.ofInts(Shape.scalar(), 1));
        }
        return feeds;
    }

    @Test
    void forwardMatchesTheReference() {
        Graph g = MLP.forward();
        check(g, initialFeeds(g, false));
    }

    @Test
    void trainStepMatchesTheReference() {
        Graph step = MLP.trainStep(SGD);
        Map<String, HostTensor> feeds = initialFeeds(MLP.forward(), true);
        check(step, feeds);
        assertThat(step.outputs()).containsKey(TrainStep.GRAD_NORM_OUTPUT);
    }

    @Test
    void residentTrainingLoopEqualsHostFedLoopAndTracksTheReference() {
        Graph step = MLP.trainStep(SGD);
        Map<String, HostTensor> start = initialFeeds(MLP.forward(), true);
        Map<String, String> keep = new LinkedHashMap<>();
        for (String out : step.outputs().keySet()) {
            if (out.startsWith(OptimizerGraph.NEW_PREFIX)) {
                keep.put(out, out.substring(OptimizerGraph.NEW_PREFIX.length()));
            }
        }
        int steps = 5;
        try (TvmExecutable exe = Fixtures.llvm().compile(step)) {
            // (a) everything through the host, as Executable.run does
            Map<String, HostTensor> hostFeeds = new HashMap<>(start);
            Map<String, double[]> refFeeds = new HashMap<>();
            Map<String, HostTensor> refState = new HashMap<>(start);
            float[] hostLosses = new float[steps];
            for (int s = 1; s <= steps; s++) {
                hostFeeds.put(OptimizerGraph.STEP_INPUT, HostTensor.ofInts(Shape.scalar(), s));
                Map<String, HostTensor> out = exe.run(hostFeeds);
                hostLosses[s - 1] = out.get("loss").item();
                keep.forEach((o, arg) -> hostFeeds.put(arg, out.get(o)));

                refState.put(OptimizerGraph.STEP_INPUT, HostTensor.ofInts(Shape.scalar(), s));
                Map<String, double[]> ref = ReferenceInterpreter.run(step, refState);
                keep.forEach((o, arg) -> refState.put(arg, HostTensor.of(refState.get(arg).shape(), floats(ref.get(o)))));
                refFeeds.put("loss@" + s, ref.get("loss"));
            }
            // (b) parameters and optimizer state resident on the device; only batch, lr and step cross
            Map<String, HostTensor> batch = new HashMap<>();
            start.forEach((name, value) -> {
                if (keep.containsValue(name)) {
                    exe.setResident(name, value);
                } else {
                    batch.put(name, value);
                }
            });
            for (int s = 1; s <= steps; s++) {
                batch.put(OptimizerGraph.STEP_INPUT, HostTensor.ofInts(Shape.scalar(), s));
                Map<String, HostTensor> out = exe.step(batch, keep);
                assertThat(out.keySet()).containsExactlyInAnyOrder("loss", TrainStep.GRAD_NORM_OUTPUT);
                assertThat(out.get("loss").item()).as("loss at step %d", s).isEqualTo(hostLosses[s - 1]);
                double ref = refFeeds.get("loss@" + s)[0];
                assertThat(Math.abs(out.get("loss").item() - ref)).isLessThanOrEqualTo(TOL + TOL * Math.abs(ref));
            }
            assertThat(hostLosses[steps - 1]).isLessThan(hostLosses[0]);
            for (String arg : keep.values()) {
                assertThat(exe.resident(arg).f32()).as(arg).containsExactly(hostFeeds.get(arg).f32());
            }
        }
    }

    private static void check(Graph g, Map<String, HostTensor> feeds) {
        Map<String, double[]> expected = ReferenceInterpreter.run(g, feeds);
        try (TvmExecutable exe = Fixtures.llvm().compile(g)) {
            Map<String, HostTensor> actual = exe.run(feeds);
            for (String name : g.outputs().keySet()) {
                double[] e = expected.get(name);
                float[] a = actual.get(name).f32();
                for (int i = 0; i < e.length; i++) {
                    assertThat(Math.abs(a[i] - e[i])).as("%s[%d]: tvm %s vs reference %s", name, i, a[i], e[i])
                            .isLessThanOrEqualTo(TOL + TOL * Math.abs(e[i]));
                }
            }
        }
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
