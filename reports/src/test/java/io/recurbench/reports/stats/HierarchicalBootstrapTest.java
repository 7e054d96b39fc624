package io.recurbench.reports.stats;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The bootstrap against an exact enumeration of its resampling distribution on a tiny data set, and
 * against the closed-form variance of the two-level resampling scheme.
 */
class HierarchicalBootstrapTest {

    @Test
    void matchesExactEnumerationOnTinyData() {
        List<double[]> groups = List.of(new double[] {1, 0}, new double[] {1, 1, 0});
        Map<Double, Double> exact = enumerate(groups);
        double[] replicates = HierarchicalBootstrap.replicates(groups, 40_000, 11);
        Map<Double, Double> observed = new TreeMap<>();
        for (double r : replicates) {
            observed.merge(round(r), 1.0 / replicates.length, Double::sum);
        }
        assertThat(observed.keySet()).isSubsetOf(exact.keySet());
        exact.forEach((value, p) -> assertThat(observed.getOrDefault(value, 0.0))
                .as("P(T = %s)", value).isCloseTo(p, within(0.01)));
        assertThat(HierarchicalBootstrap.meanOfMeans(groups)).isCloseTo((0.5 + 2.0 / 3) / 2, within(1e-15));
    }

    @Test
    void varianceMatchesTwoLevelClosedForm() {
        // Var(T) = [ (1/S)Σ(p_s − p̄)² + (1/S)Σ p_s(1 − p_s)/n_s ] / S  (law of total variance per drawn seed)
        double[][] data = {bits(40, 10), bits(50, 30), bits(30, 27)};
        List<double[]> groups = List.of(data);
        double s = data.length;
        double[] p = {10 / 40.0, 30 / 50.0, 27 / 30.0};
        double[] n = {40, 50, 30};
        double mean = (p[0] + p[1] + p[2]) / s;
        double between = 0;
        double within = 0;
        for (int j = 0; j < s; j++) {
            between += (p[j] - mean) * (p[j] - mean) / s;
            within += p[j] * (1 - p[j]) / n[j] / s;
        }
        double expectedSd = Math.sqrt((between + within) / s);
        double[] r = HierarchicalBootstrap.replicates(groups, 20_000, 3);
        assertThat(sd(r)).isCloseTo(expectedSd, within(0.03 * expectedSd));
        assertThat(mean(r)).isCloseTo(mean, within(0.01));
    }

    @Test
    void singleSeedReducesToTheExampleBootstrap() {
        double[] g = bits(200, 150);
        double[] r = HierarchicalBootstrap.replicates(List.of(g), 20_000, 5);
        double expectedSd = Math.sqrt(0.75 * 0.25 / 200);
        assertThat(sd(r)).isCloseTo(expectedSd, within(0.03 * expectedSd));
        Estimate e = HierarchicalBootstrap.estimate95(List.of(g), 20_000, 5);
        assertThat(e.point()).isEqualTo(0.75);
        // the percentile interval of a near-normal bootstrap ≈ point ± 1.96 sd
        assertThat(e.ci().lower()).isCloseTo(0.75 - 1.96 * expectedSd, within(0.01));
        assertThat(e.ci().upper()).isCloseTo(0.75 + 1.96 * expectedSd, within(0.01));
    }

    @Test
    void intervalIsTheReplicatePercentilesAndDeterministic() {
        List<double[]> groups = List.of(bits(20, 5), bits(20, 12));
        Estimate a = HierarchicalBootstrap.estimate95(groups, 999, 42);
        Estimate b = HierarchicalBootstrap.estimate95(groups, 999, 42);
        assertThat(a).isEqualTo(b);
        double[] r = HierarchicalBootstrap.replicates(groups, 999, 42);
        assertThat(a.ci().lower()).isEqualTo(Quantiles.ofSorted(r, 0.025));
        assertThat(a.ci().upper()).isEqualTo(Quantiles.ofSorted(r, 0.975));
        assertThat(HierarchicalBootstrap.replicates(groups, 999, 43)).isNotEqualTo(r);
    }

    @Test
    void constantDataGiveADegenerateInterval() {
        Estimate e = HierarchicalBootstrap.estimate95(List.of(new double[] {1, 1, 1}, new double[] {1, 1}), 500, 1);
        assertThat(e).isEqualTo(new Estimate(1.0, new Interval(1.0, 1.0)));
    }

    /** Exact distribution of T by enumerating every seed draw and every example draw. */
    private static Map<Double, Double> enumerate(List<double[]> groups) {
        int s = groups.size();
        Map<Double, Double> dist = new TreeMap<>();
        int[] seedDraw = new int[s];
        for (int code = 0; code < Math.pow(s, s); code++) {
            int c = code;
            for (int j = 0; j < s; j++) {
                seedDraw[j] = c % s;
                c /= s;
            }
            // distribution of the sum of the per-seed means for this seed draw
            Map<Double, Double> sum = new TreeMap<>(Map.of(0.0, 1.0));
            for (int j = 0; j < s; j++) {
                Map<Double, Double> means = exampleMeans(groups.get(seedDraw[j]));
                Map<Double, Double> next = new TreeMap<>();
                sum.forEach((v, pv) -> means.forEach((m, pm) -> next.merge(v + m, pv * pm, Double::sum)));
                sum = next;
            }
            double pSeeds = Math.pow(1.0 / s, s);
            sum.forEach((v, pv) -> dist.merge(round(v / s), pv * pSeeds, Double::sum));
        }
        return dist;
    }

    private static Map<Double, Double> exampleMeans(double[] g) {
        int n = g.length;
        Map<Double, Double> dist = new TreeMap<>();
        for (int code = 0; code < Math.pow(n, n); code++) {
            int c = code;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += g[c % n];
                c /= n;
            }
            dist.merge(sum / n, Math.pow(1.0 / n, n), Double::sum);
        }
        return dist;
    }

    private static double round(double x) {
        return Math.round(x * 1e9) / 1e9;
    }

    private static double[] bits(int n, int ones) {
        double[] g = new double[n];
        for (int i = 0; i < ones; i++) {
            g[(i * 7) % n] = 1; // spread the ones; 7 is coprime to every n used here
        }
        return g;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double sd(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / x.length);
    }
}
