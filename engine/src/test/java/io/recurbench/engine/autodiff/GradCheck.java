package io.recurbench.engine.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.engine.ir.Graph;
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
 * Checks reverse-mode gradients against central finite differences, everything evaluated in
 * float64 by the {@link ReferenceInterpreter}.
 *
 * <p>A test declares inputs and parameters with random values, builds some value {@code y} of any
 * shape, and calls {@link #check}. The loss is {@code sum(y ⊙ w)} for a fixed random {@code w}, so
 * the check covers the whole vector-Jacobian product, not just a sum of partials. With h = 1e-5 in
 * float64 the central difference is accurate to ~1e-10 (truncation h²·f'''/6, rounding 1e-16/h),
 * far inside the tolerance of 1e-6 relative to max(1, |fd|).
 */
final class GradCheck {
    static final double H = 1e-5;
    static final double TOLERANCE = 1e-6;

    final GraphBuilder b = new GraphBuilder();
    final Tracer tracer = new Tracer(b);
    final Emitter e = new Emitter(b);
    private final Map<String, double[]> feeds = new LinkedHashMap<>();
    private final List<String> wrtInputs = new ArrayList<>();
    private final List<String> wrtParams = new ArrayList<>();
    private final SplittableRandom rng;

    GradCheck(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    /** An F32 input differentiated by the check, uniform in [lo, hi). */
    int input(String name, Shape shape, double lo, double hi) {
        return input(name, shape, uniform(shape.intSize(), lo, hi));
    }

    /** An F32 input with the given values, differentiated by the check. */
    int input(String name, Shape shape, double[] values) {
        wrtInputs.add(name);
        feeds.put(name, values);
        return b.input(name, shape, DType.F32);
    }

    /** An I32 input (indices), not differentiated. */
    int intInput(String name, Shape shape, int... values) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i];
        }
        feeds.put(name, v);
        return b.input(name, shape, DType.I32);
    }

    /** A parameter differentiated by the check, uniform in [lo, hi). */
    int parameter(String name, Shape shape, double lo, double hi) {
        wrtParams.add(name);
        feeds.put(name, uniform(shape.intSize(), lo, hi));
        return b.parameter(new ParameterSpec(name, shape, Initializer.zeros()));
    }

    double[] uniform(int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return v;
    }

    /** n values in [lo, hi) at least {@code gap} apart from each other (for max/min, free of ties). */
    double[] distinct(int n, double lo, double hi, double gap) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            boolean ok;
            do {
                v[i] = lo + (hi - lo) * rng.nextDouble();
                ok = true;
                for (int j = 0; j < i; j++) {
                    ok &= Math.abs(v[i] - v[j]) >= gap;
                }
            } while (!ok);
        }
        return v;
    }

    /** The graph with loss = sum(y ⊙ w) as output "loss". */
    Graph lossGraph(int y) {
        Shape s = e.shape(y);
        float[] w = new float[s.intSize()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        int weights = b.add(new Op.ConstantF32(w), s, DType.F32);
        b.output("loss", e.sumAll(e.mul(y, weights)));
        return b.build();
    }

    /** Asserts autodiff gradients of every declared input/parameter equal finite differences; returns them. */
    Map<String, double[]> check(int y) {
        Graph forward = lossGraph(y);
        Graph withGrads = Autodiff.gradients(forward, "loss", wrtParams, wrtInputs);
        Map<String, double[]> out = ReferenceInterpreter.runDoubles(withGrads, feeds);
        Map<String, double[]> grads = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(wrtParams);
        all.addAll(wrtInputs);
        for (String name : all) {
            double[] ad = out.get(Autodiff.GRAD_PREFIX + name);
            double[] fd = finiteDifference(forward, name);
            assertThat(ad).as("gradient size of %s", name).hasSize(fd.length);
            for (int i = 0; i < fd.length; i++) {
                double tol = TOLERANCE * Math.max(1, Math.abs(fd[i]));
                assertThat(ad[i]).as("d loss / d %s[%d] (finite difference %s)", name, i, fd[i])
                        .isCloseTo(fd[i], org.assertj.core.data.Offset.offset(tol));
            }
            grads.put(name, ad);
        }
        return grads;
    }

    /** Gradients from autodiff only (for rules checked against a closed form, e.g. ties). */
    Map<String, double[]> gradientsOnly(int y) {
        Graph forward = lossGraph(y);
        Graph withGrads = Autodiff.gradients(forward, "loss", wrtParams, wrtInputs);
        Map<String, double[]> out = ReferenceInterpreter.runDoubles(withGrads, feeds);
        Map<String, double[]> grads = new LinkedHashMap<>();
        wrtParams.forEach(n -> grads.put(n, out.get(Autodiff.GRAD_PREFIX + n)));
        wrtInputs.forEach(n -> grads.put(n, out.get(Autodiff.GRAD_PREFIX + n)));
        return grads;
    }

    /** Gradients with loss = sum(y) (weights all one), for closed-form checks. */
    Map<String, double[]> gradientsOfSum(int y) {
        b.output("loss", e.sumAll(y));
        Graph withGrads = Autodiff.gradients(b.build(), "loss", wrtParams, wrtInputs);
        Map<String, double[]> out = ReferenceInterpreter.runDoubles(withGrads, feeds);
        Map<String, double[]> grads = new LinkedHashMap<>();
        wrtParams.forEach(n -> grads.put(n, out.get(Autodiff.GRAD_PREFIX + n)));
        wrtInputs.forEach(n -> grads.put(n, out.get(Autodiff.GRAD_PREFIX + n)));
        return grads;
    }

    private double[] finiteDifference(Graph forward, String name) {
        double[] x = feeds.get(name);
        double[] fd = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + H;
            double plus = ReferenceInterpreter.runDoubles(forward, feeds).get("loss")[0];
            x[i] = keep - H;
            double minus = ReferenceInterpreter.runDoubles(forward, feeds).get("loss")[0];
            x[i] = keep;
            fd[i] = (plus - minus) / (2 * H);
        }
        return fd;
    }
}
