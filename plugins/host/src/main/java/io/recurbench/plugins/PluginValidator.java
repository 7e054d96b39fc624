package io.recurbench.plugins;

import io.recurbench.api.DType;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.api.operator.HyperParameter;
import io.recurbench.api.operator.HyperParameterSpec;
import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.api.operator.ParityKnob;
import io.recurbench.api.operator.RecursiveOperator;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.engine.trace.Tracer;
import io.recurbench.operators.parity.Budget;
import io.recurbench.operators.parity.ParameterCounter;
import io.recurbench.operators.parity.ParityCheck;
import io.recurbench.operators.parity.ParitySolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Checks loaded plugins before a run, each in isolation ({@link RunIsolation}, with the settings'
 * time limit), and splits them into accepted and refused. In order:
 * <ol>
 *   <li>names are unique (every plugin sharing a name is refused: which one was meant is unknown);</li>
 *   <li>the run config's hyper-parameters parse with the plugin's spec, and its parity knobs are int
 *       hyper-parameters of that spec;</li>
 *   <li>the block traces on a probe input {@code [B, S, D]} and returns F32 {@code [B, S, D]};</li>
 *   <li>a second call in the same scope declares no new parameter (weights are shared across
 *       recursion steps);</li>
 *   <li>the forward pass on the float64 reference interpreter, with parameters from their
 *       initializers and a standard-normal input, is finite;</li>
 *   <li>the exact parameter count at the run's dimensions is within the budget, or a parity knob
 *       can be solved to bring it there.</li>
 * </ol>
 * Each failure is one line; see {@code docs/plugins.md} for every message.
 */
public final class PluginValidator {

    /** What validation decided. */
    public record Report(List<AcceptedPlugin> accepted, List<RefusedPlugin> refused) {
        public Report {
            accepted = List.copyOf(accepted);
            refused = List.copyOf(refused);
        }
    }

    /** The decision on one plugin, made on its isolated validation thread. */
    private sealed interface Verdict {
        record Accept(AcceptedPlugin plugin) implements Verdict {}

        record Refuse(String reason, OptionalLong totalParameters) implements Verdict {}
    }

    /** A failed check, carrying its one-line reason (and the count, when the budget was the reason). */
    static final class Refusal extends RuntimeException {
        final OptionalLong totalParameters;

        Refusal(String reason) {
            this(reason, OptionalLong.empty());
        }

        Refusal(String reason, OptionalLong totalParameters) {
            super(reason, null, false, false);
            this.totalParameters = totalParameters;
        }
    }

    private final ValidationSettings settings;

    public PluginValidator(ValidationSettings settings) {
        this.settings = settings;
    }

    public Report validate(List<LoadedPlugin> plugins) {
        Map<String, List<LoadedPlugin>> byName = plugins.stream()
                .collect(Collectors.groupingBy(LoadedPlugin::name, LinkedHashMap::new, Collectors.toList()));
        List<AcceptedPlugin> accepted = new ArrayList<>();
        List<RefusedPlugin> refused = new ArrayList<>();
        for (String unknown : settings.hyperParameters().keySet()) {
            if (!byName.containsKey(unknown)) {
                refused.add(new RefusedPlugin(unknown, new PluginSource("run config", Optional.empty()),
                        "the run config sets hyper-parameters for it, but no plugin has this name; known: " + byName.keySet()));
            }
        }
        for (List<LoadedPlugin> same : byName.values()) {
            if (same.size() > 1) {
                String all = same.stream().map(p -> p.source().label() + " (" + p.plugin().getClass().getName() + ")")
                        .collect(Collectors.joining(" and "));
                for (LoadedPlugin p : same) {
                    String count = same.size() == 2 ? "two" : String.valueOf(same.size());
                    refused.add(refusal(p, count + " plugins are named '" + p.name() + "': " + all
                            + "; remove or rename one", OptionalLong.empty()));
                }
                continue;
            }
            LoadedPlugin p = same.getFirst();
            RunOutcome<Verdict> outcome = RunIsolation.run(p.name(), settings.timeout(), p.loader(), () -> {
                try {
                    return new Verdict.Accept(validateOne(p));
                } catch (Refusal r) {
                    return new Verdict.Refuse(r.getMessage(), r.totalParameters);
                }
            });
            switch (outcome) {
                case RunOutcome.Ok<Verdict>(Verdict.Accept(AcceptedPlugin a), var elapsed) -> accepted.add(a);
                case RunOutcome.Ok<Verdict>(Verdict.Refuse(String reason, OptionalLong total), var elapsed) ->
                        refused.add(refusal(p, reason, total));
                case RunOutcome.Failed<Verdict> f -> refused.add(refusal(p, "validation " + f.reason(), OptionalLong.empty()));
            }
        }
        return new Report(accepted, refused);
    }

