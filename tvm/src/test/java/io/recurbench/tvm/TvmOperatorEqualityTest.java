package io.recurbench.tvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.engine.autodiff.Autodiff;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.cpu.CpuBackend;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.operators.testing.OperatorFixture;
import io.recurbench.plugins.tck.OperatorHarness;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each built-in operator, found by {@link ServiceLoader} as the harness finds it, compiled with
 * TVM-llvm: forward output and forward+backward (the {@link Autodiff} gradients of
 * {@code loss = sum(out ⊙ w)} with respect to every parameter and the input) equal the Java CPU
 * backend's and the float64 {@link ReferenceInterpreter}'s.
 *
 * <p>One graph per operator ({@code OperatorHarness.lossGraph} and {@code withGradients}, as in the
 * plugin test kit) holds all of it (outputs {@code out}, {@code tck/loss}, {@code grad/…}),
 * so each costs one TVM compile. Dims B = 2, S = 10 (2 puzzle tokens), D = 32, 4 heads; Mamba-2 with
 * chunk 4, so its SSD scan crosses chunk boundaries and pads the last one.
 *
 * <p>Tolerance, per output tensor y: {@code |a − b| ≤ 2e-5 · max|y_ref| + 1e-4 · |y_ref|}. float32
 * rounding through two layers of norms, softmax/scan and their backward passes leaves relative
 * errors of order 1e-6 of the output's scale; gradients are sums over all positions, so the bound is
 * scaled by the output's largest magnitude rather than fixed. Measured worst cases are printed.
 */
class TvmOperatorEqualityTest {
    private static final List<String> BUILT_IN = List.of("mamba2-hybrid", "mlp-mixer", "transformer");
    private static final ModelDims DIMS = new ModelDims(32, 10, 2, 4, 4.0);
    private static final int BATCH = 2;
    private static final double ABS_OF_SCALE = 2e-5;
    private static final double REL = 1e-4;
    /** Small but non-default settings where a default would hide something at these dims. */
    private static final Map<String, Map<String, Object>> HYPER = Map.of(
            "mamba2-hybrid", Map.of("d_state", 8, "head_dim", 8, "chunk", 4),
            "mlp-mixer", Map.of(),
            "transformer", Map.of());

    static Stream<String> builtInOperators() {
        return BUILT_IN.stream();
    }

    @Test
    void serviceLoaderFindsEveryBuiltInOperator() {
        List<String> names = ServiceLoader.load(OperatorPlugin.class).stream().map(p -> p.get().name()).toList();
        assertThat(names).containsAll(BUILT_IN);
    }

    @ParameterizedTest
    @MethodSource("builtInOperators")
    void forwardAndGradientsMatchCpuAndReference(String name) {
        OperatorPlugin plugin = OperatorFixture.plugin(name);
        Graph forward = OperatorFixture.trace(plugin.create(DIMS, plugin.hyperParameters().parse(HYPER.get(name))),
                DIMS, BATCH);
        Graph graph = OperatorHarness.withGradients(OperatorHarness.lossGraph(forward, 17));
        Map<String, double[]> feeds = OperatorFixture.roundedToFloat(OperatorFixture.randomFeeds(graph, 5, 0.02));
        Map<String, HostTensor> host = OperatorFixture.toHost(graph, feeds);

        Map<String, double[]> ref = ReferenceInterpreter.runDoubles(graph, feeds);
        Map<String, HostTensor> cpu;
        try (var exe = new CpuBackend().compile(graph)) {
            cpu = exe.run(host);
        }
        Map<String, HostTensor> tvm;
        try (TvmExecutable exe = Fixtures.llvm().compile(graph)) {
            tvm = exe.run(host);
        }

        assertThat(tvm.keySet()).containsExactlyInAnyOrderElementsOf(graph.outputs().keySet())
                .contains(OperatorFixture.OUTPUT, OperatorFixture.LOSS);
        assertThat(tvm.keySet().stream().filter(k -> k.startsWith(Autodiff.GRAD_PREFIX)).count())
                .isEqualTo(forward.parameters().size() + 1);
        String worstGradient = "";
        double worstGradientError = -1;
        String forwardReport = "";
        for (String out : graph.outputs().keySet()) {
            double[] r = ref.get(out);
            double[] t = widen(tvm.get(out).f32());
            double[] c = widen(cpu.get(out).f32());
            double vsRef = check(name, out, "reference", t, r, r);
            double vsCpu = check(name, out, "cpu", t, c, r);
            String line = String.format("%s: tvm-ref %.1e, tvm-cpu %.1e of max|ref| %.2g", out, vsRef, vsCpu,
                    OperatorFixture.maxAbs(r));
            if (out.equals(OperatorFixture.OUTPUT)) {
                forwardReport = line;
            } else if (out.startsWith(Autodiff.GRAD_PREFIX) && vsRef > worstGradientError) {
                worstGradientError = vsRef;
                worstGradient = line;
            }
        }
        System.out.println(name + " (" + graph.nodes().size() + " nodes) " + forwardReport + " | worst gradient "
                + worstGradient);
    }

    /** Asserts {@code actual} within the tolerance of {@code expected}; returns the largest error relative to scale. */
    private static double check(String op, String out, String peer, double[] actual, double[] expected, double[] ref) {
        assertThat(actual).as("%s %s length", op, out).hasSize(expected.length);
        double scale = Math.max(OperatorFixture.maxAbs(ref), Double.MIN_NORMAL);
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            double bound = ABS_OF_SCALE * scale + REL * Math.abs(ref[i]);
            if (!(err <= bound)) {
                throw new AssertionError(op + ": " + out + "[" + i + "] tvm-llvm " + actual[i] + " vs " + peer + " "
                        + expected[i] + " (|diff| " + err + " > " + bound + ")");
            }
            worst = Math.max(worst, err / scale);
        }
        return worst;
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
