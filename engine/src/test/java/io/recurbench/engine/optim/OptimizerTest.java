package io.recurbench.engine.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.engine.trace.GraphBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One update of each optimizer graph against its formula evaluated by hand in double precision. */
class OptimizerTest {
    private static final Shape SHAPE = Shape.of(4);
    private static final float[] P = {0.5f, -1.25f, 2f, 0.03f};
    private static final float[] G = {0.2f, -0.7f, 1e-4f, -3f};
    private static final float[] M = {0.01f, 0.02f, -0.03f, 0.5f};
    private static final float[] V = {0.001f, 0.04f, 0.0002f, 1.5f};
    private static final float LR = 0.01f;
    private static final int STEP = 3;

    /** Runs one update of parameter "p" with gradient G from state (M, V) at step STEP; returns all outputs. */
    private static Map<String, double[]> runUpdate(Optimizer opt) {
        GraphBuilder b = new GraphBuilder();
        int p = b.parameter(new ParameterSpec("p", SHAPE, Initializer.zeros()));
        int g = b.input("g", SHAPE, DType.F32);
        OptimizerGraph.append(b, opt, Map.of("p", p), Map.of("p", g)).forEach(b::output);
        Map<String, HostTensor> feeds = new HashMap<>();
        feeds.put("p", HostTensor.of(SHAPE, P));
        feeds.put("g", HostTensor.of(SHAPE, G));
        List<String> slots = opt.stateSlots();
        float[][] state = {M, V};
        for (int k = 0; k < slots.size(); k++) {
            feeds.put(OptimizerGraph.stateName(slots.get(k), "p"), HostTensor.of(SHAPE, state[k]));
        }
        feeds.put(OptimizerGraph.LR_INPUT, HostTensor.of(Shape.scalar(), LR));
        feeds.put(OptimizerGraph.STEP_INPUT, HostTensor.ofInts(Shape.scalar(), STEP));
        return ReferenceInterpreter.run(b.build(), feeds);
    }

