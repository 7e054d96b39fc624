package io.recurbench.sudoku;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void invariantUnderRandomAugmentationsOfEveryShape() {
        SplittableRandom random = new SplittableRandom(5);
        for (BoxShape shape : new BoxShape[] {BoxShape.TWO_BY_TWO, BoxShape.TWO_BY_THREE, BoxShape.THREE_BY_THREE}) {
            Generator generator = new Generator(shape, 12, DifficultyRange.ANY);
            for (int i = 0; i < 10; i++) {
                Puzzle puzzle = generator.generate(i);
                long expected = Fingerprint.of(puzzle);
                for (int view = 0; view < 50; view++) {
                    Puzzle shuffled = SudokuTransform.random(shape, Augmentation.applicableTo(shape), random).apply(puzzle);
                    assertThat(Fingerprint.of(shuffled)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void distinguishesDifferentNineByNinePuzzles() {
        Generator generator = new Generator(BoxShape.THREE_BY_THREE, 77, DifficultyRange.ANY);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            seen.add(Fingerprint.of(generator.generate(i)));
        }
        assertThat(seen).hasSize(300);
    }

    /**
     * On 4x4 the whole symmetry group (24 digit maps x 8 row orders x 8 column orders x 2) is small enough to
     * enumerate: the exact canonical form (smallest image) decides equivalence, and the fingerprint must agree
     * with it both ways on these puzzles.
     */
    @Test
    void agreesWithExactEquivalenceOnFourByFour() {
        BoxShape shape = BoxShape.TWO_BY_TWO;
        List<SudokuTransform> group = wholeGroup(shape);
        assertThat(group).hasSize(24 * 8 * 8 * 2);
        Generator generator = new Generator(shape, 99, DifficultyRange.ANY);
        Map<String, Long> fingerprintOfClass = new HashMap<>();
        Map<Long, String> classOfFingerprint = new HashMap<>();
        for (int i = 0; i < 150; i++) {
            Puzzle puzzle = generator.generate(i);
            String canonical = canonical(puzzle, group);
            long fingerprint = Fingerprint.of(puzzle);
            Long before = fingerprintOfClass.putIfAbsent(canonical, fingerprint);
            assertThat(before == null || before == fingerprint).as("equivalent puzzles share a fingerprint").isTrue();
            String owner = classOfFingerprint.putIfAbsent(fingerprint, canonical);
            assertThat(owner == null || owner.equals(canonical)).as("different classes, different fingerprints").isTrue();
        }
        assertThat(fingerprintOfClass).hasSizeGreaterThan(3);
    }

    private static String canonical(Puzzle puzzle, List<SudokuTransform> group) {
        String best = null;
        for (SudokuTransform t : group) {
            String image = SudokuCsv.formatGrid(t.apply(puzzle.question())) + SudokuCsv.formatGrid(t.apply(puzzle.answer()));
            if (best == null || image.compareTo(best) < 0) {
                best = image;
            }
        }
        return best;
    }

    private static List<SudokuTransform> wholeGroup(BoxShape shape) {
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
