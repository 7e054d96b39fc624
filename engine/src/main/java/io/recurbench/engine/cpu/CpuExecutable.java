package io.recurbench.engine.cpu;

import io.recurbench.api.DType;
import io.recurbench.engine.backend.Executable;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph compiled for the CPU: a topological schedule of pre-resolved {@link Kernel}s and a
 * {@link BufferPlan}. Pooled buffers are allocated once and reused by every run; outputs are fresh
 * arrays each run, so results stay valid after the next run. Runs are serialized (one at a time per
 * executable); kernels themselves split work over the shared {@link Parallel} pool.
 */
public final class CpuExecutable implements Executable {

    private final Graph graph;
    private final int[] schedule;
    private final BufferPlan plan;
    private final Kernel[] kernels;
    private final Object[] values;
    private final List<Node> feeds;
    private boolean closed;

    CpuExecutable(Graph graph, int[] schedule, BufferPlan plan, Kernel[] kernels) {
        this.graph = graph;
        this.schedule = schedule.clone();
        this.plan = plan;
        this.kernels = kernels;
        this.values = new Object[graph.nodes().size()];
        Object[] slots = new Object[plan.slotCount()];
        for (int s = 0; s < slots.length; s++) {
            slots[s] = plan.slotDtype()[s] == DType.F32 ? new float[plan.slotLength()[s]] : new int[plan.slotLength()[s]];
        }
        this.feeds = new ArrayList<>();
        for (Node node : graph.nodes()) {
            int id = node.id();
            switch (node.op()) {
                case Op.Input i -> feeds.add(node);
                case Op.Parameter p -> feeds.add(node);
                case Op.ConstantF32 c -> values[id] = c.data();
                case Op.ConstantI32 c -> values[id] = c.data();
                default -> {
                    if (plan.slot()[id] >= 0) {
                        values[id] = slots[plan.slot()[id]];
                    }
                }
            }
        }
    }

    /**
     * The graph as compiled: the one given to {@link CpuBackend#compile} after
     * {@code FoldTransposeIntoMatMul} (same inputs, parameters and outputs; node ids may differ).
     */
    @Override
    public Graph graph() {
        return graph;
    }

    /** Where values live, with planned and naive byte counts. */
    public BufferPlan bufferPlan() {
        return plan;
    }

    /** Node ids in execution order (live nodes only). */
    public int[] schedule() {
        return schedule.clone();
    }

    /** Time spent in one scheduled node during {@link #profile}. */
    public record NodeTime(int node, String op, long nanos) {}

    @Override
    public synchronized Map<String, HostTensor> run(Map<String, HostTensor> given) {
        return execute(given, null);
    }

    /**
     * Runs once like {@link #run} and returns the wall time of every scheduled node that computes
     * something, in schedule order (views, feeds and constants take no time and are left out).
     */
    public synchronized List<NodeTime> profile(Map<String, HostTensor> given) {
        long[] nanos = new long[schedule.length];
        execute(given, nanos);
        List<NodeTime> times = new ArrayList<>();
        for (int s = 0; s < schedule.length; s++) {
            if (kernels[s] != null) {
                String op = KernelFactory.describe(graph.node(schedule[s]));
                if (kernels[s] instanceof FusedKernel f) {
                    op += " fused with " + f.absorbed() + " nodes";
                }
                times.add(new NodeTime(schedule[s], op, nanos[s]));
            }
        }
        return times;
    }

    private Map<String, HostTensor> execute(Map<String, HostTensor> given, long[] nanos) {
        if (closed) {
            throw new IllegalStateException("executable is closed");
        }
        for (Node node : feeds) {
            String name = feedName(node);
            HostTensor t = given.get(name);
            if (t == null) {
                throw new IllegalArgumentException("missing feed '" + name + "': expected " + node.dtype() + node.shape());
            }
            if (!t.shape().equals(node.shape()) || t.dtype() != node.dtype()) {
                throw new IllegalArgumentException("feed '" + name + "': expected " + node.dtype() + node.shape()
                        + ", given " + t.dtype() + t.shape());
            }
            values[node.id()] = t.dtype() == DType.F32 ? t.f32() : t.i32();
        }
        BufferPlan.Storage[] storage = plan.storage();
        for (int id : schedule) {
            if (storage[id] == BufferPlan.Storage.RESULT) {
                Node node = graph.node(id);
                int n = node.shape().intSize();
                values[id] = node.dtype() == DType.F32 ? new float[n] : new int[n];
            }
        }
        try {
            for (int s = 0; s < schedule.length; s++) {
                Kernel k = kernels[s];
                if (k == null) {
                    continue;
                }
                if (nanos == null) {
                    k.run(values);
                } else {
                    long start = System.nanoTime();
                    k.run(values);
                    nanos[s] = System.nanoTime() - start;
                }
            }
            return collectOutputs();
        } finally {
            for (Node node : feeds) {
                values[node.id()] = null;
            }
        }
    }

    private Map<String, HostTensor> collectOutputs() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        java.util.Set<Object> handedOut = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Map.Entry<String, Integer> e : graph.outputs().entrySet()) {
            Node node = graph.node(e.getValue());
            int root = plan.root()[node.id()];
            Object array = values[root];
            // Fresh result arrays go to the caller as they are; fed, constant or shared arrays are copied.
            boolean fresh = plan.storage()[root] == BufferPlan.Storage.RESULT && handedOut.add(array);
            if (!fresh) {
                array = array instanceof float[] f ? f.clone() : ((int[]) array).clone();
            }
            out.put(e.getKey(), array instanceof float[] f
                    ? new HostTensor(node.shape(), DType.F32, f, null)
                    : new HostTensor(node.shape(), DType.I32, null, (int[]) array));
        }
        return out;
    }

    private static String feedName(Node node) {
        return switch (node.op()) {
            case Op.Input i -> i.name();
            case Op.Parameter p -> p.name();
            default -> throw new IllegalStateException("not a feed: " + node);
        };
    }

    @Override
    public synchronized void close() {
        closed = true;
        java.util.Arrays.fill(values, null);
    }
}
