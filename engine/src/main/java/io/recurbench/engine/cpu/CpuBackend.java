package io.recurbench.engine.cpu;

import io.recurbench.engine.backend.Backend;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.transform.FoldTransposeIntoMatMul;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java CPU backend: compiles a graph once into a schedule of pre-resolved Vector API kernels
 * over planned host buffers, and runs it many times. It is the reference every other backend is
 * checked against. See {@code docs/engine-cpu.md}.
 */
public final class CpuBackend implements Backend {

    private final boolean fuseElementwise;

    /** The backend with elementwise fusion on (what the harness gets through {@code ServiceLoader}). */
    public CpuBackend() {
        this(true);
    }

    /**
     * @param fuseElementwise whether chains of F32 elementwise nodes run as one tiled kernel
     *                        ({@link Fusion}); off, every node has its own kernel and buffer. Results
     *                        are bit-identical either way.
     */
    public CpuBackend(boolean fuseElementwise) {
        this.fuseElementwise = fuseElementwise;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String device() {
        return cpuModel() + ", " + Parallel.threads() + " threads, "
                + jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit vectors";
    }

    @Override
    public CpuExecutable compile(Graph graph) {
        Graph g = FoldTransposeIntoMatMul.apply(graph);
        int[] schedule = schedule(g);
        Fusion fusion = fuseElementwise ? Fusion.plan(g, schedule) : Fusion.none(g);
        BufferPlan plan = BufferPlan.plan(g, schedule, fusion);
        KernelFactory factory = new KernelFactory(g, plan);
        Kernel[] kernels = new Kernel[schedule.length];
        for (int s = 0; s < schedule.length; s++) {
            int id = schedule[s];
            Node node = g.node(id);
            Kernel own = BufferPlan.isView(node, g) ? viewCheck(factory, node) : factory.kernel(node);
            if (fusion.absorbed(id)) {
                kernels[s] = null; // runs inside its group's kernel, at the group root's position
            } else if (fusion.members()[id] != null) {
                kernels[s] = FusedKernel.of(g, id, fusion.members()[id], plan.root());
            } else {
                kernels[s] = own;
            }
        }
        return new CpuExecutable(g, schedule, plan, kernels);
    }

    /** Views run nothing, but their static checks (reshape sizes) still apply. */
    private static Kernel viewCheck(KernelFactory factory, Node node) {
        factory.kernel(node);
        return null;
    }

    /**
     * Live nodes (those an output depends on) in topological order. Node ids are already
     * topological in a well-formed graph; this verifies it, so a malformed graph fails here.
     */
    static int[] schedule(Graph graph) {
        int size = graph.nodes().size();
        boolean[] live = new boolean[size];
        for (int id : graph.outputs().values()) {
            live[id] = true;
        }
        for (int id = size - 1; id >= 0; id--) {
            Node node = graph.node(id);
            if (node.id() != id) {
                throw new IllegalArgumentException("node at index " + id + " has id " + node.id());
            }
            if (!live[id]) {
                continue;
            }
            for (int in : node.inputs()) {
                if (in < 0 || in >= id) {
                    throw new IllegalArgumentException(KernelFactory.describe(node) + ": operand " + in
                            + " is not an earlier node (graph not in topological order)");
                }
                live[in] = true;
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int id = 0; id < size; id++) {
            if (live[id]) {
                order.add(id);
            }
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc unreadable: fall back to the architecture name.
        }
        return System.getProperty("os.arch");
    }
}
