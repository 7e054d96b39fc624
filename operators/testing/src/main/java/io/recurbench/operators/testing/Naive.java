package io.recurbench.operators.testing;

import java.util.function.UnaryOperator;

/**
 * Independent float64 oracles for the operator layers, written as plain loops over explicit
 * indices (never through the {@code Tensor} facade), row-major arrays with shapes passed alongside.
 * Tests compare traced graphs, evaluated by the engine's reference interpreter, against these.
 */
public final class Naive {
    private Naive() {}

    public static double silu(double v) {
        return v / (1 + Math.exp(-v));
    }

    public static double softplus(double v) {
        return v > 20 ? v : Math.log1p(Math.exp(v));
    }

    /** {@code x [rows, in] · w [in, out]}. */
    public static double[] linear(double[] x, int rows, int in, double[] w, int out) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int i = 0; i < in; i++) {
                    s += x[r * in + i] * w[i * out + o];
                }
                y[r * out + o] = s;
            }
        }
        return y;
    }

    /**
     * RMSNorm over the last axis of {@code x [rows, dim]}, no scale. ε is rounded to float first, as
     * the graph holds it as an F32 constant (it matters where the mean square is small, as in
     * Mamba-2's gated norm).
     */
    public static double[] rmsNorm(double[] x, int rows, int dim, double eps) {
        double epsF32 = (float) eps;
        double[] y = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double ss = 0;
            for (int i = 0; i < dim; i++) {
                ss += x[r * dim + i] * x[r * dim + i];
            }
            double inv = 1 / Math.sqrt(ss / dim + epsF32);
            for (int i = 0; i < dim; i++) {
                y[r * dim + i] = x[r * dim + i] * inv;
            }
        }
        return y;
    }

    /** {@code rmsNorm(h + f(h))} over rows of width {@code dim}. */
    public static double[] postNorm(double[] h, int rows, int dim, double eps, UnaryOperator<double[]> f) {
        double[] fh = f.apply(h);
        double[] s = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            s[i] = h[i] + fh[i];
        }
        return rmsNorm(s, rows, dim, eps);
    }

    /** TRM's SwiGLU: {@code down(silu(gate) · up)} with {@code gateUp [hidden, 2·inter]} (gate first). */
    public static double[] swiglu(double[] x, int rows, int hidden, int inter, double[] gateUp, double[] down) {
        double[] gu = linear(x, rows, hidden, gateUp, 2 * inter);
        double[] a = new double[rows * inter];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < inter; i++) {
                a[r * inter + i] = silu(gu[r * 2 * inter + i]) * gu[r * 2 * inter + inter + i];
            }
        }
        return linear(a, rows, inter, down, hidden);
    }

    /** Swaps the last two axes of {@code x [b, m, n]}. */
    public static double[] transpose(double[] x, int b, int m, int n) {
        double[] y = new double[x.length];
        for (int i = 0; i < b; i++) {
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < n; c++) {
                    y[(i * n + c) * m + r] = x[(i * m + r) * n + c];
                }
            }
        }
        return y;
    }

    /**
     * Non-causal multi-head attention on {@code x [b, s, d]} with fused {@code qkv [d, 3d]} and
     * {@code o [d, d]}, rotary (TRM's rotate-half layout, tables rounded to float as the graph
     * stores them) if {@code base > 0}, the score scale rounded to float as the graph multiplies by it.
     */
    public static double[] attention(double[] x, int b, int s, int d, int heads, double[] qkv, double[] o,
                                     double base) {
        int hd = d / heads;
        double[] proj = linear(x, b * s, d, qkv, 3 * d);
        double[] ctx = new double[b * s * d];
        double scale = (float) (1.0 / Math.sqrt(hd));
        for (int bi = 0; bi < b; bi++) {
            for (int h = 0; h < heads; h++) {
                double[][] q = new double[s][];
                double[][] k = new double[s][];
                double[][] v = new double[s][];
                for (int t = 0; t < s; t++) {
                    int row = (bi * s + t) * 3 * d;
                    q[t] = rotate(slice(proj, row + h * hd, hd), t, base);
                    k[t] = rotate(slice(proj, row + d + h * hd, hd), t, base);
                    v[t] = slice(proj, row + 2 * d + h * hd, hd);
                }
                for (int t = 0; t < s; t++) {
                    double[] score = new double[s];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int u = 0; u < s; u++) {
                        double dot = 0;
                        for (int i = 0; i < hd; i++) {
                            dot += q[t][i] * k[u][i];
                        }
                        score[u] = dot * scale;
                        max = Math.max(max, score[u]);
                    }
                    double z = 0;
                    for (int u = 0; u < s; u++) {
                        score[u] = Math.exp(score[u] - max);
                        z += score[u];
                    }
                    for (int i = 0; i < hd; i++) {
                        double acc = 0;
                        for (int u = 0; u < s; u++) {
                            acc += score[u] / z * v[u][i];
                        }
                        ctx[(bi * s + t) * d + h * hd + i] = acc;
                    }
                }
            }
        }
        return linear(ctx, b * s, d, o, d);
    }

    private static double[] slice(double[] a, int from, int n) {
        double[] r = new double[n];
        System.arraycopy(a, from, r, 0, n);
        return r;
    }

    /** Rotary embedding of one head vector at position {@code t}: pairs (i, i + hd/2) rotate by t·base^(−2i/hd). */
    private static double[] rotate(double[] v, int t, double base) {
        if (base <= 0) {
            return v;
        }
        int half = v.length / 2;
        double[] r = new double[v.length];
        for (int i = 0; i < half; i++) {
            double angle = t / Math.pow(base, 2.0 * i / v.length);
            double c = (float) Math.cos(angle);
            double sn = (float) Math.sin(angle);
            r[i] = v[i] * c - v[i + half] * sn;
            r[i + half] = v[i + half] * c + v[i] * sn;
        }
        return r;
    }

    /**
     * TRM's {@code mlp_t} sub-layer with its norm, on {@code x [b, s, d]}: over each channel's
     * sequence, {@code rmsNorm(xᵀ + swiglu(xᵀ))} normalised across positions, transposed back.
     */
    public static double[] sequenceMlp(double[] x, int b, int s, int d, int inter, double[] gateUp, double[] down,
                                       double eps) {
        double[] t = transpose(x, b, s, d);
        double[] y = postNorm(t, b * d, s, eps, h -> swiglu(h, b * d, s, inter, gateUp, down));
        return transpose(y, b, d, s);
    }
}
