package io.recurbench.operators.mamba2;

import io.recurbench.operators.testing.Naive;
import java.util.Map;

/**
 * The Mamba-2 sub-layer as a sequential loop in float64, the test oracle: the recurrence
 * {@code h_t = exp(dt_t·A)·h_{t−1} + dt_t·x_t B_tᵀ, y_t = h_t C_t + D·x_t} step by step, with the
 * reference module's projections, convolution and gated norm around it.
 */
final class NaiveMamba2 {
    private NaiveMamba2() {}

    /**
     * The recurrence alone. x [b, l, h, p], dt [b, l, h], a [h], bm/cm [b, l, g, n]; returns y [b, l, h, p]
     * without the skip term. {@code reverse} runs it from the last position to the first.
     */
    static double[] recurrence(double[] x, double[] dt, double[] a, double[] bm, double[] cm, int b, int l, int h,
                               int p, int g, int n, boolean reverse) {
        double[] y = new double[b * l * h * p];
        int perGroup = h / g;
        for (int bi = 0; bi < b; bi++) {
            for (int hi = 0; hi < h; hi++) {
                int gi = hi / perGroup;
                double[][] state = new double[p][n];
                for (int step = 0; step < l; step++) {
                    int t = reverse ? l - 1 - step : step;
                    double d = dt[(bi * l + t) * h + hi];
                    double decay = Math.exp(d * a[hi]);
                    for (int pi = 0; pi < p; pi++) {
                        double xv = x[((bi * l + t) * h + hi) * p + pi];
                        double out = 0;
                        for (int ni = 0; ni < n; ni++) {
                            int bc = ((bi * l + t) * g + gi) * n + ni;
                            state[pi][ni] = decay * state[pi][ni] + d * xv * bm[bc];
                            out += state[pi][ni] * cm[bc];
                        }
                        y[((bi * l + t) * h + hi) * p + pi] = out;
                    }
                }
            }
        }
        return y;
    }

    /** The whole sub-layer on u [b, l, D] with parameters named as {@link Mamba2Layer} declares them under {@code prefix}. */
    static double[] layer(Mamba2Config cfg, double eps, double[] u, int b, int l, Map<String, double[]> w, String prefix) {
        int dm = cfg.dModel();
        int di = cfg.dInner();
        int gn = cfg.nGroups() * cfg.dState();
        int h = cfg.nHeads();
        int p = cfg.headDim();
        int k = cfg.dConv();
        int cd = cfg.convDim();
        int width = cfg.inProjSize();
        double[] proj = Naive.linear(u, b * l, dm, w.get(prefix + "in_proj.weight"), width);
        double[] convW = w.get(prefix + "conv.weight");
        double[] convB = w.get(prefix + "conv.bias");
        double[] xbc = new double[b * l * cd];
        for (int bi = 0; bi < b; bi++) {
            for (int t = 0; t < l; t++) {
                for (int c = 0; c < cd; c++) {
                    double s = convB[c];
                    for (int tap = 0; tap < k; tap++) {
                        int src = t - (k - 1) + tap;
                        if (src >= 0) {
                            s += convW[c * k + tap] * proj[(bi * l + src) * width + di + c];
                        }
                    }
                    xbc[(bi * l + t) * cd + c] = Naive.silu(s);
                }
            }
        }
        double[] x = new double[b * l * di];
        double[] bm = new double[b * l * gn];
        double[] cm = new double[b * l * gn];
        double[] dt = new double[b * l * h];
        double[] dtBias = w.get(prefix + "dt_bias");
        for (int r = 0; r < b * l; r++) {
            System.arraycopy(xbc, r * cd, x, r * di, di);
            System.arraycopy(xbc, r * cd + di, bm, r * gn, gn);
            System.arraycopy(xbc, r * cd + di + gn, cm, r * gn, gn);
            for (int hi = 0; hi < h; hi++) {
                dt[r * h + hi] = Naive.softplus(proj[r * width + di + cd + hi] + dtBias[hi]);
            }
        }
        double[] aLog = w.get(prefix + "A_log");
        double[] a = new double[h];
        for (int hi = 0; hi < h; hi++) {
            a[hi] = -Math.exp(aLog[hi]);
        }
        double[] y = recurrence(x, dt, a, bm, cm, b, l, h, p, cfg.nGroups(), cfg.dState(), false);
        if (cfg.bidirectional()) {
            double[] back = recurrence(x, dt, a, bm, cm, b, l, h, p, cfg.nGroups(), cfg.dState(), true);
            for (int i = 0; i < y.length; i++) {
                y[i] += back[i];
            }
        }
        double[] skip = w.get(prefix + "D");
        double[] gated = new double[b * l * di];
        for (int r = 0; r < b * l; r++) {
            for (int c = 0; c < di; c++) {
                double v = y[r * di + c] + skip[c / p] * x[r * di + c];
                gated[r * di + c] = v * Naive.silu(proj[r * width + c]);
            }
        }
        int group = di / cfg.nGroups();
        double[] normed = Naive.rmsNorm(gated, b * l * cfg.nGroups(), group, eps);
        double[] normW = w.get(prefix + "norm.weight");
        for (int i = 0; i < normed.length; i++) {
            normed[i] *= normW[i % di];
        }
        return Naive.linear(normed, b * l, di, w.get(prefix + "out_proj.weight"), dm);
    }
}
