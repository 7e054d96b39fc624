package io.recurbench.plugins.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.recurbench.api.DType;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.api.operator.HyperParameter;
import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.api.operator.ParityKnob;
import io.recurbench.api.operator.RecursiveOperator;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.trace.Tracer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The operator plugin contract as JUnit 5 tests. A plugin author extends this class in the
 * plugin's test sources and implements {@link #plugin()}; every test below then runs against the
 * plugin:
 * <pre>
 * class MyOperatorContractTest extends OperatorContractTest {
 *     &#64;Override protected OperatorPlugin plugin() { return new MyPlugin(); }
 * }
 * </pre>
 * The tests run at {@link #tinyDims()} with {@link #tinyHyperParameters()} so the whole kit takes
 * about a second; override them where the operator needs other sizes (a head size, a chunk length).
 * What they check:
 * <ul>
 *   <li>the entry point: name, version, description, SPI version, hyper-parameter and knob declarations;</li>
 *   <li>shapes: F32 {@code [B, S, D]} in, the same out, for several batch sizes and sequence lengths;</li>
 *   <li>determinism: two traces give identical graphs (no state leaks between calls or instances),
 *       and the same seed gives the same numbers, a different seed different ones;</li>
 *   <li>shared weights: a second call in one scope declares no new parameter;</li>
 *   <li>float32: the Java CPU backend agrees with the float64 reference (the formulation neither
 *       overflows nor loses precision in the precision runs use);</li>
 *   <li>gradients: reverse mode equals central finite differences in float64 for every parameter
 *       and the input;</li>
 *   <li>parameter count: the sum of the declared shapes, unique names, equal to
 *       {@link #claimedParameterCount} where the plugin claims one, and reported on stdout;</li>
 *   <li>parity knobs: the count does not decrease as a knob grows;</li>
 *   <li>hyper-parameters: defaults, and values written back as strings (as on a command line),
 *       parse to equal values.</li>
 * </ul>
 */
public abstract class OperatorContractTest {

    /** The plugin under test (a fresh instance each call is fine). */
    protected abstract OperatorPlugin plugin();

    /** Small dimensions for the kit: D = 8, S = 5 (1 puzzle token), 2 heads, expansion 2. */
    protected ModelDims tinyDims() {
        return new ModelDims(8, 5, 1, 2, 2.0);
    }

    /** Hyper-parameters for the kit's runs, e.g. a narrow MLP for a fast gradient check; defaults otherwise. */
    protected Map<String, Object> tinyHyperParameters() {
        return Map.of();
    }

    /** The count the plugin itself claims for {@code dims} and {@code params} (a closed form), if any. */
    protected OptionalLong claimedParameterCount(ModelDims dims, HyperParameters params) {
        return OptionalLong.empty();
    }

    /** Random coordinates checked per parameter in the gradient test. */
    protected int gradientSamplesPerLeaf() {
        return 4;
    }

    /** Largest allowed {@code |ad − fd| / max(1, |fd|)}. */
    protected double gradientTolerance() {
        return 1e-6;
    }

    /** Largest allowed {@code |float32 CPU − float64 reference|} of an output element. */
    protected double float32Tolerance() {
        return 1e-4;
    }

    /** Sequence lengths (besides {@link #tinyDims()}'s) at which the shape test traces. */
    protected List<Integer> otherSequenceLengths() {
        return List.of(3, 12);
    }

    // ---- helpers ------------------------------------------------------------------------------

    protected final HyperParameters tinyParams() {
        return plugin().hyperParameters().parse(tinyHyperParameters());
    }

    protected final RecursiveOperator tinyOperator() {
        return plugin().create(tinyDims(), tinyParams());
    }

    protected final Graph tinyGraph(int batch) {
        return OperatorHarness.trace(tinyOperator(), tinyDims(), batch);
    }

    private String who() {
        return "operator '" + plugin().name() + "'";
    }

    // ---- the contract ---------------------------------------------------------------------------

    @Test
    void entryPointFollowsTheContract() {
        OperatorPlugin p = plugin();
        assertTrue(p.name().matches("[a-z0-9][a-z0-9-]*"),
                () -> "name must be lower-case letters, digits and dashes, got '" + p.name() + "'");
        assertEquals(OperatorPlugin.SPI_VERSION, p.spiVersion(),
                () -> who() + " must implement spiVersion() as 'return SPI_VERSION;'");
        assertFalse(p.version() == null || p.version().isBlank(), () -> who() + " has no version");
        assertFalse(p.description() == null || p.description().isBlank(), () -> who() + " has no description");
        assertEquals(p.name(), plugin().name(), "name() must be stable");
        for (ParityKnob knob : p.parityKnobs()) {
            assertTrue(p.hyperParameters().names().contains(knob.name()),
                    () -> "parity knob '" + knob.name() + "' is not a hyper-parameter: " + p.hyperParameters().names());
            assertTrue(p.hyperParameters().get(knob.name()) instanceof HyperParameter.IntParam,
                    () -> "parity knob '" + knob.name() + "' is not an int hyper-parameter");
        }
    }

    @Test
    void returnsItsInputShapeForSeveralBatchSizesAndLengths() {
        ModelDims d = tinyDims();
        for (int batch : new int[] {1, 3}) {
            Graph g = tinyGraph(batch);
            var out = g.output(OperatorHarness.OUTPUT);
            assertEquals(Shape.of(batch, d.sequenceLength(), d.hiddenSize()), out.shape(), () -> who() + " output shape");
            assertEquals(DType.F32, out.dtype(), () -> who() + " output dtype");
        }
        for (int s : otherSequenceLengths()) {
            ModelDims other = new ModelDims(d.hiddenSize(), s, Math.min(d.puzzleTokens(), s - 1), d.heads(),
                    d.expansion(), d.normEps());
            Graph g = OperatorHarness.trace(plugin().create(other, tinyParams()), other, 2);
            assertEquals(Shape.of(2, s, d.hiddenSize()), g.output(OperatorHarness.OUTPUT).shape(),
                    () -> who() + " output shape at S = " + s);
        }
    }

    @Test
    void twoTracesGiveIdenticalGraphs() {
        List<String> first = OperatorHarness.fingerprint(tinyGraph(2));
        assertEquals(first, OperatorHarness.fingerprint(tinyGraph(2)), () -> who() + ": a fresh instance traces differently");
        RecursiveOperator op = tinyOperator();
        ModelDims d = tinyDims();
        List<String> a = OperatorHarness.fingerprint(OperatorHarness.trace(op, d, 2));
        OperatorHarness.trace(op, d, 3);
        List<String> b = OperatorHarness.fingerprint(OperatorHarness.trace(op, d, 2));
        assertEquals(a, b, () -> who() + ": the same instance traces differently after another call (state leaks between calls)");
        assertEquals(first, a, () -> who() + ": two instances with equal hyper-parameters trace differently");
    }

    @Test
    void sameSeedSameNumbersOtherSeedOtherNumbers() {
        Graph g = tinyGraph(2);
        double[] one = OperatorHarness.forward(g, OperatorHarness.randomFeeds(g, 7, 0.1));
        double[] again = OperatorHarness.forward(tinyGraph(2), OperatorHarness.randomFeeds(g, 7, 0.1));
        double[] other = OperatorHarness.forward(g, OperatorHarness.randomFeeds(g, 8, 0.1));
        for (int i = 0; i < one.length; i++) {
            int at = i;
            assertTrue(Double.isFinite(one[i]), () -> who() + ": out[" + at + "] = " + one[at]);
        }
        assertArrayEquals(one, again, () -> who() + ": the same seed gives different outputs");
        assertFalse(java.util.Arrays.equals(one, other), () -> who() + ": the output ignores its parameters and input");
    }

    @Test
    void float32CpuBackendAgreesWithTheFloat64Reference() {
        Graph g = tinyGraph(2);
        Map<String, double[]> feeds = OperatorHarness.roundedToFloat(OperatorHarness.randomFeeds(g, 9, 0.1));
        double[] want = OperatorHarness.forward(g, feeds);
        double[] got = OperatorHarness.forwardCpu(g, feeds);
        for (int i = 0; i < want.length; i++) {
            int at = i;
            assertTrue(Math.abs(got[i] - want[i]) <= float32Tolerance(), () -> who() + ": out[" + at + "] is " + got[at]
                    + " in float32 on the CPU backend but " + want[at] + " in float64 (tolerance " + float32Tolerance()
                    + "); the formulation loses precision or overflows in float32");
        }
    }

    @Test
    void aSecondCallSharesTheParameters() {
        ModelDims d = tinyDims();
        Tracer t = new Tracer();
        Tensor hidden = t.input(OperatorHarness.INPUT, Shape.of(1, d.sequenceLength(), d.hiddenSize()), DType.F32);
        RecursiveOperator op = tinyOperator();
        Tensor once = op.apply(hidden, t);
        List<ParameterSpec> afterOne = t.build().parameters();
        op.apply(once, t);
        assertEquals(afterOne, t.build().parameters(),
                () -> who() + ": a second call declared new parameters; use the same names on every call");
    }

    @Test
    void gradientsMatchCentralDifferences() {
        Graph g = tinyGraph(2);
        var samples = OperatorHarness.gradientSamples(g, OperatorHarness.randomFeeds(g, 21, 0.1), 22,
                gradientSamplesPerLeaf(), 1e-5);
        Set<String> leaves = new HashSet<>();
        for (var s : samples) {
            leaves.add(s.leaf());
            if (s.relativeError() > gradientTolerance()) {
                fail(who() + ": gradient of " + s.leaf() + "[" + s.index() + "]: autodiff " + s.autodiff()
                        + ", central difference " + s.finiteDifference());
            }
        }
        assertEquals(g.parameters().size() + 1, leaves.size(), "every parameter and the input are checked");
    }

    @Test
    void parameterCountIsTheSumOfTheDeclarations() {
        ModelDims d = tinyDims();
        HyperParameters params = tinyParams();
        Graph g = tinyGraph(1);
        Set<String> names = new HashSet<>();
        long sum = 0;
        for (ParameterSpec p : g.parameters()) {
            assertTrue(names.add(p.name()), () -> who() + " declares '" + p.name() + "' twice");
            long size = 1;
            for (int dim : p.shape().dims()) {
                size *= dim;
            }
            sum += size;
        }
        assertEquals(sum, OperatorHarness.parameterCount(g));
        long counted = sum;
        claimedParameterCount(d, params).ifPresent(claim -> assertEquals(claim, counted,
                () -> who() + " claims " + claim + " parameters but declares " + counted));
        assertEquals(counted, OperatorHarness.parameterCount(tinyGraph(3)), "the count does not depend on the batch");
        System.out.printf("%s: %,d parameters in %d tensors at D = %d, S = %d with %s%n", who(), counted,
                g.parameters().size(), d.hiddenSize(), d.sequenceLength(), params);
    }

    @Test
    void parityKnobsDoNotDecreaseTheCount() {
        ModelDims d = tinyDims();
        HyperParameters base = tinyParams();
        for (ParityKnob knob : plugin().parityKnobs()) {
            HyperParameter.IntParam range = (HyperParameter.IntParam) plugin().hyperParameters().get(knob.name());
            int lo = Math.max(knob.min(), range.min());
            int hi = Math.min(Math.min(knob.max(), range.max()), lo + 3);
            long previous = -1;
            for (int v = lo; v <= hi; v++) {
                long c = OperatorHarness.parameterCount(OperatorHarness.trace(
                        plugin().create(d, base.with(knob.name(), v)), d, 1));
                long prev = previous;
                int at = v;
                assertTrue(c >= prev, () -> who() + ": the count falls from " + prev + " to " + c + " as "
                        + knob.name() + " grows to " + at);
                previous = c;
            }
        }
    }

    @Test
    void hyperParametersRoundTrip() {
        var spec = plugin().hyperParameters();
        HyperParameters defaults = spec.defaults();
        assertEquals(spec.names(), List.copyOf(defaults.asMap().keySet()), "every declared name has a value");
        assertEquals(defaults, spec.parse(defaults.asMap()), () -> who() + ": defaults do not parse back");
        Map<String, Object> asText = new LinkedHashMap<>();
        defaults.asMap().forEach((k, v) -> asText.put(k, String.valueOf(v)));
        assertEquals(defaults, spec.parse(asText), () -> who() + ": defaults written as text do not parse back");
        HyperParameters tiny = tinyParams();
        assertEquals(tiny, spec.parse(tiny.asMap()), () -> who() + ": the kit's hyper-parameters do not parse back");
    }
}
