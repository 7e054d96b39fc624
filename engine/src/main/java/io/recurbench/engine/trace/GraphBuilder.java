package io.recurbench.engine.trace;

import io.recurbench.api.DType;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The one place where IR nodes are appended: the tracer, the autodiff and the optimizers all build
 * graphs through it, so every node gets its shape and dtype from {@link ShapeInference} and its
 * call site for error messages.
 *
 * <p>Nodes are appended in order, so ids are a topological order by construction. A node that does
 * not type-check is never appended: {@link #add} throws an {@link IllegalArgumentException} of the
 * form
 * <pre>MatMul[transposeA=false, transposeB=false]: inner dimensions differ: 3 vs 4; operands F32[2, 3], F32[4, 5]; at MyBlock.forward:42</pre>
 * naming the op, the operand types and the first caller outside the engine and the api.
 *
 * <p>Not thread-safe: one builder per trace.
 */
public final class GraphBuilder {

    private final List<Node> nodes = new ArrayList<>();
    private final List<ParameterSpec> parameters = new ArrayList<>();
    private final Map<String, Integer> parameterIds = new HashMap<>();
    private final Map<String, Integer> inputIds = new HashMap<>();
    private final Map<String, Integer> outputs = new LinkedHashMap<>();

    /** An empty graph. */
    public GraphBuilder() {}

    /** Continues appending to {@code g}: keeps its nodes, parameters and outputs. */
    public static GraphBuilder from(Graph g) {
        GraphBuilder b = new GraphBuilder();
        for (int i = 0; i < g.nodes().size(); i++) {
            Node n = g.nodes().get(i);
            if (n.id() != i) {
                throw new IllegalArgumentException("graph node at position " + i + " has id " + n.id());
            }
            b.nodes.add(n);
            switch (n.op()) {
                case Op.Input in -> b.inputIds.put(in.name(), i);
                case Op.Parameter p -> b.parameterIds.put(p.name(), i);
                default -> { }
            }
        }
        b.parameters.addAll(g.parameters());
        b.outputs.putAll(g.outputs());
        return b;
    }

    /** Declares a value fed at run time; its name must be new. */
    public int input(String name, Shape shape, DType dtype) {
        Objects.requireNonNull(name, "name");
        if (inputIds.containsKey(name)) {
            throw new IllegalArgumentException("input '" + name + "' is already declared (node " + inputIds.get(name)
                    + "); at " + CallSite.find());
        }
        int id = append(new Op.Input(name), new int[0], new TensorType(shape, dtype), CallSite.find());
        inputIds.put(name, id);
        return id;
    }

    /**
     * Declares a parameter (always F32). Declaring the same name again with the same shape returns
     * the existing node, so a block applied twice shares its weights; a different shape fails.
     */
    public int parameter(ParameterSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Integer existing = parameterIds.get(spec.name());
        if (existing != null) {
            Shape had = nodes.get(existing).shape();
            if (!had.equals(spec.shape())) {
                throw new IllegalArgumentException("parameter '" + spec.name() + "' is already declared with shape "
                        + had + ", now with " + spec.shape() + "; at " + CallSite.find());
            }
            return existing;
        }
        int id = append(new Op.Parameter(spec.name()), new int[0], new TensorType(spec.shape(), DType.F32),
                CallSite.find());
        parameters.add(spec);
        parameterIds.put(spec.name(), id);
        return id;
    }

    /** Appends {@code op} applied to {@code inputs}, with shape and dtype inferred. */
    public int add(Op op, int... inputs) {
        List<TensorType> types = operandTypes(op, inputs);
        TensorType result;
        try {
            result = ShapeInference.infer(op, types);
        } catch (IllegalArgumentException e) {
            throw error(op, types, e);
        }
        return append(op, inputs.clone(), result, CallSite.find());
    }

    /**
     * Appends {@code op} with a declared result type: for ops whose shape or dtype is an attribute
     * (Reshape, BroadcastTo, Fill, Iota, ConstantF32/I32, Cast). The declared type is still
     * validated against the operands.
     */
    public int add(Op op, Shape shape, DType dtype, int... inputs) {
        List<TensorType> types = operandTypes(op, inputs);
        TensorType result;
        try {
            result = ShapeInference.check(op, new TensorType(shape, dtype), types);
        } catch (IllegalArgumentException e) {
            throw error(op, types, e);
        }
        return append(op, inputs.clone(), result, CallSite.find());
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    /** Number of nodes so far; the next node gets this id. */
    public int size() {
        return nodes.size();
    }

    /** Marks node {@code id} as the graph output {@code name}; names must be unique. */
    public void output(String name, int id) {
        Objects.requireNonNull(name, "name");
        if (outputs.containsKey(name)) {
            throw new IllegalArgumentException("output '" + name + "' is already declared; at " + CallSite.find());
        }
        checkId(id);
        outputs.put(name, id);
    }

    /** The graph so far (the builder stays usable; later appends do not change the returned graph). */
    public Graph build() {
        return new Graph(nodes, parameters, outputs);
    }

    private int append(Op op, int[] inputs, TensorType type, String site) {
        Objects.requireNonNull(op, "op");
        int id = nodes.size();
        nodes.add(new Node(id, op, inputs, type.shape(), type.dtype(), site));
        return id;
    }

    private List<TensorType> operandTypes(Op op, int[] inputs) {
        Objects.requireNonNull(op, "op");
        List<TensorType> types = new ArrayList<>(inputs.length);
        for (int id : inputs) {
            if (id < 0 || id >= nodes.size()) {
                throw new IllegalArgumentException(ShapeInference.describe(op) + ": operand id " + id
                        + " is not a node of this graph (size " + nodes.size() + "); at " + CallSite.find());
            }
            Node n = nodes.get(id);
            types.add(new TensorType(n.shape(), n.dtype()));
        }
        return types;
    }

    private void checkId(int id) {
        if (id < 0 || id >= nodes.size()) {
            throw new IllegalArgumentException("node id " + id + " is not in this graph (size " + nodes.size() + ")");
        }
    }

    private static IllegalArgumentException error(Op op, List<TensorType> operands, IllegalArgumentException cause) {
        StringJoiner types = new StringJoiner(", ");
        operands.forEach(t -> types.add(t.toString()));
        return new IllegalArgumentException(ShapeInference.describe(op) + ": " + cause.getMessage()
                + "; operands " + (operands.isEmpty() ? "none" : types.toString()) + "; at " + CallSite.find(), cause);
    }
}
