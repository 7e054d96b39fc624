package io.recurbench.operators.parity;

/**
 * Parameters of TRM's scaffold around the operator, which a parity budget includes: the token
 * embedding {@code [V, D]}, the LM head {@code [D, V]} (no bias) and the Q (halt) head {@code [D, 2]}
 * with bias — {@code 2·V·D + 2·D + 2}. The initial states {@code H_init}/{@code L_init} are buffers,
 * not trained parameters, and the per-puzzle embedding table is excluded: TRM trains it as a separate
 * sparse buffer with its own optimizer, and its size depends on the data set, not the operator.
 * Source: SamsungSAILMontreal/TinyRecursiveModels, {@code models/recursive_reasoning/trm.py},
 * {@code TinyRecursiveReasoningModel_ACTV1_Inner.__init__} ({@code embed_tokens}, {@code lm_head},
 * {@code q_head}). ARC (V = 12, D = 512): 13,314; Sudoku (V = 11): 12,290.
 *
 * @param vocabulary V
 * @param hidden     D
 */
public record ScaffoldParameters(int vocabulary, int hidden) {

    public long embedding() {
        return (long) vocabulary * hidden;
    }

    public long lmHead() {
        return (long) hidden * vocabulary;
    }

    public long qHead() {
        return 2L * hidden + 2;
    }

    public long count() {
        return embedding() + lmHead() + qHead();
    }
}
