package io.recurbench.reports.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PairedComparisonTest {

    @Test
    void identicalOperatorsDifferByExactlyNothing() {
        List<boolean[]> a = List.of(new boolean[] {true, false, true}, new boolean[] {false, false, true});
        PairedComparison c = PairedComparison.of(a, a, 500, 1);
        assertThat(c.difference()).isEqualTo(new Estimate(0.0, new Interval(0.0, 0.0)));
        assertThat(c.discordant()).isEqualTo(new McNemar.Discordant(0, 0));
        assertThat(c.pValue()).isEqualTo(1.0);
    }

    @Test
    void pointIsTheMeanOfPerSeedDifferencesAndCountsArePooled() {
        // seed 1: A 3/4, B 1/4 → +0.5 ; seed 2: A 1/2, B 1/2 → 0 ; mean +0.25
        List<boolean[]> a = List.of(new boolean[] {true, true, true, false}, new boolean[] {true, false});
        List<boolean[]> b = List.of(new boolean[] {false, true, false, false}, new boolean[] {false, true});
        PairedComparison c = PairedComparison.of(a, b, 2000, 9);
        assertThat(c.difference().point()).isCloseTo(0.25, within(1e-15));
        // discordant: seed 1 → A-only at 0 and 2; seed 2 → A-only at 0, B-only at 1
        assertThat(c.discordant()).isEqualTo(new McNemar.Discordant(3, 1));
        assertThat(c.pValue()).isCloseTo(2 * 5 / 16.0, within(1e-12)); // P(X ≤ 1 | n=4) = 5/16
        assertThat(c.difference().ci().contains(0.25)).isTrue();
    }

    @Test
    void swappingOperatorsMirrorsTheResult() {
        List<boolean[]> a = List.of(new boolean[] {true, true, false, true, false, true},
                new boolean[] {true, false, true, true, true, false});
        List<boolean[]> b = List.of(new boolean[] {false, true, false, false, false, true},
                new boolean[] {true, false, false, true, false, false});
        PairedComparison ab = PairedComparison.of(a, b, 1000, 4);
        PairedComparison ba = PairedComparison.of(b, a, 1000, 4);
        assertThat(ba.difference().point()).isCloseTo(-ab.difference().point(), within(1e-15));
        assertThat(ba.difference().ci().lower()).isCloseTo(-ab.difference().ci().upper(), within(1e-12));
        assertThat(ba.difference().ci().upper()).isCloseTo(-ab.difference().ci().lower(), within(1e-12));
        assertThat(ba.pValue()).isEqualTo(ab.pValue());
    }

    @Test
    void misalignedInputIsRefused() {
        assertThatThrownBy(() -> PairedComparison.of(List.of(new boolean[2]), List.of(), 10, 1))
                .hasMessageContaining("same non-zero number of seeds");
        assertThatThrownBy(() -> PairedComparison.of(List.of(new boolean[2]), List.of(new boolean[3]), 10, 1))
                .hasMessageContaining("differ in length");
    }
}
