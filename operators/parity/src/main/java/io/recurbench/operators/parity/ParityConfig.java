package io.recurbench.operators.parity;

import io.recurbench.api.operator.ModelDims;

/**
 * A model configuration at which operators are compared: the scaffold's dimensions and vocabulary.
 *
 * @param name       short name ({@code arc}, {@code sudoku})
 * @param dims       the operator dimensions
 * @param vocabulary the token vocabulary V (for the scaffold's embedding and heads)
 */
public record ParityConfig(String name, ModelDims dims, int vocabulary) {

    /** TRM's ARC-AGI-1 setting: D = 512, 8 heads, expansion 4, V = 12, S = 900 + 16. */
    public static final ParityConfig ARC = new ParityConfig("arc", ModelDims.trmArc(), 12);

    /** TRM's Sudoku-Extreme setting: D = 512, expansion 4, V = 11, S = 81 + 16. */
    public static final ParityConfig SUDOKU = new ParityConfig("sudoku", ModelDims.trmSudoku(), 11);

    public ScaffoldParameters scaffold() {
        return new ScaffoldParameters(vocabulary, dims.hiddenSize());
    }

    public static ParityConfig named(String name) {
        return switch (name) {
            case "arc" -> ARC;
            case "sudoku" -> SUDOKU;
            default -> throw new IllegalArgumentException("unknown parity config '" + name + "'; known: arc, sudoku");
        };
    }
}
