package io.recurbench.plugins.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.autodiff.Autodiff;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.engine.trace.Tracer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The harness pieces the contract tests do not reach on their own: graphs with more than one
 * float input (the built-in operators' fixture checks such graphs), the loss weighting in closed
 * form, and float32 runs of an output other than {@value OperatorHarness#OUTPUT}.
 */
class OperatorHarnessTest {
    private static final String GRAD_INPUT = Autodiff.GRAD_PREFIX + OperatorHarness.INPUT;

    /** {@code out = tanh(hidden ⊙ gate + bias)}: two F32 inputs and one parameter. */
    private static Graph gatedGraph() {
        Tracer t = new Tracer();
        Tensor hidden = t.input(OperatorHarness.INPUT, Shape.of(2, 3), DType.F32);
        Tensor gate = t.input("gate", Shape.of(2, 3), DType.F32);
        Tensor bias = t.parameter("bias", Shape.of(3), Initializer.zeros());
        t.output(OperatorHarness.OUTPUT, hidden.mul(gate).add(bias).tanh());
        return t.build();
    }

    @Test
    void gradientSamplesCoverEveryParameterAndEveryFloatInput() {
        Graph g = gatedGraph();
        var samples = OperatorHarness.gradientSamples(g, OperatorHarness.randomFeeds(g, 1, 0.3), 2, 3, 1e-5);
        Set<String> leaves = new TreeSet<>();
        for (var s : samples) {
            leaves.add(s.leaf());
            assertThat(s.relativeError()).as("%s[%d]", s.leaf(), s.index()).isLessThan(1e-8);
            assertThat(Math.abs(s.finiteDifference())).as("a coordinate that matters").isGreaterThan(1e-4);
        }
        assertThat(leaves).containsExactly("bias", "gate", OperatorHarness.INPUT);
        assertThat(samples).hasSize(3 * 3);
    }

    @Test
    void theLossIsTheOutputWeightedByASeededVectorInMinusOneToOne() {
        Tracer t = new Tracer();
        Tensor hidden = t.input(OperatorHarness.INPUT, Shape.of(4, 5), DType.F32);
        t.output(OperatorHarness.OUTPUT, hidden.neg());
        Graph g = t.build();
        Map<String, double[]> feeds = OperatorHarness.randomFeeds(g, 3, 0);
        double[] x = feeds.get(OperatorHarness.INPUT);

        // d loss / d hidden = -w for out = -hidden, so the gradient reads the weighting back
        Map<String, double[]> run = ReferenceInterpreter.runDoubles(
                OperatorHarness.withGradients(OperatorHarness.lossGraph(g, 11)), feeds);
        double[] w = Arrays.stream(run.get(GRAD_INPUT)).map(v -> -v).toArray();
        double want = 0;
        for (int i = 0; i < x.length; i++) {
            want += -x[i] * w[i];
        }
        assertThat(run.get(OperatorHarness.LOSS)[0]).isCloseTo(want, within(1e-12));
        assertThat(Arrays.stream(w).min().orElseThrow()).isGreaterThanOrEqualTo(-1);
        assertThat(Arrays.stream(w).max().orElseThrow()).isLessThan(1);
        assertThat(Arrays.stream(w).distinct().count()).as("not a constant weighting").isEqualTo(w.length);

        double[] again = ReferenceInterpreter.runDoubles(
                OperatorHarness.withGradients(OperatorHarness.lossGraph(g, 11)), feeds).get(GRAD_INPUT);
        double[] otherSeed = ReferenceInterpreter.runDoubles(
                OperatorHarness.withGradients(OperatorHarness.lossGraph(g, 12)), feeds).get(GRAD_INPUT);
        assertThat(again).containsExactly(run.get(GRAD_INPUT));
        assertThat(otherSeed).isNotEqualTo(again);
    }

    @Test
    void toHostRoundsTheDeclaredFeedsAndForwardCpuReadsANamedOutput() {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(2, 2), DType.F32);
        t.output("y", x.add(x));
        Graph g = t.build();
        double[] values = {0.1, -1.0 / 3, 2.5e-8, 7};
        Map<String, double[]> feeds = Map.of("x", values, "not-in-the-graph", new double[] {1});

        Map<String, HostTensor> host = OperatorHarness.toHost(g, feeds);
        assertThat(host).containsOnlyKeys("x");
        assertThat(host.get("x").shape()).isEqualTo(Shape.of(2, 2));
        assertThat(host.get("x").f32()).containsExactly(0.1f, (float) (-1.0 / 3), 2.5e-8f, 7f);

        // doubling a float is exact, so float32 on the CPU backend gives exactly 2 · (float) x
        assertThat(OperatorHarness.forwardCpu(g, feeds, "y"))
                .containsExactly(2.0 * 0.1f, 2.0 * (float) (-1.0 / 3), 2.0 * 2.5e-8f, 14);
    }
}
