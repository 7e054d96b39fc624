package io.recurbench.engine.autodiff;

import io.recurbench.api.DType;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.trace.GraphBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reverse-mode automatic differentiation as a graph-to-graph transformation: the gradient of a
 * scalar loss with respect to chosen parameters (and, for checks, chosen inputs) is appended to the
 * same graph as ordinary nodes, so a backend compiles forward and backward as one program.
 *
 * <p>Only nodes on a path from a differentiated leaf to the loss get an adjoint (the rest of the
 * graph is pruned from the backward pass); a value used several times accumulates the adjoints of
 * its uses. {@code stopGradient}, comparisons, casts from I32, iota and constants end paths.
 * The rule of every primitive is in {@link VjpRules}; {@code docs/engine-autodiff.md} tabulates them.
 */
public final class Autodiff {
    /** Gradient outputs are named {@code grad/<parameter or input name>}. */
    public static final String GRAD_PREFIX = "grad/";

    private Autodiff() {}

    /** {@link #gradients(Graph, String, Collection, Collection)} with respect to parameters only. */
    public static Graph gradients(Graph g, String lossOutput, Collection<String> wrtParameters) {
        return gradients(g, lossOutput, wrtParameters, List.of());
    }

    /**
     * Returns {@code g} with one added output {@code grad/<name>} per requested parameter and input:
     * the gradient of the output {@code lossOutput} (a rank-0 F32 value) with respect to it. All
     * outputs of {@code g} are kept. A leaf the loss does not depend on gets a zero gradient.
     *
     * @throws IllegalArgumentException if the loss is missing or not a rank-0 F32 value, or a name
     *         is not a parameter (resp. an F32 input) of {@code g}
     */
    public static Graph gradients(Graph g, String lossOutput, Collection<String> wrtParameters,
            Collection<String> wrtInputs) {
        GraphBuilder b = GraphBuilder.from(g);
        Map<String, Integer> wrt = new LinkedHashMap<>();
        for (String p : wrtParameters) {
            wrt.put(p, parameterNode(g, p));
        }
        for (String i : wrtInputs) {
            if (wrt.put(i, inputNode(g, i)) != null) {
                throw new IllegalArgumentException("'" + i + "' is asked for both as a parameter and as an input");
            }
        }
        Map<String, Integer> grads = appendGradients(b, g.outputs().get(lossOutputChecked(g, lossOutput)), wrt);
        Map<String, Integer> outputs = new LinkedHashMap<>(g.outputs());
        grads.forEach((name, id) -> outputs.put(GRAD_PREFIX + name, id));
        Graph built = b.build();
        return new Graph(built.nodes(), built.parameters(), outputs);
    }

    /**
     * Appends to {@code b} the gradient of node {@code loss} (rank-0 F32) with respect to each leaf
     * node in {@code wrt} (name → node id) and returns name → gradient node id. This is the
     * building block for composing a train step without a round trip through named outputs.
     */
    public static Map<String, Integer> appendGradients(GraphBuilder b, int loss, Map<String, Integer> wrt) {
        Node lossNode = b.node(loss);
        if (lossNode.dtype() != DType.F32 || lossNode.shape().rank() != 0) {
            throw new IllegalArgumentException("the loss must be a rank-0 F32 value, got " + lossNode.dtype()
                    + lossNode.shape() + " (reduce it to a scalar first)");
        }
        int n = b.size();
        boolean[] isLeaf = new boolean[n];
        for (int id : wrt.values()) {
            isLeaf[id] = true;
        }
        boolean[] onPath = pathsToLoss(b, loss, isLeaf);

        Emitter e = new Emitter(b);
        VjpRules rules = new VjpRules(e);
        int[] adjoint = new int[n];
        Arrays.fill(adjoint, -1);
        if (onPath[loss]) {
            adjoint[loss] = e.scalar(1);
        }
        for (int id = loss; id >= 0; id--) {
            if (!onPath[id] || adjoint[id] < 0 || isLeaf[id]) {
                continue;
            }
            Node node = b.node(id);
            int[] in = node.inputs();
            boolean[] want = VjpRules.differentiableInputs(node);
            for (int k = 0; k < in.length; k++) {
                want[k] &= onPath[in[k]];
            }
            int[] grads = rules.vjp(node, adjoint[id], want);
            for (int k = 0; k < in.length; k++) {
                if (grads[k] >= 0) {
                    adjoint[in[k]] = adjoint[in[k]] < 0 ? grads[k] : e.add(adjoint[in[k]], grads[k]);
                }
            }
        }
        Map<String, Integer> result = new LinkedHashMap<>();
        wrt.forEach((name, id) -> result.put(name,
                adjoint[id] >= 0 ? adjoint[id] : e.fill(b.node(id).shape(), 0)));
        return result;
    }

