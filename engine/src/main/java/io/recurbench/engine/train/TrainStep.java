package io.recurbench.engine.train;

import io.recurbench.api.ParameterSpec;
import io.recurbench.engine.autodiff.Autodiff;
import io.recurbench.engine.autodiff.Emitter;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.optim.Optimizer;
import io.recurbench.engine.optim.OptimizerGraph;
import io.recurbench.engine.trace.GraphBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Composes a forward graph, its gradients and an optimizer update into one train-step graph — the
 * unit a backend compiles once and runs every step, like a jitted JAX step:
 * <pre>
 *   inputs : the forward graph's inputs (batch, carry…), its parameters (fed by name),
 *            opt/lr, opt/step, opt/&lt;slot&gt;/&lt;param&gt;
 *   outputs: &lt;loss&gt;, each passthrough output (metrics, new carry…) under its own name,
 *            {@value #GRAD_NORM_OUTPUT}, new/&lt;param&gt;, new/opt/&lt;slot&gt;/&lt;param&gt;
 * </pre>
 * The forward graph's other outputs are dropped. Which outputs are metrics and which are carry is
 * the caller's business: both simply pass through.
 */
public final class TrainStep {
    /** Global L2 norm of the gradients of the trained parameters, before the update (for NaN guards and logs). */
    public static final String GRAD_NORM_OUTPUT = "train/grad_norm";

    private TrainStep() {}

    /**
     * What to train and how.
     *
     * @param lossOutput  name of the forward graph's rank-0 F32 loss output
     * @param passthrough forward outputs to keep (metrics, new carry), in order
     * @param trainable   parameters to update; empty means every parameter of the graph
     * @param optimizer   the update rule
     */
    public record Spec(String lossOutput, List<String> passthrough, Collection<String> trainable, Optimizer optimizer) {
        public Spec {
            Objects.requireNonNull(lossOutput, "lossOutput");
            Objects.requireNonNull(optimizer, "optimizer");
            passthrough = List.copyOf(passthrough);
            trainable = List.copyOf(trainable);
        }

        /** Trains every parameter. */
        public static Spec all(String lossOutput, List<String> passthrough, Optimizer optimizer) {
            return new Spec(lossOutput, passthrough, List.of(), optimizer);
        }
    }

    /** Builds the train-step graph of {@code forward} as described in the class comment. */
    public static Graph compose(Graph forward, Spec spec) {
        Map<String, Integer> outputs = new LinkedHashMap<>();
        outputs.put(spec.lossOutput(), outputId(forward, spec.lossOutput()));
        for (String name : spec.passthrough()) {
            if (outputs.put(name, outputId(forward, name)) != null) {
                throw new IllegalArgumentException("output '" + name + "' is listed twice (loss or passthrough)");
            }
        }
        Map<String, Integer> params = trainedParameters(forward, spec.trainable());

        GraphBuilder b = GraphBuilder.from(forward);
        Map<String, Integer> grads = Autodiff.appendGradients(b, outputs.get(spec.lossOutput()), params);
        outputs.put(GRAD_NORM_OUTPUT, globalNorm(new Emitter(b), grads.values()));
        Map<String, Integer> updates = OptimizerGraph.append(b, spec.optimizer(), params, grads);
        updates.forEach((name, id) -> {
            if (outputs.put(name, id) != null) {
                throw new IllegalArgumentException("forward output '" + name + "' clashes with an optimizer output");
            }
        });
        Graph built = b.build();
        return new Graph(built.nodes(), built.parameters(), outputs);
    }

    private static int outputId(Graph g, String name) {
        Integer id = g.outputs().get(name);
        if (id == null) {
            throw new IllegalArgumentException("forward graph has no output '" + name + "'; outputs: "
                    + g.outputs().keySet());
        }
        return id;
    }

    /** name → Parameter node id for the trained parameters, in declaration order. */
    private static Map<String, Integer> trainedParameters(Graph g, Collection<String> trainable) {
        Map<String, Integer> nodes = new LinkedHashMap<>();
        for (Node node : g.nodes()) {
            if (node.op() instanceof Op.Parameter p && nodes.put(p.name(), node.id()) != null) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' appears as two nodes; declare it once");
            }
        }
        Map<String, Integer> result = new LinkedHashMap<>();
        if (trainable.isEmpty()) {
            for (ParameterSpec spec : g.parameters()) {
                Integer id = nodes.get(spec.name());
                if (id != null) {
                    result.put(spec.name(), id);
                }
            }
            return result;
        }
        for (String name : trainable) {
            Integer id = nodes.get(name);
            if (id == null) {
                throw new IllegalArgumentException("no parameter '" + name + "' to train; parameters: "
                        + new TreeSet<>(nodes.keySet()));
            }
            result.put(name, id);
        }
        return result;
    }

    private static int globalNorm(Emitter e, Collection<Integer> grads) {
        List<Integer> squares = new ArrayList<>();
        for (int g : grads) {
            squares.add(e.sumAll(e.mul(g, g)));
        }
        int total = e.scalar(0);
        for (int s : squares) {
            total = e.add(total, s);
        }
        return e.unary(Op.UnaryKind.SQRT, total);
    }
}
