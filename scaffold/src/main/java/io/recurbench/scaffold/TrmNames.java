package io.recurbench.scaffold;

/**
 * The names of the inputs, outputs and parameters of the scaffold's graphs: the contract between
 * {@link TrmModel}, the Java loops ({@link Trainer}, {@link Evaluator}) and weight import/export.
 * Parameter names are dotted and stable; {@code docs/scaffold.md} maps them to TRM's PyTorch names.
 */
public final class TrmNames {
    private TrmNames() {}

    // ---- parameters (the operator's own live under NET + ".") ----------------------------------
    /** Token embedding {@code [V, D]} (TRM {@code inner.embed_tokens.embedding_weight}). */
    public static final String EMBED_TOKENS = "embed.tokens";
    /** Learned positions {@code [S, D]} (TRM {@code inner.embed_pos.embedding_weight}), only with {@code learned}. */
    public static final String EMBED_POSITIONS = "embed.positions";
    /** Scope of the operator's parameters (TRM {@code inner.L_level.*}). */
    public static final String NET = "net";
    /** LM head {@code [D, V]} (TRM {@code inner.lm_head.weight}, stored there as {@code [V, D]}). */
    public static final String LM_HEAD = "head.lm.weight";
    /** Q head weight {@code [D, 2]} (TRM {@code inner.q_head.weight}, there {@code [2, D]}); column 0 is "halt". */
    public static final String Q_HEAD_WEIGHT = "head.q.weight";
    /** Q head bias {@code [2]} (TRM {@code inner.q_head.bias}). */
    public static final String Q_HEAD_BIAS = "head.q.bias";
    /** Initial answer state {@code [D]}, fixed after initialisation (TRM buffer {@code inner.H_init}). */
    public static final String INIT_Y = "init.y";
    /** Initial latent state {@code [D]}, fixed after initialisation (TRM buffer {@code inner.L_init}). */
    public static final String INIT_Z = "init.z";
    /** The puzzle-embedding table {@code [ids, ndim]}, held in Java (TRM buffer {@code inner.puzzle_emb.weights}). */
    public static final String PUZZLE_TABLE = "puzzle.embedding";

    // ---- inputs -------------------------------------------------------------------------------
    /** I32 {@code [B, A]} input tokens of the answer positions. */
    public static final String INPUTS = "batch/inputs";
    /** I32 {@code [B, A]} labels, {@code -100} where not scored. */
    public static final String LABELS = "batch/labels";
    /** F32 {@code [B, ndim]} the puzzle-embedding rows of the batch's examples (gathered in Java). */
    public static final String PUZZLE_ROWS = "batch/puzzle_rows";
    /** F32 {@code [B, S, D]} answer state y (TRM z_H) carried from the previous supervision step. */
    public static final String CARRY_Y = "carry/y";
    /** F32 {@code [B, S, D]} latent state z (TRM z_L). */
    public static final String CARRY_Z = "carry/z";
    /** F32 {@code [B]}: 1 where the example starts (states reset to {@link #INIT_Y}/{@link #INIT_Z}), else 0. */
    public static final String RESET = "carry/reset";

    // ---- outputs ------------------------------------------------------------------------------
    /** Scalar training loss: mean over the batch of (answer loss + 0.5 · halting BCE). */
    public static final String LOSS = "loss";
    /** F32 {@code [B]} answer loss per example (mean over its labelled cells). */
    public static final String LM_LOSS = "out/lm_loss";
    /** F32 {@code [B]} halting BCE per example. */
    public static final String HALT_LOSS = "out/halt_loss";
    /** I32 {@code [B, A]} argmax tokens. */
    public static final String PREDICTIONS = "out/predictions";
    /** F32 {@code [B]} halting logit (Q head column 0). */
    public static final String HALT_LOGIT = "out/halt_logit";
    /** F32 {@code [B]} correctly predicted labelled cells. */
    public static final String CORRECT_CELLS = "out/correct_cells";
    /** F32 {@code [B]} labelled cells. */
    public static final String LABELLED_CELLS = "out/labelled_cells";
    /** F32 {@code [B]} 1 where every labelled cell is correct. */
    public static final String EXACT = "out/exact";
    /** F32 {@code [B, S, D]} y after this step (the next carry). */
    public static final String NEXT_Y = "next/y";
    /** F32 {@code [B, S, D]} z after this step. */
    public static final String NEXT_Z = "next/z";
    /** F32 {@code [B, ndim]} gradient of the loss with respect to {@link #PUZZLE_ROWS} (train step only). */
    public static final String PUZZLE_ROWS_GRAD = "grad/" + PUZZLE_ROWS;

    /** I32 {@code [B, A]} argmax tokens after latent cycle {@code c} (0-based) of the eval step. */
    public static String cyclePredictions(int c) {
        return "cycle" + c + "/predictions";
    }

    /** F32 {@code [B]} mean entropy (nats) of the answer distribution over labelled cells after cycle {@code c}. */
    public static String cycleEntropy(int c) {
        return "cycle" + c + "/entropy";
    }

    /** F32 {@code [B]} ‖y_c − y_{c−1}‖ (Frobenius over positions and channels), y_{−1} the step's input state. */
    public static String cycleDrift(int c) {
        return "cycle" + c + "/drift";
    }
}