    /**
     * Marks the nodes through which a differentiated leaf influences the loss: forward, which nodes
     * depend on a leaf through differentiable operands; backward, which of those feed the loss.
     */
    private static boolean[] pathsToLoss(GraphBuilder b, int loss, boolean[] isLeaf) {
        int n = isLeaf.length;
        boolean[] depends = new boolean[n];
        for (int id = 0; id <= loss; id++) {
            if (isLeaf[id]) {
                depends[id] = true;
                continue;
            }
            Node node = b.node(id);
            boolean[] diff = VjpRules.differentiableInputs(node);
            for (int k = 0; k < diff.length && !depends[id]; k++) {
                depends[id] = diff[k] && depends[node.inputs()[k]];
            }
        }
        boolean[] onPath = new boolean[n];
        onPath[loss] = depends[loss];
        for (int id = loss; id >= 0; id--) {
            if (!onPath[id] || isLeaf[id]) {
                continue;
            }
            Node node = b.node(id);
            boolean[] diff = VjpRules.differentiableInputs(node);
            for (int k = 0; k < diff.length; k++) {
                int in = node.inputs()[k];
                if (diff[k] && depends[in]) {
                    onPath[in] = true;
                }
            }
        }
        return onPath;
    }

    private static String lossOutputChecked(Graph g, String lossOutput) {
        if (!g.outputs().containsKey(lossOutput)) {
            throw new IllegalArgumentException("graph has no loss output '" + lossOutput + "'; outputs: "
                    + g.outputs().keySet());
        }
        return lossOutput;
    }

    /** The single Parameter node named {@code name}. */
    static int parameterNode(Graph g, String name) {
        List<Integer> found = new ArrayList<>();
        for (Node node : g.nodes()) {
            if (node.op() instanceof Op.Parameter p && p.name().equals(name)) {
                found.add(node.id());
            }
        }
        if (found.size() != 1) {
            TreeSet<String> known = new TreeSet<>();
            g.parameters().forEach(s -> known.add(s.name()));
            throw new IllegalArgumentException(found.isEmpty()
                    ? "no parameter '" + name + "' to differentiate; parameters: " + known
                    : "parameter '" + name + "' appears as " + found.size() + " nodes; the graph must declare it once");
        }
        return found.get(0);
    }

    /** The single F32 Input node named {@code name}. */
    static int inputNode(Graph g, String name) {
        Integer found = null;
        TreeSet<String> known = new TreeSet<>();
        for (Node node : g.nodes()) {
            if (node.op() instanceof Op.Input in) {
                known.add(in.name());
                if (in.name().equals(name)) {
                    if (found != null) {
                        throw new IllegalArgumentException("input '" + name + "' appears twice in the graph");
                    }
                    found = node.id();
                }
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("no input '" + name + "' to differentiate; inputs: " + known);
        }
        if (g.node(found).dtype() != DType.F32) {
            throw new IllegalArgumentException("input '" + name + "' is " + g.node(found).dtype()
                    + "; only F32 inputs have gradients");
        }
        return found;
    }
}
