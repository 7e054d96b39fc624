package io.recurbench.scaffold.interop;

import io.recurbench.engine.backend.HostTensor;
import java.util.Map;

/**
 * An independent float64 oracle of one TRM supervision step from the initial carry, written from
 * TRM's PyTorch code ({@code models/recursive_reasoning/trm.py}, {@code models/layers.py}) and
 * reading TRM's state-dict names and layouts directly — {@code F.linear} semantics, {@code [out, in]}
 * weights — so it shares nothing with our graph, our name table's transposes or our operators.
 * Covers the attention block (RoPE when {@code pos_encodings} is rope), the {@code mlp_t} block,
 * puzzle embeddings and learned positions (used when the state dict has {@code embed_pos}); RMSNorm ε = 1e-5 (TRM's {@code rms_norm_eps}), as float32 like our graph holds it.
 */
final class TorchStyleTrm {
    private final Map<String, HostTensor> sd;
    private final int d;
    private final int heads;
    private final int puzzleLen;
    private final int hCycles;
    private final int lCycles;
    private final boolean mlpT;
    private final int layers;
    private final boolean rope;
    private static final double EPS = (float) 1e-5;

    TorchStyleTrm(Map<String, HostTensor> stateDict, int hidden, int heads, int puzzleLen, int hCycles, int lCycles,
                  boolean mlpT, int layers, boolean rope) {
        this.sd = stateDict;
        this.d = hidden;
        this.heads = heads;
        this.puzzleLen = puzzleLen;
        this.hCycles = hCycles;
        this.lCycles = lCycles;
        this.mlpT = mlpT;
        this.layers = layers;
        this.rope = rope;
    }

    /** Per example: {@code logits [A·V]} then {@code q [2]}, as {@code double[][]{logits, q}}. */
    double[][] forward(int[] tokens, int puzzleId) {
        int a = tokens.length;
        int s = a + puzzleLen;
        double[] emb = w("inner.embed_tokens.embedding_weight");
        double[] x = new double[s * d];
        if (puzzleLen > 0) {
            HostTensor table = sd.get("inner.puzzle_emb.weights");
            int ndim = table.shape().dim(1);
            for (int k = 0; k < ndim; k++) {
                x[k] = table.f32()[puzzleId * ndim + k]; // F.pad to puzzle_emb_len·D, then view [P, D]
            }
        }
        for (int t = 0; t < a; t++) {
            for (int k = 0; k < d; k++) {
                x[(puzzleLen + t) * d + k] = emb[tokens[t] * d + k];
            }
        }
        if (sd.containsKey("inner.embed_pos.embedding_weight")) {
            double[] pos = w("inner.embed_pos.embedding_weight");
            for (int i = 0; i < x.length; i++) {
                x[i] = 0.707106781 * (x[i] + pos[i]);
            }
        }
        double scale = Math.sqrt(d);
        for (int i = 0; i < x.length; i++) {
            x[i] *= scale;
        }
        double[] zH = broadcast(w("inner.H_init"), s);
        double[] zL = broadcast(w("inner.L_init"), s);
        for (int h = 0; h < hCycles; h++) {
            for (int l = 0; l < lCycles; l++) {
                zL = reasoning(zL, add(zH, x), s);
            }
            zH = reasoning(zH, zL, s);
        }
        int v = sd.get("inner.lm_head.weight").shape().dim(0);
        double[] all = linear(zH, s, d, w("inner.lm_head.weight"), v);
        double[] logits = new double[a * v];
        System.arraycopy(all, puzzleLen * v, logits, 0, a * v);
        double[] first = new double[d];
        System.arraycopy(zH, 0, first, 0, d);
        double[] q = linear(first, 1, d, w("inner.q_head.weight"), 2);
        double[] bias = w("inner.q_head.bias");
        q[0] += bias[0];
        q[1] += bias[1];
        return new double[][] {logits, q};
    }

    /** {@code L_level(hidden, injection)}: add the injection, then every block. */
    private double[] reasoning(double[] hidden, double[] injection, int s) {
        double[] h = add(hidden, injection);
        for (int i = 0; i < layers; i++) {
            String p = "inner.L_level.layers." + i + ".";
            if (mlpT) {
                double[] t = transpose(h, s, d);
                t = rmsNorm(add(t, swiglu(t, d, s, p + "mlp_t.")), d, s);
                h = transpose(t, d, s);
            } else {
                h = rmsNorm(add(h, attention(h, s, p + "self_attn.")), s, d);
            }
            h = rmsNorm(add(h, swiglu(h, s, d, p + "mlp.")), s, d);
        }
        return h;
    }

