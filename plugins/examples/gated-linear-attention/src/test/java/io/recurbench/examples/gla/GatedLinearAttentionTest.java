package io.recurbench.examples.gla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recurbench.engine.ir.Graph;
import io.recurbench.plugins.tck.OperatorHarness;
import io.recurbench.api.operator.ModelDims;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parallel form against the paper's recurrence, run step by step in plain Java. */
class GatedLinearAttentionTest {

    private static final double EPS = 1e-5;

    @Test
    void parallelFormEqualsTheRecurrence() {
        int b = 2, s = 6, d = 8, heads = 2, keyDim = 6, rank = 3;
        double tau = 4;
        GatedLinearAttention gla = new GatedLinearAttention(d, heads, keyDim, rank, tau, EPS);
        ModelDims dims = new ModelDims(d, s, 1, heads, 2);
        Graph g = OperatorHarness.trace((h, scope) -> gla.apply(h, scope.child("gla")), dims, b);
        Map<String, double[]> w = OperatorHarness.randomFeeds(g, 5, 0.3);
        double[] got = OperatorHarness.forward(g, w);

        double[] x = w.get(OperatorHarness.INPUT);
        int dk = keyDim / heads;
        int dv = d / heads;
        double[] q = matmul(x, b * s, d, w.get("gla.q.weight"), keyDim);
        double[] k = matmul(x, b * s, d, w.get("gla.k.weight"), keyDim);
        double[] v = matmul(x, b * s, d, w.get("gla.v.weight"), d);
        double[] z = matmul(matmul(x, b * s, d, w.get("gla.gate_down.weight"), rank), b * s, rank,
                w.get("gla.gate_up.weight"), keyDim);
        double[] bias = w.get("gla.gate_up.bias");
        double[] r = matmul(x, b * s, d, w.get("gla.r.weight"), d);
        double[] merged = new double[b * s * d];
        for (int bi = 0; bi < b; bi++) {
            for (int h = 0; h < heads; h++) {
                double[][] state = new double[dk][dv];
                for (int t = 0; t < s; t++) {
                    int row = bi * s + t;
                    for (int c = 0; c < dk; c++) {
                        double sigma = 1 / (1 + Math.exp(-(z[row * keyDim + h * dk + c] + bias[h * dk + c])));
                        double alpha = Math.pow(sigma, 1 / tau);
                        for (int e = 0; e < dv; e++) {
                            state[c][e] = alpha * state[c][e] + k[row * keyDim + h * dk + c] * v[row * d + h * dv + e];
                        }
                    }
                    double[] o = new double[dv];
                    double ms = 0;
                    for (int e = 0; e < dv; e++) {
                        for (int c = 0; c < dk; c++) {
                            o[e] += q[row * keyDim + h * dk + c] * state[c][e] / Math.sqrt(dk);
                        }
                        ms += o[e] * o[e] / dv;
                    }
                    for (int e = 0; e < dv; e++) {
                        double gate = r[row * d + h * dv + e] / (1 + Math.exp(-r[row * d + h * dv + e]));
                        merged[row * d + h * dv + e] = o[e] / Math.sqrt(ms + EPS) * gate;
                    }
                }
            }
        }
        double[] want = matmul(merged, b * s, d, w.get("gla.o.weight"), d);
        assertEquals(want.length, got.length);
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(want[i] - got[i]));
        }
        double max = worst;
        assertTrue(max < 1e-10, () -> "parallel form differs from the recurrence by " + max);
    }

    @Test
    void countMatchesTheClosedForm() {
        GatedLinearAttention gla = new GatedLinearAttention(8, 2, 6, 3, 16, EPS);
        ModelDims dims = new ModelDims(8, 4, 1, 2, 2);
        Graph g = OperatorHarness.trace((h, scope) -> gla.apply(h, scope), dims, 1);
        assertEquals(2L * 8 * 6 + 3L * 8 * 8 + 8 * 3 + 3 * 6 + 6, OperatorHarness.parameterCount(g));
        assertEquals(gla.parameterCount(), OperatorHarness.parameterCount(g));
    }

    private static double[] matmul(double[] a, int rows, int inner, double[] w, int cols) {
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < inner; k++) {
                double aik = a[i * inner + k];
                for (int j = 0; j < cols; j++) {
                    out[i * cols + j] += aik * w[k * cols + j];
                }
            }
        }
        return out;
    }
}
