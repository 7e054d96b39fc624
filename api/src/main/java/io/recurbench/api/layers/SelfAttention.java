package io.recurbench.api.layers;

import io.recurbench.api.NN;
import io.recurbench.api.ParameterScope;
import io.recurbench.api.Tensor;

/**
 * Non-causal multi-head self-attention as in TRM ({@code models/layers.py}, class {@code Attention},
 * {@code causal=False}; Vaswani et al., "Attention Is All You Need", 2017): one fused
 * {@code qkv} projection {@code [D, 3·heads·headDim]} (q, then k, then v, each head-major), rotary
 * embeddings on q and k, {@code softmax(q kᵀ / sqrt(headDim)) v} per head, and an {@code out}
 * projection {@code [heads·headDim, D]}; no biases. {@code [B, S, D] -> [B, S, D]}.
 *
 * @param hidden  D
 * @param heads   number of heads; {@code headDim = hidden / heads}
 * @param rotary  rotary embedding applied to q and k, or {@code null} for none
 */
public record SelfAttention(int hidden, int heads, RotaryEmbedding rotary) {

    public SelfAttention {
        if (heads <= 0 || hidden % heads != 0) {
            throw new IllegalArgumentException("attention: heads " + heads + " must divide hidden size " + hidden);
        }
        if (rotary != null && rotary.headDim() != hidden / heads) {
            throw new IllegalArgumentException("attention: rotary head size " + rotary.headDim()
                    + " differs from hidden/heads = " + hidden / heads);
        }
    }

    /** TRM's attention: rotary embeddings with base 10000 on every head. */
    public static SelfAttention trm(int hidden, int heads) {
        return new SelfAttention(hidden, heads, new RotaryEmbedding(hidden / heads, RotaryEmbedding.TRM_BASE));
    }

    public int headDim() {
        return hidden / heads;
    }

    public Tensor apply(Tensor x, ParameterScope scope) {
        int b = x.dim(0);
        int s = x.dim(1);
        int hd = headDim();
        Tensor qkv = new Linear(hidden, 3 * hidden).apply(x, scope.child("qkv")).reshape(b, s, 3 * heads, hd);
        Tensor q = qkv.slice(2, 0, heads);
        Tensor k = qkv.slice(2, heads, 2 * heads);
        Tensor v = qkv.slice(2, 2 * heads, 3 * heads);
        if (rotary != null) {
            q = rotary.apply(q);
            k = rotary.apply(k);
        }
        // [B, S, H, hd] -> [B, H, S, hd]: one batched matmul per head.
        q = q.permute(0, 2, 1, 3);
        k = k.permute(0, 2, 3, 1);
        v = v.permute(0, 2, 1, 3);
        Tensor scores = q.matmul(k).mul((float) (1.0 / Math.sqrt(hd)));
        Tensor context = NN.softmax(scores, -1).matmul(v).permute(0, 2, 1, 3).reshape(b, s, hidden);
        return new Linear(hidden, hidden).apply(context, scope.child("out"));
    }

    public long parameterCount() {
        return 4L * hidden * hidden;
    }
}
