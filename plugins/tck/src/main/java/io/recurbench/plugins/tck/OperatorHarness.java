package io.recurbench.plugins.tck;

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
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the contract tests do to an operator, usable on its own: trace it on {@code [B, S, D]},
 * fingerprint a graph, make seeded float64 feeds, run it on the reference interpreter or in float32
 * on the CPU backend, and check its gradients against central finite differences.
 *
 * <p>The built-in operators' own tests use these same helpers (through
 * {@code io.recurbench.operators.testing.OperatorFixture}), so the numbers a plugin author checks
 * are made exactly as the project checks its own.
 */
public final class OperatorHarness {
    /** The traced graph's input. */
    public static final String INPUT = "hidden";
    /** The traced graph's output. */
    public static final String OUTPUT = "out";
    /** The scalar output {@link #lossGraph} adds (namespaced so that it cannot clash with an operator's own). */
    public static final String LOSS = "tck/loss";

    private OperatorHarness() {}

    /** Traces {@code operator} once on an F32 input {@code [batch, S, D]}; the output is {@value #OUTPUT}. */
    public static Graph trace(RecursiveOperator operator, ModelDims dims, int batch) {
        Tracer t = new Tracer();
        Tensor hidden = t.input(INPUT, Shape.of(batch, dims.sequenceLength(), dims.hiddenSize()), DType.F32);
        Tensor out = operator.apply(hidden, t);
        t.output(OUTPUT, out);
        return t.build();
    }

    /** The sum of the declared parameters' sizes. */
    public static long parameterCount(Graph graph) {
        return graph.parameters().stream().mapToLong(ParameterSpec::count).sum();
    }

    /**
     * One line per node (op with its attributes, operand ids, shape, dtype; not the call site), so
     * that two graphs are structurally equal exactly when their fingerprints are.
     */
    public static List<String> fingerprint(Graph graph) {
        List<String> lines = new ArrayList<>();
        for (Node n : graph.nodes()) {
            lines.add(describe(n.op()) + " " + Arrays.toString(n.inputs()) + " -> " + n.dtype() + n.shape());
        }
        for (ParameterSpec p : graph.parameters()) {
            lines.add("param " + p.name() + " " + p.shape() + " " + p.initializer());
        }
        lines.add("outputs " + graph.outputs());
        return lines;
    }