    private static RefusedPlugin refusal(LoadedPlugin p, String reason, OptionalLong total) {
        String version;
        try {
            version = p.plugin().version();
        } catch (RuntimeException | LinkageError e) {
            version = null;
        }
        if (version == null || version.isBlank()) {
            version = RefusedPlugin.UNKNOWN_VERSION;
        }
        return new RefusedPlugin(p.name(), version, p.source(), reason, total);
    }

    private AcceptedPlugin validateOne(LoadedPlugin loaded) {
        OperatorPlugin plugin = loaded.plugin();
        HyperParameters params = parseHyperParameters(plugin);
        Graph probe = traceProbe(plugin, params);
        requireSharedParameters(plugin, params);
        requireFiniteForward(probe);
        return checkBudget(loaded, params);
    }

    private HyperParameters parseHyperParameters(OperatorPlugin plugin) {
        HyperParameterSpec spec;
        HyperParameters params;
        try {
            spec = plugin.hyperParameters();
            params = spec.parse(settings.hyperParameters().getOrDefault(plugin.name(), Map.of()));
        } catch (IllegalArgumentException e) {
            throw new Refusal("hyper-parameters do not parse: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            throw new Refusal("hyper-parameters do not parse: " + PluginDiscovery.oneLine(e));
        }
        for (ParityKnob knob : plugin.parityKnobs()) {
            if (!spec.names().contains(knob.name()) || !(spec.get(knob.name()) instanceof HyperParameter.IntParam)) {
                throw new Refusal("parity knob '" + knob.name() + "' is not an int hyper-parameter of its spec "
                        + spec.names());
            }
        }
        return params;
    }

    private Graph traceProbe(OperatorPlugin plugin, HyperParameters params) {
        ModelDims dims = settings.probeDims();
        Tracer t = new Tracer();
        Tensor hidden = t.input("hidden", probeShape(), DType.F32);
        RecursiveOperator op = create(plugin, dims, params);
        Tensor out;
        try {
            out = op.apply(hidden, t);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            throw new Refusal("throws at trace time on the probe input " + hidden.shape() + ": "
                    + PluginDiscovery.oneLine(e) + PluginDiscovery.thrownAt(e));
        }
        if (out == null || !out.shape().equals(hidden.shape()) || out.dtype() != DType.F32) {
            String got = out == null ? "null" : out.dtype() + " " + out.shape();
            throw new Refusal("returns " + got + " for the probe input F32 " + hidden.shape()
                    + "; a recursive operator must return F32 [B, S, D]");
        }
        t.output("out", out);
        return t.build();
    }

    private void requireSharedParameters(OperatorPlugin plugin, HyperParameters params) {
        Tracer t = new Tracer();
        Tensor hidden = t.input("hidden", probeShape(), DType.F32);
        RecursiveOperator op = create(plugin, settings.probeDims(), params);
        Tensor once = op.apply(hidden, t);
        long afterOne = t.build().parameters().size();
        op.apply(once, t);
        long afterTwo = t.build().parameters().size();
        if (afterTwo != afterOne) {
            throw new Refusal("a second call declares new parameters (" + afterOne + " after one call, " + afterTwo
                    + " after two); the operator must use the same parameter names on every call");
        }
    }

    private void requireFiniteForward(Graph probe) {
        SplittableRandom rng = new SplittableRandom(settings.seed());
        Map<String, double[]> feeds = new LinkedHashMap<>();
        for (ParameterSpec p : probe.parameters()) {
            float[] v = p.initializer().sample(p.shape(), rng);
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            feeds.put(p.name(), d);
        }
        for (Node n : probe.nodes()) {
            if (n.op() instanceof Op.Input in) {
                double[] x = new double[n.shape().intSize()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rng.nextGaussian();
                }
                feeds.put(in.name(), x);
            }
        }
        double[] out = ReferenceInterpreter.runDoubles(probe, feeds).get("out");
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                throw new Refusal("the forward pass on the probe input is not finite: out[" + i + "] = " + out[i]
                        + " (parameters from their initializers, seed " + settings.seed() + ")");
            }
        }
    }

    private AcceptedPlugin checkBudget(LoadedPlugin loaded, HyperParameters params) {
        OperatorPlugin plugin = loaded.plugin();
        ModelDims dims = settings.config().dims();
        ParitySolver solver = ParitySolver.forPlugin(plugin, settings.config());
        ParityCheck check;
        try {
            check = solver.check(params, settings.budget().orElse(new Budget(1, 0)));
        } catch (RuntimeException | LinkageError e) {
            throw new Refusal("does not trace at the run's dimensions (D = " + dims.hiddenSize() + ", S = "
                    + dims.sequenceLength() + "): " + PluginDiscovery.oneLine(e));
        }
        if (settings.budget().isEmpty()) {
            return new AcceptedPlugin(loaded, params, check.operatorCount(),
                    String.format(java.util.Locale.ROOT, "%,d parameters (operator %,d + scaffold %,d), no budget",
                            check.total(), check.operatorCount(), check.scaffoldCount()));
        }
        if (check.within()) {
            return new AcceptedPlugin(loaded, params, check.operatorCount(), check.explain());
        }
        List<ParityKnob> knobs = plugin.parityKnobs();
        if (knobs.isEmpty()) {
            throw new Refusal("parameter count misses the budget: " + check.explain()
                    + "; it declares no parity knob the solver could turn", OptionalLong.of(check.total()));
        }
        List<String> tried = new ArrayList<>();
        for (ParityKnob knob : knobs) {
            ParitySolver.Solution s;
            try {
                s = solver.solve(params, knob.name(), settings.budget().get());
            } catch (RuntimeException e) {
                tried.add(e.getMessage());
                continue;
            }
            if (s.converged()) {
                HyperParameters solved = params.with(knob.name(), s.value());
                return new AcceptedPlugin(loaded, solved, s.check().operatorCount(), s.explanation());
            }
            tried.add(s.explanation());
        }
        throw new Refusal("parameter count misses the budget: " + check.explain() + "; no parity knob converges: "
                + String.join(" | ", tried), OptionalLong.of(check.total()));
    }

    private RecursiveOperator create(OperatorPlugin plugin, ModelDims dims, HyperParameters params) {
        try {
            RecursiveOperator op = plugin.create(dims, params);
            if (op == null) {
                throw new Refusal("create() returned null");
            }
            return op;
        } catch (Refusal r) {
            throw r;
        } catch (RuntimeException | LinkageError e) {
            throw new Refusal("create() fails at the probe dimensions (D = " + dims.hiddenSize() + ", S = "
                    + dims.sequenceLength() + ", heads = " + dims.heads() + "): " + PluginDiscovery.oneLine(e));
        }
    }

    private Shape probeShape() {
        ModelDims d = settings.probeDims();
        return Shape.of(settings.probeBatch(), d.sequenceLength(), d.hiddenSize());
    }
}
