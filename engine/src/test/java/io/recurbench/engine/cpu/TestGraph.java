package io.recurbench.engine.cpu;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds IR graphs by hand for backend tests: the caller states each node's shape and dtype. */
final class TestGraph {
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Integer> outputs = new LinkedHashMap<>();

    int input(String name, DType dtype, int... dims) {
        return add(new Op.Input(name), dtype, dims);
    }

    int f32(String name, int... dims) {
        return input(name, DType.F32, dims);
    }

    int i32(String name, int... dims) {
        return input(name, DType.I32, dims);
    }

    int add(Op op, DType dtype, int[] dims, int... inputs) {
        int id = nodes.size();
        nodes.add(new Node(id, op, inputs, Shape.of(dims), dtype, "TestGraph:" + id));
        return id;
    }

    int[] shape(int id) {
        return nodes.get(id).shape().dims();
    }

    DType dtype(int id) {
        return nodes.get(id).dtype();
    }

    TestGraph output(String name, int id) {
        outputs.put(name, id);
        return this;
    }

    Graph build() {
        return new Graph(nodes, List.of(), outputs);
    }
}
