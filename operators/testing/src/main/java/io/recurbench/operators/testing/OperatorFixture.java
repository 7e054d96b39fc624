package io.recurbench.operators.testing;

import io.recurbench.api.Shape;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.api.operator.RecursiveOperator;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.plugins.tck.OperatorHarness;
import io.recurbench.plugins.tck.OperatorHarness.GradientSample;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Test support for the built-in operator modules, built on the plugin test kit's
 * {@link OperatorHarness} so that built-in and third-party operators are traced, fed and
 * gradient-checked by one implementation. It traces an operator into a graph with one input
 * {@value #INPUT} {@code [B, S, D]} and one output {@value #OUTPUT} (checking the shape on every
 * trace), counts its declared parameters, makes random feeds (parameters from their own initializers
 * plus noise, so that constant initialisations such as ones do not hide a wrong index in a check),
 * and turns the kit's gradient samples into one assertion.
 */
public final class OperatorFixture {
    public static final String INPUT = OperatorHarness.INPUT;
    public static final String OUTPUT = OperatorHarness.OUTPUT;
    /** The scalar a gradient check differentiates ({@link OperatorHarness#lossGraph}). */
    public static final String LOSS = OperatorHarness.LOSS;
    private static final double FD_STEP = 1e-5;
    private static final double GRADIENT_TOLERANCE = 1e-6;

    private OperatorFixture() {}

    /** The operator plugin named {@code name}, found by {@link ServiceLoader} as the harness finds it. */
    public static OperatorPlugin plugin(String name) {
        List<OperatorPlugin> found = ServiceLoader.load(OperatorPlugin.class).stream().map(ServiceLoader.Provider::get)
                .toList();
        return found.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no operator plugin '" + name + "' on the class path; found "
                        + found.stream().map(OperatorPlugin::name).toList()));
    }

    /**
     * Traces {@code operator} applied once to a {@code [batch, S, D]} input; fails unless it returns
     * that shape (the kit checks shapes in a test of its own, built-in operators on every trace).
     */
    public static Graph trace(RecursiveOperator operator, ModelDims dims, int batch) {
        Graph g = OperatorHarness.trace(operator, dims, batch);
        Shape hidden = Shape.of(batch, dims.sequenceLength(), dims.hiddenSize());
        if (!g.output(OUTPUT).shape().equals(hidden)) {
            throw new AssertionError("operator returned " + g.output(OUTPUT).shape() + " for hidden " + hidden);
        }
        return g;
    }

    /** The sum of the declared parameters' sizes. */
    public static long parameterCount(Graph graph) {
        return OperatorHarness.parameterCount(graph);
    }

    /**
     * float64 feeds for every parameter (its initializer's sample plus N(0, {@code noise}²)) and
     * for every F32 input (standard normal), for {@code ReferenceInterpreter.runDoubles}.
     */
    public static Map<String, double[]> randomFeeds(Graph graph, long seed, double noise) {
        return OperatorHarness.randomFeeds(graph, seed, noise);
    }

    /** The same feeds rounded to float, for a float32 backend; shapes taken from the graph. */
    public static Map<String, HostTensor> toHost(Graph graph, Map<String, double[]> feeds) {
        return OperatorHarness.toHost(graph, feeds);
    }

    /** Rounds every feed to float and back, so a float64 oracle sees exactly what a float32 backend is fed. */
    public static Map<String, double[]> roundedToFloat(Map<String, double[]> feeds) {
        return OperatorHarness.roundedToFloat(feeds);
    }

    /**
     * Checks reverse-mode gradients of {@code loss = sum(out ⊙ w)} (w a fixed random weighting, so the
     * whole vector-Jacobian product is exercised) with respect to every parameter and every F32 input
     * against central finite differences in float64 (h = 1e-5), at up to {@code samples} random
     * coordinates per leaf ({@link OperatorHarness#gradientSamples}). Fails with the leaf, index and
     * both values if {@code |ad − fd| > 1e-6 · max(1, |fd|)}; returns the largest relative error seen.
     */
    public static double checkGradients(Graph graph, Map<String, double[]> feeds, long seed, int samples) {
        double worst = 0;
        for (GradientSample s : OperatorHarness.gradientSamples(graph, feeds, seed, samples, FD_STEP)) {
            if (s.relativeError() > GRADIENT_TOLERANCE) {
                throw new AssertionError("gradient of " + s.leaf() + "[" + s.index() + "]: autodiff " + s.autodiff()
                        + ", finite difference " + s.finiteDifference());
            }
            worst = Math.max(worst, s.relativeError());
        }
        return worst;
    }

    /** Runs {@code graph} on the Java CPU backend in float32 and returns {@code output}, widened. */
    public static double[] runCpu(Graph graph, Map<String, double[]> feeds, String output) {
        return OperatorHarness.forwardCpu(graph, feeds, output);
    }

    /**
     * Largest absolute difference between {@value #OUTPUT} in float32 on the Java CPU backend and in
     * float64 on the reference interpreter, both fed the same {@link #randomFeeds} rounded to float
     * (so the difference is the float32 formulation's error, not the rounding of the feeds).
     */
    public static double float32Error(Graph graph, long seed, double noise) {
        Map<String, double[]> feeds = OperatorHarness.roundedToFloat(OperatorHarness.randomFeeds(graph, seed, noise));
        return maxAbsDiff(OperatorHarness.forwardCpu(graph, feeds), OperatorHarness.forward(graph, feeds));
    }

    /**
     * Fails unless two operators from {@code fresh} (a new instance per call, e.g.
     * {@code () -> plugin.create(dims, params)}) trace node-for-node identical graphs
     * ({@link OperatorHarness#fingerprint}, parameters included), the same seed gives the same feeds,
     * and both graphs give bit-identical float64 outputs on them.
     */
    public static void assertDeterministic(Supplier<RecursiveOperator> fresh, ModelDims dims, int batch) {
        Graph a = trace(fresh.get(), dims, batch);
        Graph b = trace(fresh.get(), dims, batch);
        if (!OperatorHarness.fingerprint(a).equals(OperatorHarness.fingerprint(b))) {
            throw new AssertionError("two instances trace different graphs");
        }
        Map<String, double[]> feeds = randomFeeds(a, 3, 0.1);
        Map<String, double[]> again = randomFeeds(b, 3, 0.1);
        feeds.forEach((name, v) -> {
            if (!Arrays.equals(v, again.get(name))) {
                throw new AssertionError("the same seed gives different feeds for " + name);
            }
        });
        if (!Arrays.equals(OperatorHarness.forward(a, feeds), OperatorHarness.forward(b, feeds))) {
            throw new AssertionError("two instances give different outputs on the same feeds");
        }
    }

    /** Largest absolute value in {@code v} (0 for an empty array). */
    public static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** Largest absolute difference of two equally long arrays. */
    public static double maxAbsDiff(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
