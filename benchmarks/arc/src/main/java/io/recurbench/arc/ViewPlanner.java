package io.recurbench.arc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chooses the distinct augmented views of one task, as TRM's {@code convert_single_arc_puzzle}: the
 * original first, then random (dihedral, colour permutation) pairs until {@code count} new views are
 * found or {@code 5 × count} draws are spent ({@code ARCAugmentRetriesFactor = 5}). A draw is a
 * duplicate when it produces exactly the same grids as a view already taken (tasks with symmetric
 * grids or few colours have fewer than {@code count} distinct views); equality is decided by a 64-bit
 * content hash confirmed cell by cell, so a hash collision can never drop a distinct view.
 *
 * <p>The draws come from a {@link SplittableRandom} seeded by the plan seed and the task id, so a
 * task's views do not depend on which other tasks are loaded.
 */
final class ViewPlanner {

    /** TRM's {@code ARCAugmentRetriesFactor}. */
    static final int RETRIES_FACTOR = 5;

    private final byte[][] cellsByDihedral = new byte[8][];
    private final int[][] shapesByDihedral = new int[8][];

    /** @param grids the grids that identify a view (in a fixed order) */
    ViewPlanner(List<Grid> grids) {
        int total = grids.stream().mapToInt(Grid::size).sum();
        for (Dihedral d : Dihedral.values()) {
            byte[] cells = new byte[total];
            int[] shapes = new int[grids.size()];
            int at = 0;
            for (int i = 0; i < grids.size(); i++) {
                Grid g = grids.get(i);
                int[] src = d.table(g.rows(), g.cols());
                byte[] in = g.cellsUnsafe();
                for (int k = 0; k < src.length; k++) {
                    cells[at + k] = in[src[k]];
                }
                at += src.length;
                shapes[i] = d.swapsAxes() ? g.cols() * 32 + g.rows() : g.rows() * 32 + g.cols();
            }
            cellsByDihedral[d.id()] = cells;
            shapesByDihedral[d.id()] = shapes;
        }
    }

    /** Up to {@code 1 + count} packed {@link Augmentation}s, the identity first, all producing distinct grids. */
    long[] plan(int count, long seed, String taskId) {
        SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, taskId.hashCode()));
        List<Long> taken = new ArrayList<>(count + 1);
        Map<Long, List<Long>> byHash = new HashMap<>();
        offer(Augmentation.IDENTITY.pack(), taken, byHash);
        for (int trial = 0; trial < RETRIES_FACTOR * count && taken.size() < count + 1; trial++) {
            Dihedral d = Dihedral.of(rng.nextInt(8));
            ColourMap m = ColourMap.random(rng);
            offer(Augmentation.of(d, m).pack(), taken, byHash);
        }
        return taken.stream().mapToLong(Long::longValue).toArray();
    }

    private void offer(long packed, List<Long> taken, Map<Long, List<Long>> byHash) {
        long h = hash(packed);
        List<Long> same = byHash.computeIfAbsent(h, k -> new ArrayList<>(1));
        for (long other : same) {
            if (sameContent(packed, other)) {
                return;
            }
        }
        same.add(packed);
        taken.add(packed);
    }

    private long hash(long packed) {
        int d = (int) (packed >>> 36);
        byte[] map = ColourMap.unpack(packed).tableUnsafe();
        long h = 0x243F6A8885A308D3L;
        for (int s : shapesByDihedral[d]) {
            h = (h ^ s) * 0x100000001B3L;
        }
        byte[] cells = cellsByDihedral[d];
        for (byte b : cells) {
            h = (h ^ map[b]) * 0x100000001B3L;
        }
        return h ^ (h >>> 29);
    }

    private boolean sameContent(long a, long b) {
        int da = (int) (a >>> 36);
        int db = (int) (b >>> 36);
        if (!java.util.Arrays.equals(shapesByDihedral[da], shapesByDihedral[db])) {
            return false;
        }
        byte[] ma = ColourMap.unpack(a).tableUnsafe();
        byte[] mb = ColourMap.unpack(b).tableUnsafe();
        byte[] ca = cellsByDihedral[da];
        byte[] cb = cellsByDihedral[db];
        for (int i = 0; i < ca.length; i++) {
            if (ma[ca[i]] != mb[cb[i]]) {
                return false;
            }
        }
        return true;
    }
}
