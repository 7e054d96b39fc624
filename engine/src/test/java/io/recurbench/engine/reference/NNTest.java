package io.recurbench.engine.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.recurbench.api.DType;
import io.recurbench.api.NN;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.trace.Tracer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The composites of {@link NN}, traced and evaluated by the reference interpreter, against closed
 * forms and naive loops written out here.
 */
class NNTest {

    private static final double TOL = 1e-12;
    private final Random rng = new Random(42);

    private float[] randn(int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextGaussian() * scale);
        }
        return v;
    }

    /** A small harness: declare inputs, trace outputs, evaluate. */
    private static final class Run {
        final Tracer t = new Tracer();
        final Map<String, HostTensor> feeds = new HashMap<>();

        Tensor in(String name, Shape shape, float[] values) {
            feeds.put(name, HostTensor.of(shape, values));
            return t.input(name, shape, DType.F32);
        }

        Tensor ints(String name, Shape shape, int[] values) {
            feeds.put(name, HostTensor.ofInts(shape, values));
            return t.input(name, shape, DType.I32);
        }

        Map<String, double[]> eval(Map<String, Tensor> outputs) {
            outputs.forEach(t::output);
            return ReferenceInterpreter.run(t.build(), feeds);
        }
    }

    @Test
    void softmaxMatchesTheDefinitionAndSumsToOne() {
        int rows = 3;
        int v = 5;
        float[] x = randn(rows * v, 10); // large logits: the max subtraction must keep exp finite
        x[0] = 300;
        Run r = new Run();
        Tensor xs = r.in("x", Shape.of(rows, v), x);
        Map<String, double[]> out = r.eval(Map.of("p", NN.softmax(xs, -1), "logp", NN.logSoftmax(xs, 1),
                "pCols", NN.softmax(xs, 0)));
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) {
                max = Math.max(max, x[i * v + j]);
            }
            double z = 0;
            for (int j = 0; j < v; j++) {
                z += Math.exp(x[i * v + j] - max);
            }
            double total = 0;
            for (int j = 0; j < v; j++) {
                double p = Math.exp(x[i * v + j] - max) / z;
                assertThat(out.get("p")[i * v + j]).isCloseTo(p, within(TOL));
                assertThat(out.get("logp")[i * v + j]).isCloseTo(x[i * v + j] - max - Math.log(z), within(TOL));
                total += out.get("p")[i * v + j];
            }
            assertThat(total).isCloseTo(1.0, within(TOL));
        }
        for (int j = 0; j < v; j++) {
            double colTotal = 0;
            for (int i = 0; i < rows; i++) {
                colTotal += out.get("pCols")[i * v + j];
            }
            assertThat(colTotal).isCloseTo(1.0, within(TOL));
        }
        assertThat(out.get("p")[0]).isCloseTo(1.0, within(TOL));
    }

    @Test
    void rmsNormSiluAndSoftplusMatchTheirFormulas() {
        int n = 4;
        int d = 6;
        float[] x = randn(n * d, 3);
        x[1] = 80;
        x[2] = -80;
        Run r = new Run();
        Tensor xs = r.in("x", Shape.of(n, d), x);
        Map<String, double[]> out = r.eval(Map.of("rms", NN.rmsNorm(xs, NN.TRM_RMS_EPS), "silu", NN.silu(xs),
                "softplus", NN.softplus(xs)));
        double eps = NN.TRM_RMS_EPS;
        for (int i = 0; i < n; i++) {
            double ms = 0;
            for (int j = 0; j < d; j++) {
                ms += (double) x[i * d + j] * x[i * d + j];
            }
            ms /= d;
            for (int j = 0; j < d; j++) {
                double xv = x[i * d + j];
                assertThat(out.get("rms")[i * d + j]).isCloseTo(xv / Math.sqrt(ms + eps), within(TOL));
                assertThat(out.get("silu")[i * d + j]).isCloseTo(xv / (1 + Math.exp(-xv)), within(TOL));
                // log(1 + e^x) written directly; exact for |x| small, log1p form for the large ones
                double softplus = xv > 30 ? xv + Math.log1p(Math.exp(-xv)) : Math.log1p(Math.exp(xv));
                assertThat(out.get("softplus")[i * d + j]).isCloseTo(softplus, within(1e-12 * Math.max(1, Math.abs(xv))));
            }
        }
        assertThat(out.get("softplus")[1]).isCloseTo(80, within(1e-9));
        // without log1p, 1 + e^-80 rounds to 1: the result is 0, off by e^-80 ~ 1.8e-35 in absolute terms
        assertThat(out.get("softplus")[2]).isCloseTo(Math.exp(-80), within(1e-30));
    }

    @Test
    void crossEntropyPicksTheLabelsLogProbabilityAndSkipsIgnoredPositions() {
        int n = 4;
        int v = 3;
        float[] logits = randn(n * v, 2);
        int[] labels = {2, -100, 0, 1};
        Run r = new Run();
        NN.Loss ce = NN.crossEntropy(r.in("logits", Shape.of(n, v), logits), r.ints("labels", Shape.of(n), labels), -100);
        Map<String, double[]> out = r.eval(Map.of("loss", ce.perPosition(), "valid", ce.valid(), "mean", ce.mean()));
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] == -100) {
                assertThat(out.get("loss")[i]).isZero();
                assertThat(out.get("valid")[i]).isZero();
                continue;
            }
            double z = 0;
            for (int j = 0; j < v; j++) {
                z += Math.exp(logits[i * v + j]);
            }
            double expected = -Math.log(Math.exp(logits[i * v + labels[i]]) / z);
            assertThat(out.get("loss")[i]).isCloseTo(expected, within(1e-12));
            assertThat(out.get("valid")[i]).isEqualTo(1);
            total += expected;
        }
        assertThat(out.get("mean")[0]).isCloseTo(total / 3, within(1e-12));
    }

    @Test
    void stableMaxCrossEntropyMatchesTrmsFormula() {
        int n = 5;
        int v = 4;
        float[] logits = randn(n * v, 3);
        logits[0] = 0; // the branch point s(0) = 1
        logits[1] = 1; // where TRM's 1/(1-x) branch would blow up if it were taken
        int[] labels = {1, 3, -100, 0, 2};
        Run r = new Run();
        NN.Loss ce = NN.stableMaxCrossEntropy(r.in("logits", Shape.of(n, v), logits), r.ints("labels", Shape.of(n), labels), -100);
        Map<String, double[]> out = r.eval(Map.of("loss", ce.perPosition(), "valid", ce.valid()));
        for (int i = 0; i < n; i++) {
            if (labels[i] == -100) {
                assertThat(out.get("loss")[i]).isZero();
                continue;
            }
            double sum = 0;
            for (int j = 0; j < v; j++) {
                sum += s(logits[i * v + j]);
            }
            double expected = -Math.log(s(logits[i * v + labels[i]]) / sum);
            assertThat(out.get("loss")[i]).isCloseTo(expected, within(1e-12));
            assertThat(out.get("valid")[i]).isEqualTo(1);
        }
    }

    /** s(x) = x + 1 for x >= 0, 1 / (1 - x) for x < 0. */
    private static double s(double x) {
        return x >= 0 ? x + 1 : 1 / (1 - x);
    }

    @Test
    void lossesRejectLabelsOfTheWrongShapeOrDType() {
        Tracer t = new Tracer();
        Tensor logits = t.input("logits", Shape.of(2, 3, 5), DType.F32);
        Tensor wrong = t.input("labels", Shape.of(2, 5), DType.I32);
        assertThatThrownBy(() -> NN.crossEntropy(logits, wrong, -100))
                .hasMessage("crossEntropy: labels [2, 5] must have the logits' shape [2, 3, 5] without the class axis, i.e. [2, 3]");
        assertThatThrownBy(() -> NN.stableMaxCrossEntropy(logits, logits.sum(-1), -100))
                .hasMessageContaining("labels must be I32");
    }

    @Test
    void oneHotEncodesInRangeLabelsOnly() {
        Run r = new Run();
        Tensor labels = r.ints("l", Shape.of(3), new int[] {2, -100, 0});
        assertThat(r.eval(Map.of("h", NN.oneHot(labels, 3))).get("h")).containsExactly(0, 0, 1, 0, 0, 0, 1, 0, 0);
    }

    @Test
    void causalDepthwiseConvMatchesANaiveLoop() {
        int b = 2;
        int s = 5;
        int c = 3;
        int k = 4;
        float[] x = randn(b * s * c, 1);
        float[] w = randn(c * k, 1);
        float[] bias = randn(c, 1);
        Run r = new Run();
        Tensor y = NN.causalDepthwiseConv1d(r.in("x", Shape.of(b, s, c), x), r.in("w", Shape.of(c, k), w),
                r.in("bias", Shape.of(c), bias));
        assertThat(y.shape()).isEqualTo(Shape.of(b, s, c));
        double[] out = r.eval(Map.of("y", y)).get("y");
        for (int bi = 0; bi < b; bi++) {
            for (int t = 0; t < s; t++) {
                for (int ci = 0; ci < c; ci++) {
                    double acc = bias[ci];
                    for (int tap = 0; tap < k; tap++) {
                        int src = t - (k - 1) + tap;
                        if (src >= 0) {
                            acc += (double) w[ci * k + tap] * x[(bi * s + src) * c + ci];
                        }
                    }
                    assertThat(out[(bi * s + t) * c + ci]).isCloseTo(acc, within(1e-12));
                }
            }
        }
    }

    @Test
    void causalConvRejectsMismatchedWeights() {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(2, 5, 3), DType.F32);
        assertThatThrownBy(() -> NN.causalDepthwiseConv1d(x, t.input("w", Shape.of(4, 4), DType.F32),
                t.input("b", Shape.of(3), DType.F32)))
                .hasMessageContaining("expected x [..., S, C], weight [C, K], bias [C]; got x [2, 5, 3], weight [4, 4]");
    }

    @Test
    void segmentSumMatchesANaiveLoop() {
        int batch = 2;
        int len = 5;
        float[] x = randn(batch * len, 1);
        Run r = new Run();
        Tensor seg = NN.segmentSum(r.in("x", Shape.of(batch, len), x));
        assertThat(seg.shape()).isEqualTo(Shape.of(batch, len, len));
        double[] out = r.eval(Map.of("seg", seg)).get("seg");
        for (int bi = 0; bi < batch; bi++) {
            for (int i = 0; i < len; i++) {
                for (int j = 0; j < len; j++) {
                    double got = out[(bi * len + i) * len + j];
                    if (j > i) {
                        assertThat(got).isEqualTo(Double.NEGATIVE_INFINITY);
                    } else {
                        double sum = 0;
                        for (int k = j + 1; k <= i; k++) {
                            sum += x[bi * len + k];
                        }
                        assertThat(got).isCloseTo(sum, within(1e-12));
                    }
                }
            }
        }
    }
}
