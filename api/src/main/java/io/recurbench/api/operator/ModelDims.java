package io.recurbench.api.operator;

/**
 * The model dimensions the scaffold fixes for every operator of a comparison.
 *
 * @param hiddenSize     D, the width of the hidden state
 * @param sequenceLength S, positions per example including the puzzle-embedding tokens
 *                       (ARC: 900 + 16, Sudoku: 81 + 16)
 * @param puzzleTokens   how many of the S positions are puzzle-embedding tokens (they come first)
 * @param heads          attention heads (TRM: 8); operators without attention may ignore it
 * @param expansion      MLP expansion factor of TRM's SwiGLU rule (TRM: 4)
 * @param normEps        ε of the operator's RMSNorms (TRM: 1e-5)
 */
public record ModelDims(int hiddenSize, int sequenceLength, int puzzleTokens, int heads, double expansion,
                        double normEps) {

    /** TRM's RMSNorm ε ({@code rms_norm_eps} in its config). */
    public static final double TRM_NORM_EPS = 1e-5;

    public ModelDims {
        require(hiddenSize > 0, "hiddenSize must be positive, got " + hiddenSize);
        require(sequenceLength > 0, "sequenceLength must be positive, got " + sequenceLength);
        require(puzzleTokens >= 0 && puzzleTokens < sequenceLength,
                "puzzleTokens must be in [0, sequenceLength), got " + puzzleTokens + " of " + sequenceLength);
        require(heads > 0 && hiddenSize % heads == 0,
                "heads must be positive and divide hiddenSize " + hiddenSize + ", got " + heads);
        require(expansion > 0 && Double.isFinite(expansion), "expansion must be positive, got " + expansion);
        require(normEps > 0 && Double.isFinite(normEps), "normEps must be positive, got " + normEps);
    }

    /** Dimensions with TRM's ε. */
    public ModelDims(int hiddenSize, int sequenceLength, int puzzleTokens, int heads, double expansion) {
        this(hiddenSize, sequenceLength, puzzleTokens, heads, expansion, TRM_NORM_EPS);
    }

    /** TRM's ARC-AGI-1 configuration: D = 512, 30×30 canvas + 16 puzzle tokens, 8 heads, expansion 4. */
    public static ModelDims trmArc() {
        return new ModelDims(512, 900 + 16, 16, 8, 4.0);
    }

    /** TRM's Sudoku-Extreme configuration: D = 512, 81 cells + 16 puzzle tokens, 8 heads, expansion 4. */
    public static ModelDims trmSudoku() {
        return new ModelDims(512, 81 + 16, 16, 8, 4.0);
    }

    /** Size of one attention head, {@code hiddenSize / heads}. */
    public int headDim() {
        return hiddenSize / heads;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("model dims: " + message);
        }
    }
}
