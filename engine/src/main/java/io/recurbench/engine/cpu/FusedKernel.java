package io.recurbench.engine.cpu;

import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A group of fused F32 elementwise nodes (see {@link Fusion}) run segment by segment. Every member
 * has the root's shape; external operands may broadcast to it, so the output is laid out as the
 * rows of one {@link Broadcast} over all external operands, and each row is cut into segments of at
 * most {@link #TILE} elements. For each segment every step computes one node into a small
 * per-thread scratch tile (the last step into the output), reading external operands straight from
 * their buffers at their row offset with step 1 or 0, and an absorbed fill as a one-element
 * constant. Intermediates never leave the cache.
 *
 * @param steps    the group's computing nodes in dependency order, the root last
 * @param absorbed how many nodes the root absorbed (computing nodes and fills)
 * @param layout   rows and per-row offsets of the external operands, in {@link Operand#external} order
 * @param values   value id of each external operand
 * @param out      value id of the result
 */
record FusedKernel(Step[] steps, int absorbed, Broadcast layout, int[] values, int out) implements Kernel {

    /** Elements per segment: 512 floats = 2 KiB per scratch tile. */
    static final int TILE = 512;

    /** One node of the group, with its one or two operands. */
    record Step(Op.UnaryKind unary, Op.BinaryKind binary, Operand[] operands) {}

    /**
     * Where an operand comes from: an external value ({@code external >= 0}, an index into the
     * layout), the scratch tile of an earlier step ({@code scratch >= 0}), or a {@code constant}
     * (an absorbed fill).
     */
    record Operand(float[] constant, int external, int scratch) {}

    static FusedKernel of(Graph graph, int root, int[] members, int[] valueOf) {
        Map<Integer, Integer> scratchOf = new HashMap<>();
        Map<Integer, Integer> externalOf = new HashMap<>();
        List<int[]> externalShapes = new ArrayList<>();
        List<Integer> externalValues = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        int[] order = java.util.Arrays.copyOf(members, members.length + 1);
        order[members.length] = root;
        for (int id : order) {
            Node node = graph.node(id);
            if (node.op() instanceof Op.Fill) {
                continue; // read by its readers as a constant operand
            }
            Operand[] ops = new Operand[node.inputs().length];
            for (int i = 0; i < ops.length; i++) {
                int in = node.inputs()[i];
                Node operand = graph.node(in);
                boolean member = java.util.Arrays.stream(members).anyMatch(m -> m == in);
                if (member && operand.op() instanceof Op.Fill f) {
                    ops[i] = new Operand(new float[] {(float) f.value()}, -1, -1);
                } else if (member) {
                    ops[i] = new Operand(null, -1, scratchOf.get(in));
                } else {
                    Integer e = externalOf.get(valueOf[in]);
                    if (e == null || !java.util.Arrays.equals(externalShapes.get(e), operand.shape().dims())) {
                        e = externalShapes.size();
                        externalShapes.add(operand.shape().dims());
                        externalValues.add(valueOf[in]);
                        externalOf.put(valueOf[in], e);
                    }
                    ops[i] = new Operand(null, e, -1);
                }
            }
            steps.add(switch (node.op()) {
                case Op.Unary u -> new Step(u.kind(), null, ops);
                case Op.Binary b -> new Step(null, b.kind(), ops);
                default -> throw new IllegalStateException("not fusible: " + node.op());
            });
            scratchOf.put(id, steps.size() - 1);
        }
        Broadcast layout = Broadcast.of(graph.node(root).shape().dims(), externalShapes.toArray(int[][]::new));
        return new FusedKernel(steps.toArray(Step[]::new), members.length, layout,
                externalValues.stream().mapToInt(Integer::intValue).toArray(), valueOf[root]);
    }

    @Override
    public void run(Object[] v) {
        float[] o = (float[]) v[out];
        float[][] ext = new float[values.length][];
        for (int e = 0; e < values.length; e++) {
            ext[e] = (float[]) v[values[e]];
        }
        int width = layout.width();
        int perRow = (width + TILE - 1) / TILE;
        int segments = layout.rows() * perRow;
        int grain = Math.max(1, Parallel.ELEMENTWISE_GRAIN / Math.min(width, TILE));
        Parallel.forRange(segments, grain, (from, to) -> {
            float[][] scratch = new float[steps.length - 1][Math.min(width, TILE)];
            for (int t = from; t < to; t++) {
                int row = t / perRow;
                int col = (t % perRow) * TILE;
                int len = Math.min(TILE, width - col);
                for (int s = 0; s < steps.length; s++) {
                    runStep(s, ext, scratch, o, row, col, len);
                }
            }
        });
    }

    /** Step {@code s} over columns {@code [col, col + len)} of output row {@code row}. */
    private void runStep(int s, float[][] ext, float[][] scratch, float[] o, int row, int col, int len) {
        Step step = steps[s];
        boolean last = s == steps.length - 1;
        float[] dst = last ? o : scratch[s];
        int dstOff = last ? row * layout.width() + col : 0;
        Operand x = step.operands()[0];
        float[] xa = array(x, ext, scratch);
        int xs = step(x);
        int xo = offset(x, row, col);
        if (step.unary() != null && xs == 0) { // one value, repeated
            Elementwise.unary(step.unary(), xa, xo, dst, dstOff, 1);
            java.util.Arrays.fill(dst, dstOff + 1, dstOff + len, dst[dstOff]);
        } else if (step.unary() != null) {
            Elementwise.unary(step.unary(), xa, xo, dst, dstOff, len);
        } else {
            Operand y = step.operands()[1];
            Elementwise.binary(step.binary(), xa, xo, xs, array(y, ext, scratch), offset(y, row, col), step(y),
                    dst, dstOff, len);
        }
    }

    private static float[] array(Operand op, float[][] ext, float[][] scratch) {
        return op.constant() != null ? op.constant() : op.scratch() >= 0 ? scratch[op.scratch()] : ext[op.external()];
    }

    private int step(Operand op) {
        return op.constant() != null ? 0 : op.scratch() >= 0 ? 1 : layout.steps()[op.external()];
    }

    private int offset(Operand op, int row, int col) {
        return op.external() >= 0 ? layout.offset(op.external(), row) + col * layout.steps()[op.external()] : 0;
    }
}
