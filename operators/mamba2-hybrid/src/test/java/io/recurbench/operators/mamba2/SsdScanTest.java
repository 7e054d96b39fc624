package io.recurbench.operators.mamba2;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.DType;
import io.recurbench.api.NN;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.engine.trace.Tracer;
import io.recurbench.operators.testing.Naive;
import io.recurbench.operators.testing.OperatorFixture;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The chunked SSD scan against the sequential recurrence, in float64 through the reference interpreter. */
class SsdScanTest {

    @ParameterizedTest(name = "L={0} chunk={1} heads={2} groups={3} reverse={4}")
    @CsvSource({
        "7, 1, 2, 1, false", "7, 2, 2, 1, false", "7, 3, 4, 2, false", "7, 4, 2, 2, false", "7, 7, 2, 1, false",
        "7, 16, 2, 1, false", "12, 4, 4, 1, false", "12, 5, 4, 4, false", "9, 4, 2, 1, true"})
    void chunkedScanEqualsTheRecurrence(int len, int chunk, int heads, int groups, boolean reverse) {
        int b = 2;
        int p = 3;
        int n = 5;
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(b, len, heads, p), DType.F32);
        Tensor dt = t.input("dt", Shape.of(b, len, heads), DType.F32);
        Tensor a = t.input("a", Shape.of(heads), DType.F32);
        Tensor bm = t.input("b", Shape.of(b, len, groups, n), DType.F32);
        Tensor cm = t.input("c", Shape.of(b, len, groups, n), DType.F32);
        Tensor y = reverse
                ? SsdScan.reverseSequence(SsdScan.scan(SsdScan.reverseSequence(x), SsdScan.reverseSequence(dt), a,
                        SsdScan.reverseSequence(bm), SsdScan.reverseSequence(cm), chunk))
                : SsdScan.scan(x, dt, a, bm, cm, chunk);
        t.output("y", y);
        Graph g = t.build();

        SplittableRandom rng = new SplittableRandom(len * 31L + chunk);
        Map<String, double[]> feeds = new HashMap<>();
        feeds.put("x", normal(rng, b * len * heads * p));
        double[] dtv = normal(rng, b * len * heads);
        for (int i = 0; i < dtv.length; i++) {
            dtv[i] = Naive.softplus(dtv[i]);
        }
        feeds.put("dt", dtv);
        double[] av = new double[heads];
        for (int i = 0; i < heads; i++) {
            av[i] = -Math.exp(0.5 * rng.nextGaussian());
        }
        feeds.put("a", av);
        feeds.put("b", normal(rng, b * len * groups * n));
        feeds.put("c", normal(rng, b * len * groups * n));

        double[] got = ReferenceInterpreter.runDoubles(g, feeds).get("y");
        double[] want = NaiveMamba2.recurrence(feeds.get("x"), dtv, av, feeds.get("b"), feeds.get("c"), b, len, heads,
                p, groups, n, reverse);
        assertThat(OperatorFixture.maxAbsDiff(got, want)).isLessThan(1e-10);
        assertThat(OperatorFixture.maxAbs(want)).as("non-trivial outputs").isGreaterThan(0.1);

        // float32 on the CPU backend, fed the same values rounded to float, against the float64 loop
        Map<String, double[]> rounded = OperatorFixture.roundedToFloat(feeds);
        double[] want32 = NaiveMamba2.recurrence(rounded.get("x"), rounded.get("dt"), rounded.get("a"),
                rounded.get("b"), rounded.get("c"), b, len, heads, p, groups, n, reverse);
        assertThat(OperatorFixture.maxAbsDiff(OperatorFixture.runCpu(g, rounded, "y"), want32)).isLessThan(1e-5);
    }

    @ParameterizedTest(name = "L={0} chunk={1}")
    @CsvSource({"7, 3", "8, 4", "5, 8"})
    void gradientsOfEveryOperandMatchFiniteDifferences(int len, int chunk) {
        int b = 2;
        int heads = 4;
        int groups = 2;
        int p = 2;
        int n = 3;
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(b, len, heads, p), DType.F32);
        Tensor dtRaw = t.input("dt", Shape.of(b, len, heads), DType.F32);
        Tensor aLog = t.input("a", Shape.of(heads), DType.F32);
        Tensor bm = t.input("b", Shape.of(b, len, groups, n), DType.F32);
        Tensor cm = t.input("c", Shape.of(b, len, groups, n), DType.F32);
        // dt > 0 and A < 0 for every perturbation, as the layer guarantees
        t.output(OperatorFixture.OUTPUT, SsdScan.scan(x, NN.softplus(dtRaw), aLog.exp().neg(), bm, cm, chunk));
        Graph g = t.build();
        SplittableRandom rng = new SplittableRandom(len * 7L + chunk);
        Map<String, double[]> feeds = new HashMap<>();
        feeds.put("x", normal(rng, b * len * heads * p));
        feeds.put("dt", normal(rng, b * len * heads));
        feeds.put("a", normal(rng, heads));
        feeds.put("b", normal(rng, b * len * groups * n));
        feeds.put("c", normal(rng, b * len * groups * n));
        assertThat(OperatorFixture.checkGradients(g, feeds, 17, 10)).isLessThan(1e-6);
    }

    private static double[] normal(SplittableRandom rng, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }
}
