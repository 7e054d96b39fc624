package io.recurbench.engine.cpu;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups chains of F32 elementwise nodes into trees that run as one kernel ({@link FusedKernel}),
 * so intermediates stay in small cache-resident tiles instead of full buffers.
 *
 * <p>A node is <em>fusible</em> when it is an F32 {@link Op.Unary} or {@link Op.Binary} whose
 * operands each have its own shape or one element (no row or column broadcast). A fusible node is
 * <em>absorbed</em> into its consumer when that consumer is fusible with the same shape, reads it
 * directly, and is its only reader (no other node, no view, not an output). An F32 {@link Op.Fill}
 * read only by a fusible node is absorbed too, as a constant: it then needs no buffer, and its
 * buffer is not kept alive until the group runs. Each group is then a
 * tree: its root is the one member not absorbed, and the whole tree runs at the root's place in
 * the schedule. Every operation still rounds to F32 exactly as it would alone, so fused results are
 * bit-identical to unfused ones.
 *
 * @param consumer {@code consumer[node]}: the node this node was absorbed into, or -1
 * @param members  {@code members[root]}: the absorbed nodes of a group root, in schedule order; null if none
 */
record Fusion(int[] consumer, int[][] members) {

    /** No fusion at all. */
    static Fusion none(Graph graph) {
        int[] consumer = new int[graph.nodes().size()];
        java.util.Arrays.fill(consumer, -1);
        return new Fusion(consumer, new int[graph.nodes().size()][]);
    }

    static Fusion plan(Graph graph, int[] schedule) {
        int size = graph.nodes().size();
        int[] uses = new int[size];
        for (int id : schedule) {
            for (int in : graph.node(id).inputs()) {
                uses[in]++;
            }
        }
        boolean[] output = new boolean[size];
        for (int id : graph.outputs().values()) {
            output[id] = true;
        }
        int[] consumer = new int[size];
        java.util.Arrays.fill(consumer, -1);
        for (int id : schedule) {
            Node node = graph.node(id);
            if (!fusible(graph, node)) {
                continue;
            }
            for (int in : node.inputs()) {
                Node operand = graph.node(in);
                boolean single = uses[in] == 1 && !output[in];
                boolean fill = operand.op() instanceof Op.Fill && operand.dtype() == DType.F32;
                if (single && (fill || fusible(graph, operand) && operand.shape().equals(node.shape()))) {
                    consumer[in] = id;
                }
            }
        }
        int[] rootOf = new int[size];
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            groups.add(null);
        }
        // Consumers come later in the schedule, so walk backwards to resolve each node's group root.
        for (int s = schedule.length - 1; s >= 0; s--) {
            int id = schedule[s];
            rootOf[id] = consumer[id] < 0 ? id : rootOf[consumer[id]];
        }
        for (int id : schedule) {
            if (consumer[id] >= 0) {
                int root = rootOf[id];
                if (groups.get(root) == null) {
                    groups.set(root, new ArrayList<>());
                }
                groups.get(root).add(id);
            }
        }
        int[][] members = new int[size][];
        for (int id = 0; id < size; id++) {
            if (groups.get(id) != null) {
                members[id] = groups.get(id).stream().mapToInt(Integer::intValue).toArray();
            }
        }
        return new Fusion(consumer, members);
    }

    /** Whether {@code id} runs inside another node's fused kernel. */
    boolean absorbed(int id) {
        return consumer[id] >= 0;
    }

    /** The schedule position at which each node actually runs (a member runs with its group root). */
    int[] executesAt(int[] schedule, int size) {
        int[] position = new int[size];
        for (int p = 0; p < schedule.length; p++) {
            position[schedule[p]] = p;
        }
        for (int p = schedule.length - 1; p >= 0; p--) {
            int id = schedule[p];
            if (consumer[id] >= 0) {
                position[id] = position[consumer[id]];
            }
        }
        return position;
    }

    static boolean fusible(Graph graph, Node node) {
        if (node.dtype() != DType.F32 || !(node.op() instanceof Op.Unary || node.op() instanceof Op.Binary)) {
            return false;
        }
        Shape shape = node.shape();
        for (int in : node.inputs()) {
            Node operand = graph.node(in);
            if (operand.dtype() != DType.F32 || !(operand.shape().equals(shape) || operand.shape().size() == 1)) {
                return false;
            }
        }
        return true;
    }
}
