package io.recurbench.sudoku;

import static org.assertj.core.api.Assertions.assertThat;

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
        List<SudokuTransform> group = SymmetryGroup.all(shape);
        assertThat(group).hasSize(24 * 8 * 8 * 2);
        Generator generator = new Generator(shape, 99, DifficultyRange.ANY);
        Map<String, Long> fingerprintOfClass = new HashMap<>();
        Map<Long, String> classOfFingerprint = new HashMap<>();
        for (int i = 0; i < 150; i++) {
            Puzzle puzzle = generator.generate(i);
            String canonical = SymmetryGroup.canonical(puzzle.question(), puzzle.answer(), group);
            long fingerprint = Fingerprint.of(puzzle);
            Long before = fingerprintOfClass.putIfAbsent(canonical, fingerprint);
            assertThat(before == null || before == fingerprint).as("equivalent puzzles share a fingerprint").isTrue();
            String owner = classOfFingerprint.putIfAbsent(fingerprint, canonical);
            assertThat(owner == null || owner.equals(canonical)).as("different classes, different fingerprints").isTrue();
        }
        assertThat(fingerprintOfClass).hasSizeGreaterThan(3);
    }
}
