package io.recurbench.examples.gla;

import io.recurbench.api.Initializer;
import io.recurbench.api.NN;
import io.recurbench.api.ParameterScope;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.api.layers.Linear;

/**
 * Gated linear attention (GLA), the token mixer of S. Yang, B. Wang, Y. Shen, R. Panda, Y. Kim,
 * "Gated Linear Attention Transformers with Hardware-Efficient Training", ICML 2024
 * (arXiv:2312.06635), §4. Per head, with keys of size {@code d_k} and values of size {@code d_v}:
 * <pre>
 *   q_t = x_t W_q,  k_t = x_t W_k,  v_t = x_t W_v
 *   α_t = σ(x_t W_α1 W_α2 + b_α)^(1/τ)                       (a gate per key channel, τ = 16, rank 16)
 *   S_t = diag(α_t) S_{t-1} + k_tᵀ v_t                        (state S_t ∈ R^{d_k × d_v}, S_0 = 0)
 *   o_t = (q_t / √d_k) S_t
 *   y_t = (RMSNorm(o_t) ⊙ SiLU(x_t W_r)) W_o                  (per-head norm, output gate)
 * </pre>
 * The recurrence is evaluated in its parallel form, the one the paper derives in §4.1:
 * {@code o_t = Σ_{s≤t} Σ_c q_t[c] k_s[c] exp(Σ_{s<j≤t} log α_j[c]) v_s / √d_k}, with the decay
 * exponents formed as a segment sum ({@link NN#segmentSum}) so that no prefix sum is subtracted and
 * nothing overflows. It materialises a {@code [B, H, d_k, S, S]} decay tensor: exact and simple,
 * fine for the short sequences of Sudoku, memory-hungry for ARC's 916 positions (the paper's chunked
 * form would be the next step). The paper's biases on the projections and output gate are left out,
 * as TRM's layers have none; the norm is TRM's weightless RMSNorm instead of a LayerNorm.
 *
 * @param hidden    D
 * @param heads     H
 * @param keyDim    total key width H·d_k (the paper: D/2)
 * @param gateRank  rank of the gate's low-rank projection (the paper: 16)
 * @param gateTemperature τ (the paper: 16)
 * @param normEps   ε of the per-head RMSNorm
 */
public record GatedLinearAttention(int hidden, int heads, int keyDim, int gateRank, double gateTemperature,
                                   double normEps) {

    public GatedLinearAttention {
        if (hidden % heads != 0 || keyDim % heads != 0) {
            throw new IllegalArgumentException("operator 'gated-linear-attention': heads " + heads
                    + " must divide the hidden size " + hidden + " and the key width " + keyDim);
        }
    }

    public Tensor apply(Tensor x, ParameterScope scope) {
        int b = x.dim(0);
        int s = x.dim(1);
        int dk = keyDim / heads;
        int dv = hidden / heads;
        Tensor q = perHead(new Linear(hidden, keyDim).apply(x, scope.child("q")), b, s, dk);      // [B,H,S,dk]
        Tensor k = perHead(new Linear(hidden, keyDim).apply(x, scope.child("k")), b, s, dk);
        Tensor v = perHead(new Linear(hidden, hidden).apply(x, scope.child("v")), b, s, dv);      // [B,H,S,dv]

        Tensor low = new Linear(hidden, gateRank).apply(x, scope.child("gate_down"));
        Tensor bias = scope.child("gate_up").parameter("bias", Shape.of(keyDim), Initializer.zeros());
        Tensor gateLogits = new Linear(gateRank, keyDim).apply(low, scope.child("gate_up")).add(bias);
        // log α = log σ(z) / τ = −softplus(−z) / τ, finite for every z.
        Tensor logAlpha = NN.softplus(gateLogits.neg()).neg().div((float) gateTemperature);
        Tensor decay = NN.segmentSum(perHead(logAlpha, b, s, dk).permute(0, 1, 3, 2)).exp();       // [B,H,dk,S,S]

        Tensor qc = q.permute(0, 1, 3, 2).reshape(b, heads, dk, s, 1);
        Tensor kc = k.permute(0, 1, 3, 2).reshape(b, heads, dk, 1, s);
        Tensor scores = qc.mul(kc).mul(decay).sum(2).div((float) Math.sqrt(dk));                  // [B,H,S,S]
        Tensor o = NN.rmsNorm(scores.matmul(v), (float) normEps);                                  // [B,H,S,dv]
        Tensor merged = o.permute(0, 2, 1, 3).reshape(b, s, hidden);
        Tensor gate = NN.silu(new Linear(hidden, hidden).apply(x, scope.child("r")));
        return new Linear(hidden, hidden).apply(merged.mul(gate), scope.child("o"));
    }

    /** {@code [B, S, H·d] -> [B, H, S, d]}. */
    private Tensor perHead(Tensor t, int b, int s, int d) {
        return t.reshape(b, s, heads, d).permute(0, 2, 1, 3);
    }

    /** Parameters of one GLA mixer (for documentation; the host counts from the declarations). */
    public long parameterCount() {
        return 2L * hidden * keyDim + 3L * hidden * hidden + (long) hidden * gateRank + (long) gateRank * keyDim + keyDim;
    }
}
