package io.recurbench.sudoku;

import java.util.ArrayList;
import java.util.List;

/**
 * Test oracle: the whole symmetry group of a small Sudoku, enumerated, and the exact canonical form of a puzzle
 * (its lexicographically smallest image), which decides equivalence without any hashing.
 */
final class SymmetryGroup {

    private SymmetryGroup() {
    }

    static String canonical(byte[] question, byte[] answer, List<SudokuTransform> group) {
        String best = null;
        for (SudokuTransform t : group) {
            String image = SudokuCsv.formatGrid(t.apply(question)) + SudokuCsv.formatGrid(t.apply(answer));
            if (best == null || image.compareTo(best) < 0) {
                best = image;
            }
        }
        return best;
    }

    static List<SudokuTransform> all(BoxShape shape) {
        int n = shape.size();
        List<int[]> digitPerms = permutations(n);
        List<int[]> rowOrders = blockPreserving(permutations(n), shape.rows());
        List<int[]> colOrders = blockPreserving(permutations(n), shape.cols());
        List<SudokuTransform> group = new ArrayList<>();
        for (int[] digits : digitPerms) {
            byte[] map = new byte[n + 1];
            for (int i = 0; i < n; i++) {
                map[i + 1] = (byte) (digits[i] + 1);
            }
            for (int[] rows : rowOrders) {
                for (int[] cols : colOrders) {
                    group.add(new SudokuTransform(shape, map, false, rows, cols));
                    if (shape.isSquare()) {
                        group.add(new SudokuTransform(shape, map, true, rows, cols));
                    }
                }
            }
        }
        return group;
    }

    private static List<int[]> blockPreserving(List<int[]> perms, int block) {
        List<int[]> kept = new ArrayList<>();
        for (int[] p : perms) {
            boolean ok = true;
            for (int i = 0; i < p.length; i++) {
                ok &= p[i] / block == p[i - i % block] / block;
            }
            if (ok) {
                kept.add(p);
            }
        }
        return kept;
    }

    private static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] prefix, boolean[] used, int depth, List<int[]> out) {
        if (depth == prefix.length) {
            out.add(prefix.clone());
            return;
        }
        for (int v = 0; v < prefix.length; v++) {
            if (!used[v]) {
                used[v] = true;
                prefix[depth] = v;
                permute(prefix, used, depth + 1, out);
                used[v] = false;
            }
        }
    }
}
