package io.recurbench.sudoku;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeededSampleTest {

    private static List<Integer> draw(int capacity, int n, long seed) {
        SeededSample<Integer> sample = new SeededSample<>(capacity, seed);
        for (int i = 0; i < n; i++) {
            sample.offer(i, i);
        }
        return sample.inStreamOrder();
    }

    @Test
    void deterministicInStreamOrderAndKeepsAllWhenSmall() {
        assertThat(draw(10, 1000, 1)).hasSize(10).isSorted().isEqualTo(draw(10, 1000, 1)).isNotEqualTo(draw(10, 1000, 2));
        assertThat(draw(Integer.MAX_VALUE, 50, 1)).hasSize(50);
        assertThat(draw(20, 5, 1)).containsExactly(0, 1, 2, 3, 4);
    }

    /** Drawing 3 of 10 positions over 5000 seeds: each position about 1500 times (chi-square, 9 df, 0.1% bound). */
    @Test
    void everyPositionIsEquallyLikely() {
        int n = 10;
        int trials = 5000;
        int[] counts = new int[n];
        for (long seed = 0; seed < trials; seed++) {
            for (int position : draw(3, n, seed)) {
                counts[position]++;
            }
        }
        double expected = trials * 3.0 / n;
        double chiSquare = 0;
        for (int c : counts) {
            chiSquare += (c - expected) * (c - expected) / expected;
        }
        assertThat(chiSquare).isLessThan(27.9);
    }

    @Test
    void itemsRejectedByTheCallerDoNotTakeASlot() {
        SeededSample<Integer> sample = new SeededSample<>(5, 3);
        for (int i = 0; i < 100; i++) {
            if (sample.wouldKeep(i) && i % 2 == 0) {
                sample.add(i, i);
            }
        }
        assertThat(sample.inStreamOrder()).hasSize(5).allMatch(i -> i % 2 == 0);
    }
}
