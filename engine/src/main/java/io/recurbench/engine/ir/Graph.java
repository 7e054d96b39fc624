package io.recurbench.engine.ir;

import io.recurbench.api.ParameterSpec;
import java.util.List;
import java.util.Map;

/**
 * An immutable traced program in SSA form: nodes in topological order (inputs before users), the
 * declared parameters, and the named outputs.
 *
 * @param nodes      all nodes, {@code nodes.get(i).id() == i}
 * @param parameters declared parameters, in declaration order; each appears as an {@link Op.Parameter} node
 * @param outputs    output name to node id, in the order the tracer marked them
 */
public record Graph(List<Node> nodes, List<ParameterSpec> parameters, Map<String, Integer> outputs) {
    public Graph {
        nodes = List.copyOf(nodes);
        parameters = List.copyOf(parameters);
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    public Node output(String name) {
        Integer id = outputs.get(name);
        if (id == null) {
            throw new IllegalArgumentException("graph has no output '" + name + "'; outputs: " + outputs.keySet());
        }
        return nodes.get(id);
    }
}
