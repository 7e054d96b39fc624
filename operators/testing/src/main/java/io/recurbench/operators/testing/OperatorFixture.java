package io.recurbench.operators.testing;

import io.recurbench.api.DType;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.RecursiveOperator;
import io.recurbench.engine.autodiff.Autodiff;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.cpu.CpuBackend;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.engine.trace.GraphBuilder;
import io.recurbench.engine.trace.Tracer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Test support for operator modules: traces an operator into a graph with one input
 * {@value #INPUT} {@code [B, S, D]} and one output {@value #OUTPUT}, counts its declared parameters,
 * and makes random feeds (parameters from their own initializers plus noise, so that constant
 * initialisations such as ones do not hide a wrong index in a check).
 */
public final class OperatorFixture {
    public static final String INPUT = "hidden";
    public static final String OUTPUT = "out";
    /** The scalar a gradient check differentiates. */
    public static final String LOSS = "loss";
    private static final double FD_STEP = 1e-5;

    private OperatorFixture() {}

    /** Traces {@code operator} applied once to a {@code [batch, S, D]} input. */
    public static Graph trace(RecursiveOperator operator, ModelDims dims, int batch) {
        Tracer t = new Tracer();
        Tensor hidden = t.input(INPUT, Shape.of(batch, dims.sequenceLength(), dims.hiddenSize()), DType.F32);
        Tensor out = operator.apply(hidden, t);
        if (!out.shape().equals(hidden.shape())) {
            throw new AssertionError("operator returned " + out.shape() + " for hidden " + hidden.shape());
        }
        t.output(OUTPUT, out);
        return t.build();
    }

    /** The sum of the declared parameters' sizes. */
    public static long parameterCount(Graph graph) {
        return graph.parameters().stream().mapToLong(ParameterSpec::count).sum();
    }

    /**
     * float64 feeds for every parameter (its initializer's sample plus N(0, {@code noise}²)) and
     * for every F32 input (standard normal), for {@code ReferenceInterpreter.runDoubles}.
     */
    public static Map<String, double[]> randomFeeds(Graph graph, long seed, double noise) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, double[]> feeds = new LinkedHashMap<>();
        for (ParameterSpec p : graph.parameters()) {
            float[] v = p.initializer().sample(p.shape(), rng);
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i] + noise * rng.nextGaussian();
            }
            feeds.put(p.name(), d);
        }
        for (Node n : graph.nodes()) {
            if (n.op() instanceof Op.Input in && n.dtype() == DType.F32) {
                double[] x = new double[n.shape().intSize()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rng.nextGaussian();
                }
                feeds.put(in.name(), x);
            }
        }
        return feeds;
    }

    /** The same feeds rounded to float, for a float32 backend; shapes taken from the graph. */
    public static Map<String, HostTensor> toHost(Graph graph, Map<String, double[]> feeds) {
        Map<String, HostTensor> host = new LinkedHashMap<>();
        for (Node n : graph.nodes()) {
            String name = n.op() instanceof Op.Input in ? in.name() : n.op() instanceof Op.Parameter p ? p.name() : null;
            if (name != null && feeds.containsKey(name)) {
                double[] d = feeds.get(name);
                float[] f = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    f[i] = (float) d[i];
                }
                host.put(name, HostTensor.of(n.shape(), f));
            }
        }
        return host;
    }

    /** Rounds every feed to float and back, so a float64 oracle sees exactly what a float32 backend is fed. */
    public static Map<String, double[]> roundedToFloat(Map<String, double[]> feeds) {
        Map<String, double[]> out = new LinkedHashMap<>();
        feeds.forEach((k, d) -> {
            double[] r = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                r[i] = (float) d[i];
            }
            out.put(k, r);
        });
        return out;
    }

    /**
     * Checks reverse-mode gradients of {@code loss = sum(out ⊙ w)} (w a fixed random weighting, so the
     * whole vector-Jacobian product is exercised) with respect to every parameter and every F32 input
     * against central finite differences in float64 (h = 1e-5), at up to {@code samples} random
     * coordinates per leaf. Fails with the leaf, index and both values if
     * {@code |ad − fd| > 1e-6 · max(1, |fd|)}; returns the largest relative error seen.
     */
    public static double checkGradients(Graph graph, Map<String, double[]> feeds, long seed, int samples) {
        SplittableRandom rng = new SplittableRandom(seed);
        GraphBuilder b = GraphBuilder.from(graph);
        Tracer t = new Tracer(b);
        Tensor out = t.tensor(graph.outputs().get(OUTPUT));
        float[] w = new float[out.shape().intSize()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (2 * rng.nextDouble() - 1);
        }
        t.output(LOSS, out.mul(t.constant(out.shape(), w)).reshape(-1).sum(0));
        Graph lossGraph = t.build();
        List<String> params = graph.parameters().stream().map(ParameterSpec::name).toList();
        List<String> inputs = graph.nodes().stream()
                .filter(n -> n.op() instanceof Op.Input && n.dtype() == DType.F32)
                .map(n -> ((Op.Input) n.op()).name()).toList();
        Graph withGrads = Autodiff.gradients(lossGraph, LOSS, params, inputs);
        Map<String, double[]> ad = ReferenceInterpreter.runDoubles(withGrads, feeds);

        List<String> leaves = new ArrayList<>(params);
        leaves.addAll(inputs);
        double worst = 0;
        for (String leaf : leaves) {
            double[] values = feeds.get(leaf);
            double[] grad = ad.get(Autodiff.GRAD_PREFIX + leaf);
            for (int k = 0; k < Math.min(samples, values.length); k++) {
                int i = rng.nextInt(values.length);
                double saved = values[i];
                values[i] = saved + FD_STEP;
                double plus = ReferenceInterpreter.runDoubles(lossGraph, feeds).get(LOSS)[0];
                values[i] = saved - FD_STEP;
                double minus = ReferenceInterpreter.runDoubles(lossGraph, feeds).get(LOSS)[0];
                values[i] = saved;
                double fd = (plus - minus) / (2 * FD_STEP);
                double err = Math.abs(grad[i] - fd) / Math.max(1, Math.abs(fd));
                if (err > 1e-6) {
                    throw new AssertionError("gradient of " + leaf + "[" + i + "]: autodiff " + grad[i]
                            + ", finite difference " + fd);
                }
                worst = Math.max(worst, err);
            }
        }
        return worst;
    }

    /** Runs {@code graph} on the Java CPU backend in float32 and returns {@code output}, widened. */
    public static double[] runCpu(Graph graph, Map<String, double[]> feeds, String output) {
        try (var exe = new CpuBackend().compile(graph)) {
            float[] y = exe.run(toHost(graph, feeds)).get(output).f32();
            double[] d = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                d[i] = y[i];
            }
            return d;
        }
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
