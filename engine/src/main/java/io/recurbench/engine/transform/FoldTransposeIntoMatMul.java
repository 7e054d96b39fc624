package io.recurbench.engine.transform;

import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds a {@link Op.Permute} that swaps the last two axes into the {@link Op.MatMul} it feeds, as
 * the matmul's transpose flag: {@code matmul(permute(a, [.., r-1, r-2]), b)} becomes
 * {@code matmul(a, b)} with {@code transposeA} flipped (likewise for b). The product reads the
 * stored layout directly, so the transposed copy is never made. Values are unchanged: the same
 * elements are multiplied and summed in the same order. A folded permute that nothing else reads
 * (and that is not an output) is removed; node ids are renumbered densely, in the same order.
 */
public final class FoldTransposeIntoMatMul {

    private FoldTransposeIntoMatMul() {}

    public static Graph apply(Graph graph) {
        List<Node> nodes = new ArrayList<>(graph.nodes());
        Set<Integer> folded = new HashSet<>();
        for (int id = 0; id < nodes.size(); id++) {
            Node node = nodes.get(id);
            if (!(node.op() instanceof Op.MatMul mm)) {
                continue;
            }
            int[] inputs = node.inputs().clone();
            boolean ta = mm.transposeA();
            boolean tb = mm.transposeB();
            Node a = nodes.get(inputs[0]);
            if (swapsLastTwo(a)) {
                folded.add(a.id());
                inputs[0] = a.inputs()[0];
                ta = !ta;
            }
            Node b = nodes.get(inputs[1]);
            if (swapsLastTwo(b)) {
                folded.add(b.id());
                inputs[1] = b.inputs()[0];
                tb = !tb;
            }
            if (ta != mm.transposeA() || tb != mm.transposeB()) {
                nodes.set(id, new Node(id, new Op.MatMul(ta, tb), inputs, node.shape(), node.dtype(), node.site()));
            }
        }
        if (folded.isEmpty()) {
            return graph;
        }
        Set<Integer> used = new HashSet<>(graph.outputs().values());
        for (Node node : nodes) {
            for (int in : node.inputs()) {
                used.add(in);
            }
        }
        int[] newId = new int[nodes.size()];
        List<Node> kept = new ArrayList<>();
        for (Node node : nodes) {
            if (folded.contains(node.id()) && !used.contains(node.id())) {
                newId[node.id()] = -1;
                continue;
            }
            int[] inputs = node.inputs().clone();
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = newId[inputs[i]];
            }
            newId[node.id()] = kept.size();
            kept.add(new Node(kept.size(), node.op(), inputs, node.shape(), node.dtype(), node.site()));
        }
        Map<String, Integer> outputs = new LinkedHashMap<>();
        graph.outputs().forEach((name, id) -> outputs.put(name, newId[id]));
        return new Graph(kept, graph.parameters(), outputs);
    }

    /** A permute of rank ≥ 2 that swaps the last two axes and keeps the others in place. */
    static boolean swapsLastTwo(Node node) {
        if (!(node.op() instanceof Op.Permute p)) {
            return false;
        }
        int[] perm = p.perm();
        int r = perm.length;
        if (r < 2 || perm[r - 1] != r - 2 || perm[r - 2] != r - 1) {
            return false;
        }
        for (int i = 0; i < r - 2; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }
}