    private static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(expected[i]))));
        }
    }

    @Test
    void adamATan2MatchesTheAdamAtan2KernelFormula() {
        double b1 = 0.9;
        double b2 = 0.95;
        double wd = 0.1;
        Map<String, double[]> out = runUpdate(new AdamATan2(b1, b2, wd));
        double lr = LR;
        double bc1 = 1 - Math.pow(b1, STEP);
        double bc2 = 1 - Math.pow(b2, STEP);
        double[] p = new double[4];
        double[] m = new double[4];
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            m[i] = b1 * M[i] + (1 - b1) * G[i];
            v[i] = b2 * V[i] + (1 - b2) * (double) G[i] * G[i];
            double decayed = P[i] * (1 - lr * wd);
            p[i] = decayed - lr / bc1 * Math.atan2(m[i], Math.sqrt(v[i]) / Math.sqrt(bc2));
        }
        assertClose(out.get("new/p"), p);
        assertClose(out.get("new/opt/m/p"), m);
        assertClose(out.get("new/opt/v/p"), v);
    }

    @Test
    void adamWMatchesPyTorchsFormula() {
        double b1 = 0.8;
        double b2 = 0.99;
        double eps = 1e-3;
        double wd = 0.05;
        Map<String, double[]> out = runUpdate(new AdamW(b1, b2, eps, wd));
        double lr = LR;
        double bc1 = 1 - Math.pow(b1, STEP);
        double bc2 = 1 - Math.pow(b2, STEP);
        double[] p = new double[4];
        double[] m = new double[4];
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            m[i] = b1 * M[i] + (1 - b1) * G[i];
            v[i] = b2 * V[i] + (1 - b2) * (double) G[i] * G[i];
            double mHat = m[i] / bc1;
            double vHat = v[i] / bc2;
            p[i] = P[i] * (1 - lr * wd) - lr * mHat / (Math.sqrt(vHat) + eps);
        }
        assertClose(out.get("new/p"), p);
        assertClose(out.get("new/opt/m/p"), m);
        assertClose(out.get("new/opt/v/p"), v);
    }

    @Test
    void sgdWithMomentumAndDecay() {
        double mu = 0.9;
        double wd = 0.2;
        Map<String, double[]> out = runUpdate(new Sgd(mu, wd));
        double lr = LR;
        double[] p = new double[4];
        double[] buf = new double[4];
        for (int i = 0; i < 4; i++) {
            buf[i] = mu * M[i] + G[i];
            p[i] = P[i] * (1 - lr * wd) - lr * buf[i];
        }
        assertClose(out.get("new/p"), p);
        assertClose(out.get("new/opt/momentum/p"), buf);
    }

    @Test
    void plainSgdKeepsNoState() {
        Map<String, double[]> out = runUpdate(Sgd.plain());
        assertThat(Sgd.plain().stateSlots()).isEmpty();
        assertThat(out.keySet()).containsExactly("new/p");
        double[] p = new double[4];
        for (int i = 0; i < 4; i++) {
            p[i] = P[i] - (double) LR * G[i];
        }
        assertClose(out.get("new/p"), p);
    }

    @Test
    void trmDefaultsAreThoseOfItsConfig() {
        assertThat(AdamATan2.trm()).isEqualTo(new AdamATan2(0.9, 0.95, 0.1));
    }

    @Test
    void invalidHyperparametersAreRejectedByName() {
        assertThatThrownBy(() -> new AdamATan2(1.0, 0.95, 0)).hasMessageContaining("beta1");
        assertThatThrownBy(() -> new AdamW(0.9, 0.999, -1, 0)).hasMessageContaining("epsilon");
        assertThatThrownBy(() -> new Sgd(0, -0.1)).hasMessageContaining("weightDecay");
    }

    @Test
    void initialStateIsZeroForEverySlotAndParameter() {
        Map<String, HostTensor> s = OptimizerGraph.initialState(AdamATan2.trm(),
                Map.of("a", Shape.of(2), "b", Shape.of(1, 3)));
        assertThat(s.keySet()).containsExactlyInAnyOrder("opt/m/a", "opt/v/a", "opt/m/b", "opt/v/b");
        assertThat(s.get("opt/v/b").shape()).isEqualTo(Shape.of(1, 3));
        assertThat(s.get("opt/m/a").f32()).containsOnly(0f);
    }

    @Test
    void twoUpdatesInOneGraphShareTheSchedule() {
        GraphBuilder b = new GraphBuilder();
        int w = b.parameter(new ParameterSpec("w", SHAPE, Initializer.zeros()));
        int bias = b.parameter(new ParameterSpec("bias", SHAPE, Initializer.zeros()));
        int g = b.input("g", SHAPE, DType.F32);
        OptimizerGraph.append(b, new Sgd(0, 0.5), Map.of("w", w), Map.of("w", g)).forEach(b::output);
        OptimizerGraph.append(b, Sgd.plain(), Map.of("bias", bias), Map.of("bias", g)).forEach(b::output);
        Map<String, HostTensor> feeds = new HashMap<>();
        feeds.put("w", HostTensor.of(SHAPE, P));
        feeds.put("bias", HostTensor.of(SHAPE, P));
        feeds.put("g", HostTensor.of(SHAPE, G));
        feeds.put(OptimizerGraph.LR_INPUT, HostTensor.of(Shape.scalar(), LR));
        feeds.put(OptimizerGraph.STEP_INPUT, HostTensor.ofInts(Shape.scalar(), 1));
        Map<String, double[]> out = ReferenceInterpreter.run(b.build(), feeds);
        double lr = LR;
        double[] decayed = new double[4];
        double[] plain = new double[4];
        for (int i = 0; i < 4; i++) {
            decayed[i] = P[i] * (1 - lr * 0.5) - lr * G[i];
            plain[i] = P[i] - lr * G[i];
        }
        assertClose(out.get("new/w"), decayed);
        assertClose(out.get("new/bias"), plain);
    }
}