    private static String describe(Op op) {
        StringBuilder sb = new StringBuilder(op.getClass().getSimpleName()).append('(');
        for (RecordComponent c : op.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(op);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + op.getClass(), e);
            }
            sb.append(c.getName()).append('=').append(switch (v) {
                case float[] a -> Arrays.toString(a);
                case int[] a -> Arrays.toString(a);
                case double[] a -> Arrays.toString(a);
                case null, default -> String.valueOf(v);
            }).append(' ');
        }
        return sb.append(')').toString();
    }

    /**
     * float64 feeds: every parameter from its own initializer plus N(0, {@code noise}²) (so that a
     * constant initialisation cannot hide a wrong index), every F32 input standard normal.
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

    /** The operator's output on the float64 reference interpreter. */
    public static double[] forward(Graph graph, Map<String, double[]> feeds) {
        return ReferenceInterpreter.runDoubles(graph, feeds).get(OUTPUT);
    }

    /**
     * The operator's output in float32 on the Java CPU backend, fed {@code feeds} rounded to float
     * (compare it with {@link #forward} of {@link #roundedToFloat} feeds).
     */
    public static double[] forwardCpu(Graph graph, Map<String, double[]> feeds) {
        return forwardCpu(graph, feeds, OUTPUT);
    }

    /**
     * Output {@code output} of {@code graph} in float32 on the Java CPU backend, widened (see
     * {@link #forwardCpu(Graph, Map)}).
     */
    public static double[] forwardCpu(Graph graph, Map<String, double[]> feeds, String output) {
        try (var exe = new CpuBackend().compile(graph)) {
            float[] y = exe.run(toHost(graph, feeds)).get(output).f32();
            double[] out = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                out[i] = y[i];
            }
            return out;
        }
    }

    /**
     * {@code feeds} rounded to float as backend tensors, each shaped as its input or parameter node
     * in {@code graph} (feeds the graph does not declare are left out).
     */
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

    /** {@code feeds} with every value rounded to float, so a float64 run sees what a float32 backend is fed. */
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

    /** One gradient coordinate: reverse mode against central differences. */
    public record GradientSample(String leaf, int index, double autodiff, double finiteDifference) {
        public double relativeError() {
            return Math.abs(autodiff - finiteDifference) / Math.max(1, Math.abs(finiteDifference));
        }
    }

    /**
     * {@code graph} plus the scalar {@value #LOSS} {@code = sum(out ⊙ w)}, w a fixed weighting drawn
     * uniformly from [-1, 1) with {@code seed}: differentiating it exercises the whole
     * vector-Jacobian product of {@value #OUTPUT}, not just its sum.
     */
    public static Graph lossGraph(Graph graph, long seed) {
        return lossGraph(graph, new SplittableRandom(seed));
    }

    private static Graph lossGraph(Graph graph, SplittableRandom rng) {
        Tracer t = new Tracer(GraphBuilder.from(graph));
        Tensor out = t.tensor(graph.output(OUTPUT).id());
        float[] w = new float[out.shape().intSize()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (2 * rng.nextDouble() - 1);
        }
        t.output(LOSS, out.mul(t.constant(out.shape(), w)).reshape(-1).sum(0));
        return t.build();
    }

    /**
     * {@code lossGraph} (from {@link #lossGraph}) plus the reverse-mode gradient of {@value #LOSS}
     * with respect to every parameter and every F32 input, as outputs
     * {@code Autodiff.GRAD_PREFIX + name}.
     */
    public static Graph withGradients(Graph lossGraph) {
        return Autodiff.gradients(lossGraph, LOSS, parameterNames(lossGraph), floatInputNames(lossGraph));
    }

    /**
     * Gradients of {@code loss = sum(out ⊙ w)} ({@link #lossGraph}) with respect to every parameter
     * and every F32 input (for a traced operator: the input {@value #INPUT}): reverse mode
     * ({@link Autodiff}) and central differences ({@code h}) on the float64 reference interpreter, at
     * up to {@code samples} random coordinates per leaf.
     */
    public static List<GradientSample> gradientSamples(Graph graph, Map<String, double[]> feeds, long seed, int samples,
                                                       double h) {
        SplittableRandom rng = new SplittableRandom(seed);
        Graph lossGraph = lossGraph(graph, rng);
        Map<String, double[]> ad = ReferenceInterpreter.runDoubles(withGradients(lossGraph), feeds);

        List<String> leaves = new ArrayList<>(parameterNames(graph));
        leaves.addAll(floatInputNames(graph));
        List<GradientSample> result = new ArrayList<>();
        for (String leaf : leaves) {
            double[] values = feeds.get(leaf);
            double[] grad = ad.get(Autodiff.GRAD_PREFIX + leaf);
            for (int k = 0; k < Math.min(samples, values.length); k++) {
                int i = rng.nextInt(values.length);
                double saved = values[i];
                values[i] = saved + h;
                double plus = ReferenceInterpreter.runDoubles(lossGraph, feeds).get(LOSS)[0];
                values[i] = saved - h;
                double minus = ReferenceInterpreter.runDoubles(lossGraph, feeds).get(LOSS)[0];
                values[i] = saved;
                result.add(new GradientSample(leaf, i, grad[i], (plus - minus) / (2 * h)));
            }
        }
        return result;
    }

    private static List<String> parameterNames(Graph graph) {
        return graph.parameters().stream().map(ParameterSpec::name).toList();
    }

    private static List<String> floatInputNames(Graph graph) {
        return graph.nodes().stream()
                .filter(n -> n.op() instanceof Op.Input && n.dtype() == DType.F32)
                .map(n -> ((Op.Input) n.op()).name()).toList();
    }
}
