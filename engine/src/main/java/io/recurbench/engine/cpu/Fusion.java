package io.recurbench.engine.cpu;

import io.recurbench.api.DType;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups F32 elementwise nodes into subgraphs that run as one kernel ({@link FusedKernel}), so
 * intermediates stay in small cache-resident tiles instead of full buffers.
 *
 * <p>A node is <em>fusible</em> when it is an F32 {@link Op.Unary} or {@link Op.Binary} whose
 * operands are F32 and broadcast to its shape. A fusible node is
 * <em>absorbed</em> into a group when every node that reads it is fusible, has its shape, and
 * belongs to that one group — and it is not a graph output (a view reading it is not fusible, so a
 * viewed value is never absorbed). An F32 {@link Op.Fill} whose readers all belong to one group is
 * absorbed too, as a constant: it then needs no buffer and is not kept alive until the group runs.
 * A group's root is its one member that is not absorbed; the whole group runs at the root's place
 * in the schedule. Every operation still rounds to F32 exactly as it would alone, so fused results
 * are bit-identical to unfused ones.
 *
 * @param rootOf  {@code rootOf[node]}: the group root a node was absorbed into, or -1
 * @param members {@code members[root]}: the absorbed nodes of a group root, in schedule order; null if none
 */
record Fusion(int[] rootOf, int[][] members) {

    /** No fusion at all. */
    static Fusion none(Graph graph) {
        int[] rootOf = new int[graph.nodes().size()];
        java.util.Arrays.fill(rootOf, -1);
        return new Fusion(rootOf, new int[graph.nodes().size()][]);
    }

    static Fusion plan(Graph graph, int[] schedule) {
        int size = graph.nodes().size();
        List<List<Integer>> readers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            readers.add(new ArrayList<>());
        }
        for (int id : schedule) {
            for (int in : graph.node(id).inputs()) {
                readers.get(in).add(id);
            }
        }
        boolean[] output = new boolean[size];
        for (int id : graph.outputs().values()) {
            output[id] = true;
        }
        int[] rootOf = new int[size];
        java.util.Arrays.fill(rootOf, -1);
        // Readers come later in the schedule, so walking backwards their groups are already final.
        for (int s = schedule.length - 1; s >= 0; s--) {
            int id = schedule[s];
            Node node = graph.node(id);
            boolean fill = node.op() instanceof Op.Fill && node.dtype() == DType.F32;
            if (output[id] || readers.get(id).isEmpty() || !(fill || fusible(graph, node))) {
                continue;
            }
            int group = -1;
            boolean ok = true;
            for (int r : readers.get(id)) {
                Node reader = graph.node(r);
                int readerGroup = rootOf[r] >= 0 ? rootOf[r] : r;
                if (!fusible(graph, reader) || !fill && !reader.shape().equals(node.shape())
                        || group >= 0 && group != readerGroup) {
                    ok = false;
                    break;
                }
                group = readerGroup;
            }
            if (ok) {
                rootOf[id] = group;
            }
        }
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            groups.add(null);
        }
        for (int id : schedule) {
            if (rootOf[id] >= 0) {
                if (groups.get(rootOf[id]) == null) {
                    groups.set(rootOf[id], new ArrayList<>());
                }
                groups.get(rootOf[id]).add(id);
            }
        }
        int[][] members = new int[size][];
        for (int id = 0; id < size; id++) {
            if (groups.get(id) != null) {
                members[id] = groups.get(id).stream().mapToInt(Integer::intValue).toArray();
            }
        }
        return new Fusion(rootOf, members);
    }

    /** Whether {@code id} runs inside another node's fused kernel. */
    boolean absorbed(int id) {
        return rootOf[id] >= 0;
    }

    /** The schedule position at which each node actually runs (a member runs with its group root). */
    int[] executesAt(int[] schedule, int size) {
        int[] position = new int[size];
        for (int p = 0; p < schedule.length; p++) {
            position[schedule[p]] = p;
        }
        for (int id : schedule) {
            if (rootOf[id] >= 0) {
                position[id] = position[rootOf[id]];
            }
        }
        return position;
    }

    /** NumPy broadcasting of {@code from} to {@code to} (trailing axes aligned, size-1 axes stretch). */
    private static boolean broadcastsTo(int[] from, int[] to) {
        if (from.length > to.length) {
            return false;
        }
        for (int i = 1; i <= from.length; i++) {
            int f = from[from.length - i];
            if (f != 1 && f != to[to.length - i]) {
                return false;
            }
        }
        return true;
    }

    static boolean fusible(Graph graph, Node node) {
        if (node.dtype() != DType.F32 || !(node.op() instanceof Op.Unary || node.op() instanceof Op.Binary)) {
            return false;
        }
        int[] shape = node.shape().dims();
        for (int in : node.inputs()) {
            Node operand = graph.node(in);
            if (operand.dtype() != DType.F32 || !broadcastsTo(operand.shape().dims(), shape)) {
                return false;
            }
        }
        return true;
    }
}
