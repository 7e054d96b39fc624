package io.recurbench.engine.cpu;

import io.recurbench.api.DType;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every value of a scheduled graph lives. A node's value is either a view of another value
 * (reshape, stop-gradient: same row-major elements), a fed array, a constant, a fresh array handed
 * to the caller (graph outputs), or a pooled buffer. Pooled buffers are assigned by liveness: walking
 * the schedule, a value takes a free buffer of its dtype and size class, and its buffer returns to
 * the pool after the last node that reads it (or any view of it). The result buffer is taken before
 * the operands' buffers are released, so a kernel never writes into a buffer it reads.
 *
 * @param root        {@code root[node]}: the node whose storage holds this node's value
 * @param storage     {@code storage[node]} for roots
 * @param slot        {@code slot[node]}: pooled buffer of a {@link Storage#POOLED} root, else -1
 * @param slotDtype   dtype of each pooled buffer
 * @param slotLength  elements of each pooled buffer (its size class)
 * @param naiveBytes  bytes if every pooled or fused value had its own buffer
 */
public record BufferPlan(int[] root, Storage[] storage, int[] slot, DType[] slotDtype, int[] slotLength,
        long naiveBytes) {

    /** How a root value is stored. */
    public enum Storage { FEED, CONSTANT, RESULT, POOLED, FUSED, DEAD }

    /** Bytes of all pooled buffers. */
    public long plannedBytes() {
        long b = 0;
        for (int len : slotLength) {
            b += 4L * len;
        }
        return b;
    }

    public int slotCount() {
        return slotLength.length;
    }

    /** Whether {@code node}'s value is a view of another node's storage. */
    public static boolean isView(Node node, Graph graph) {
        return switch (node.op()) {
            case Op.Reshape r -> true;
            case Op.StopGradient s -> true;
            case Op.Cast c -> graph.node(node.inputs()[0]).dtype() == node.dtype();
            case Op.BroadcastTo b -> graph.node(node.inputs()[0]).shape().equals(node.shape());
            default -> false;
        };
    }

    /** Plans the values of {@code schedule} (live nodes in topological order) without fusion. */
    static BufferPlan plan(Graph graph, int[] schedule) {
        return plan(graph, schedule, Fusion.none(graph));
    }

    /**
     * Plans the values of {@code schedule}; nodes absorbed by {@code fusion} get no storage, and
     * what they read stays live until their group runs.
     */
    static BufferPlan plan(Graph graph, int[] schedule, Fusion fusion) {
        int size = graph.nodes().size();
        int[] root = new int[size];
        Storage[] storage = new Storage[size];
        Arrays.fill(storage, Storage.DEAD);
        Arrays.fill(root, -1);
        for (int id : schedule) {
            Node node = graph.node(id);
            if (isView(node, graph)) {
                root[id] = root[node.inputs()[0]];
                continue;
            }
            root[id] = id;
            storage[id] = fusion.absorbed(id) ? Storage.FUSED : switch (node.op()) {
                case Op.Input i -> Storage.FEED;
                case Op.Parameter p -> Storage.FEED;
                case Op.ConstantF32 c -> Storage.CONSTANT;
                case Op.ConstantI32 c -> Storage.CONSTANT;
                default -> Storage.POOLED;
            };
        }
        for (int id : graph.outputs().values()) {
            if (storage[root[id]] == Storage.POOLED) {
                storage[root[id]] = Storage.RESULT;
            }
        }
        int[] lastUse = new int[size];
        Arrays.fill(lastUse, -1);
        int[] runsAt = fusion.executesAt(schedule, size);
        for (int id : schedule) {
            for (int in : graph.node(id).inputs()) {
                lastUse[root[in]] = Math.max(lastUse[root[in]], runsAt[id]);
            }
        }
        List<List<Integer>> releaseAt = new ArrayList<>();
        for (int p = 0; p < schedule.length; p++) {
            releaseAt.add(new ArrayList<>());
        }
        for (int id = 0; id < size; id++) {
            if (storage[id] == Storage.POOLED && lastUse[id] >= 0) {
                releaseAt.get(lastUse[id]).add(id);
            }
        }
        int[] slot = new int[size];
        Arrays.fill(slot, -1);
        List<DType> slotDtype = new ArrayList<>();
        List<Integer> slotLength = new ArrayList<>();
        Map<Long, ArrayDeque<Integer>> free = new HashMap<>();
        long naive = 0;
        for (int p = 0; p < schedule.length; p++) {
            int id = schedule[p];
            Node node = graph.node(id);
            if (storage[id] == Storage.FUSED) {
                naive += 4L * node.shape().intSize();
            }
            if (root[id] == id && storage[id] == Storage.POOLED) {
                int length = sizeClass(node.shape().intSize());
                naive += 4L * node.shape().intSize();
                long key = ((long) length << 1) | node.dtype().ordinal();
                ArrayDeque<Integer> pool = free.get(key);
                if (pool != null && !pool.isEmpty()) {
                    slot[id] = pool.pop();
                } else {
                    slot[id] = slotLength.size();
                    slotLength.add(length);
                    slotDtype.add(node.dtype());
                }
                if (lastUse[id] < 0) {
                    // Computed but never read (cannot happen for a live non-output); free at once.
                    free.computeIfAbsent(key, x -> new ArrayDeque<>()).push(slot[id]);
                }
            }
            for (int dead : releaseAt.get(p)) {
                long key = ((long) slotLength.get(slot[dead]) << 1) | graph.node(dead).dtype().ordinal();
                free.computeIfAbsent(key, x -> new ArrayDeque<>()).push(slot[dead]);
            }
        }
        return new BufferPlan(root, storage, slot, slotDtype.toArray(DType[]::new),
                slotLength.stream().mapToInt(Integer::intValue).toArray(), naive);
    }

    /**
     * The buffer length that holds {@code n} elements: n rounded up to the next of
     * {@code {4, 5, 6, 7} · 2^e}, so buffers of nearly equal size share a pool and at most a quarter
     * of a buffer is slack.
     */
    static int sizeClass(int n) {
        if (n <= 8) {
            return 8;
        }
        int e = 31 - Integer.numberOfLeadingZeros(n) - 2;
        long unit = 1L << e;
        return (int) Math.max(n, Math.min(Integer.MAX_VALUE - 8, ((n + unit - 1) / unit) * unit));
    }
}
