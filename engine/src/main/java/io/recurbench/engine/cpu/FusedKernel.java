package io.recurbench.engine.cpu;

import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tree of fused F32 elementwise nodes (see {@link Fusion}) run tile by tile: for each tile of
 * {@link #TILE} elements, every step computes one node into a small per-thread scratch tile (the
 * last step into the output), reading external operands straight from their buffers — a scalar
 * operand, or an absorbed fill as a one-element constant, is read with step 0. Intermediates never
 * leave the cache.
 *
 * @param steps    the group's computing nodes in dependency order, the root last
 * @param absorbed how many nodes the root absorbed (computing nodes and fills)
 * @param out      value id of the result
 * @param n        elements of the result
 */
record FusedKernel(Step[] steps, int absorbed, int out, int n) implements Kernel {

    /** Elements per tile: 512 floats = 2 KiB per scratch tile. */
    static final int TILE = 512;

    /**
     * One node of the tree. An operand is external ({@code value >= 0}: a value id, read with
     * {@code step} 1 or 0), the scratch tile of an earlier step ({@code scratch >= 0}), or a
     * {@code constant} (an absorbed fill).
     */
    record Step(Op.UnaryKind unary, Op.BinaryKind binary, Operand[] operands) {}

    record Operand(float[] constant, int value, int step, int scratch) {
        float[] array(Object[] values, float[][] scratchTiles) {
            return constant != null ? constant : scratch >= 0 ? scratchTiles[scratch] : (float[]) values[value];
        }
    }

    static FusedKernel of(Graph graph, int root, int[] members, int[] valueOf) {
        Map<Integer, Integer> scratchOf = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        int[] order = java.util.Arrays.copyOf(members, members.length + 1);
        order[members.length] = root;
        for (int id : order) {
            Node node = graph.node(id);
            if (node.op() instanceof Op.Fill) {
                continue; // read by its consumer as a constant operand
            }
            Operand[] ops = new Operand[node.inputs().length];
            for (int i = 0; i < ops.length; i++) {
                int in = node.inputs()[i];
                Node operand = graph.node(in);
                Integer s = scratchOf.get(in);
                boolean fused = java.util.Arrays.stream(members).anyMatch(m -> m == in);
                if (fused && operand.op() instanceof Op.Fill f) {
                    ops[i] = new Operand(new float[] {(float) f.value()}, -1, 0, -1);
                } else if (s != null) {
                    ops[i] = new Operand(null, -1, 1, s);
                } else {
                    ops[i] = new Operand(null, valueOf[in], operand.shape().equals(node.shape()) ? 1 : 0, -1);
                }
            }
            steps.add(switch (node.op()) {
                case Op.Unary u -> new Step(u.kind(), null, ops);
                case Op.Binary b -> new Step(null, b.kind(), ops);
                default -> throw new IllegalStateException("not fusible: " + node.op());
            });
            scratchOf.put(id, steps.size() - 1);
        }
        return new FusedKernel(steps.toArray(Step[]::new), members.length, valueOf[root], graph.node(root).shape().intSize());
    }

    @Override
    public void run(Object[] v) {
        float[] o = (float[]) v[out];
        int tiles = (n + TILE - 1) / TILE;
        int grain = Math.max(1, Parallel.ELEMENTWISE_GRAIN / TILE);
        Parallel.forRange(tiles, grain, (from, to) -> {
            float[][] scratch = new float[steps.length - 1][TILE];
            for (int t = from; t < to; t++) {
                int base = t * TILE;
                int len = Math.min(TILE, n - base);
                for (int s = 0; s < steps.length; s++) {
                    Step step = steps[s];
                    boolean last = s == steps.length - 1;
                    float[] dst = last ? o : scratch[s];
                    int dstOff = last ? base : 0;
                    Operand x = step.operands()[0];
                    float[] xa = x.array(v, scratch);
                    int xo = x.value() >= 0 ? base * x.step() : 0;
                    if (step.unary() != null && x.step() == 0) { // of an absorbed fill: one value, repeated
                        Elementwise.unary(step.unary(), xa, xo, dst, dstOff, 1);
                        java.util.Arrays.fill(dst, dstOff + 1, dstOff + len, dst[dstOff]);
                    } else if (step.unary() != null) {
                        Elementwise.unary(step.unary(), xa, xo, dst, dstOff, len);
                    } else {
                        Operand y = step.operands()[1];
                        float[] ya = y.array(v, scratch);
                        int yo = y.value() >= 0 ? base * y.step() : 0;
                        Elementwise.binary(step.binary(), xa, xo, x.step(), ya, yo, y.step(), dst, dstOff, len);
                    }
                }
            }
        });
    }
}