    private double[] attention(double[] h, int s, String p) {
        int hd = d / heads;
        double[] qkv = linear(h, s, d, w(p + "qkv_proj.weight"), 3 * d); // [S, 3·heads, hd]
        double[] out = new double[s * d];
        for (int head = 0; head < heads; head++) {
            double[][] q = new double[s][];
            double[][] k = new double[s][];
            for (int t = 0; t < s; t++) {
                q[t] = slice(qkv, t * 3 * d + head * hd, hd);
                k[t] = slice(qkv, t * 3 * d + (heads + head) * hd, hd);
                if (rope) {
                    q[t] = rotary(q[t], t);
                    k[t] = rotary(k[t], t);
                }
            }
            for (int t = 0; t < s; t++) {
                double[] score = new double[s];
                double max = Double.NEGATIVE_INFINITY;
                for (int u = 0; u < s; u++) {
                    double dot = 0;
                    for (int c = 0; c < hd; c++) {
                        dot += q[t][c] * k[u][c];
                    }
                    score[u] = dot / Math.sqrt(hd);
                    max = Math.max(max, score[u]);
                }
                double sum = 0;
                for (int u = 0; u < s; u++) {
                    score[u] = Math.exp(score[u] - max);
                    sum += score[u];
                }
                for (int u = 0; u < s; u++) {
                    for (int c = 0; c < hd; c++) {
                        out[t * d + head * hd + c] += score[u] / sum * qkv[u * 3 * d + (2 * heads + head) * hd + c];
                    }
                }
            }
        }
        return linear(out, s, d, w(p + "o_proj.weight"), d);
    }

    /** {@code apply_rotary_pos_emb}: x·cos + rotate_half(x)·sin, base 10000, angles from float32 inv_freq. */
    private static double[] rotary(double[] x, int t) {
        int n = x.length;
        int half = n / 2;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double invFreq = 1.0 / Math.pow(10000.0, (2.0 * (i % half)) / n);
            double angle = t * invFreq;
            double rotated = i < half ? -x[i + half] : x[i - half];
            y[i] = x[i] * Math.cos(angle) + rotated * Math.sin(angle);
        }
        return y;
    }

    /** TRM's {@code SwiGLU} on rows of width {@code width}: {@code down_proj(silu(gate) · up)}, gate first. */
    private double[] swiglu(double[] x, int rows, int width, String p) {
        HostTensor gu = sd.get(p + "gate_up_proj.weight");
        int inter = gu.shape().dim(0) / 2;
        double[] g = linear(x, rows, width, w(p + "gate_up_proj.weight"), 2 * inter);
        double[] act = new double[rows * inter];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < inter; i++) {
                double gate = g[r * 2 * inter + i];
                act[r * inter + i] = gate / (1 + Math.exp(-gate)) * g[r * 2 * inter + inter + i];
            }
        }
        return linear(act, rows, inter, w(p + "down_proj.weight"), width);
    }

    /** {@code F.linear(x, W)} with {@code W [out, in]}: y = x · Wᵀ. */
    private static double[] linear(double[] x, int rows, int in, double[] weight, int out) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double sum = 0;
                for (int i = 0; i < in; i++) {
                    sum += x[r * in + i] * weight[o * in + i];
                }
                y[r * out + o] = sum;
            }
        }
        return y;
    }

    private static double[] rmsNorm(double[] x, int rows, int width) {
        double[] y = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double ss = 0;
            for (int i = 0; i < width; i++) {
                ss += x[r * width + i] * x[r * width + i];
            }
            double inv = 1 / Math.sqrt(ss / width + EPS);
            for (int i = 0; i < width; i++) {
                y[r * width + i] = x[r * width + i] * inv;
            }
        }
        return y;
    }

    private static double[] transpose(double[] x, int rows, int cols) {
        double[] y = new double[x.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                y[c * rows + r] = x[r * cols + c];
            }
        }
        return y;
    }

    private static double[] add(double[] a, double[] b) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i] + b[i];
        }
        return y;
    }

    private double[] broadcast(double[] row, int s) {
        double[] y = new double[s * d];
        for (int t = 0; t < s; t++) {
            System.arraycopy(row, 0, y, t * d, d);
        }
        return y;
    }

    private static double[] slice(double[] x, int from, int n) {
        double[] y = new double[n];
        System.arraycopy(x, from, y, 0, n);
        return y;
    }

    private double[] w(String name) {
        HostTensor t = sd.get(name);
        if (t == null) {
            throw new IllegalArgumentException("state dict has no '" + name + "'");
        }
        double[] y = new double[t.f32().length];
        for (int i = 0; i < y.length; i++) {
            y[i] = t.f32()[i];
        }
        return y;
    }
}
