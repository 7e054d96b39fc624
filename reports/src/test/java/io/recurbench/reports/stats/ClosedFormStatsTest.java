package io.recurbench.reports.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Wilson, quantiles, McNemar and Holm against values computed by hand (see each comment). */
class ClosedFormStatsTest {

    @Test
    void wilsonMatchesHandComputation() {
        // 8/10, z = 1.96: centre = (0.8 + 0.19208)/1.38416, half = 1.96·√(0.016 + 0.009604)/1.38416
        Interval i = Wilson.interval(8, 10, 1.96);
        assertThat(i.lower()).isCloseTo(0.4901568467, within(1e-9));
        assertThat(i.upper()).isCloseTo(0.9433190520, within(1e-9));
        // 0/n: lower bound 0, upper bound z²/(n + z²)
        Interval zero = Wilson.interval(0, 20, 1.96);
        assertThat(zero.lower()).isEqualTo(0.0);
        assertThat(zero.upper()).isCloseTo(3.8416 / 23.8416, within(1e-12));
        // n/n mirrors 0/n
        Interval all = Wilson.interval(20, 20, 1.96);
        assertThat(all.upper()).isEqualTo(1.0);
        assertThat(all.lower()).isCloseTo(20 / 23.8416, within(1e-12));
        assertThat(Wilson.interval95(5, 10).lower()).isCloseTo(1 - Wilson.interval95(5, 10).upper(), within(1e-12));
        assertThatThrownBy(() -> Wilson.interval95(3, 2)).hasMessageContaining("3/2");
    }

    @Test
    void quantilesInterpolateLinearly() {
        double[] x = {1, 2, 3, 4};
        assertThat(Quantiles.ofSorted(x, 0.0)).isEqualTo(1.0);
        assertThat(Quantiles.ofSorted(x, 0.25)).isEqualTo(1.75); // h = 0.75
        assertThat(Quantiles.ofSorted(x, 0.5)).isEqualTo(2.5);
        assertThat(Quantiles.ofSorted(x, 1.0)).isEqualTo(4.0);
        assertThat(Quantiles.ofSorted(new double[] {7}, 0.975)).isEqualTo(7.0);
    }

    @Test
    void mcNemarMatchesBinomialTails() {
        // b=1, c=6: P(X ≤ 1 | n=7) = (1 + 7)/128 → p = 0.125
        assertThat(McNemar.exactTwoSided(1, 6)).isCloseTo(0.125, within(1e-12));
        assertThat(McNemar.exactTwoSided(6, 1)).isCloseTo(0.125, within(1e-12));
        // b=0, c=5: 2/32
        assertThat(McNemar.exactTwoSided(0, 5)).isCloseTo(0.0625, within(1e-12));
        // b=c: the tail is above ½, so p = 1
        assertThat(McNemar.exactTwoSided(3, 3)).isEqualTo(1.0);
        assertThat(McNemar.exactTwoSided(0, 0)).isEqualTo(1.0);
        // b=10, c=30: 2·Σ_{i≤10} C(40,i)/2⁴⁰ (exact rational arithmetic)
        assertThat(McNemar.exactTwoSided(10, 30)).isCloseTo(0.0022214337732293643, within(1e-15));
        // a large table that would underflow 2^-n: b=1430, c=1570
        assertThat(McNemar.exactTwoSided(1430, 1570)).isCloseTo(0.011143544039089869, within(1e-12));
    }

    @Test
    void discordantCountsOnlyDisagreements() {
        boolean[] a = {true, true, false, false, true};
        boolean[] b = {true, false, true, false, false};
        McNemar.Discordant d = McNemar.discordant(a, b);
        assertThat(d.aRightBWrong()).isEqualTo(2);
        assertThat(d.aWrongBRight()).isEqualTo(1);
        assertThat(d.pValue()).isEqualTo(1.0); // P(X ≤ 1 | n=3) = 4/8, doubled
    }

    @Test
    void holmStepsDown() {
        // sorted 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → monotone max 0.06
        assertThat(Holm.adjust(new double[] {0.01, 0.04, 0.03})).containsExactly(0.03, 0.06, 0.06);
        assertThat(Holm.adjust(new double[] {0.5, 0.6})).containsExactly(1.0, 1.0);
        assertThat(Holm.adjust(new double[] {0.2})).containsExactly(0.2);
        assertThat(Holm.adjust(new double[0])).isEmpty();
    }
}
