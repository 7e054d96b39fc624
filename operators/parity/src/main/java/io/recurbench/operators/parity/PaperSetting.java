package io.recurbench.operators.parity;

import java.util.List;
import java.util.Map;

/**
 * An operator at a configuration of the papers, with the count the papers (as the issue restates
 * them) publish where they do.
 *
 * @param config    the configuration
 * @param operator  the operator's plugin name
 * @param overrides hyper-parameters differing from the plugin's defaults
 * @param published the published total, or {@code null} where none is published
 * @param note      what the row is, for the table
 */
public record PaperSetting(ParityConfig config, String operator, Map<String, Object> overrides, Long published,
                           String note) {

    /** The rows of the parity table, published counts first. */
    public static final List<PaperSetting> ALL = List.of(
            new PaperSetting(ParityConfig.ARC, "transformer", Map.of(), 6_829_058L, "TRM-Att, 2 layers (6.83M)"),
            new PaperSetting(ParityConfig.ARC, "mamba2-hybrid", Map.of("mixer", "attention"), 6_860_386L,
                    "ARC hybrid, 1 layer, attention mixer (6.86M)"),
            new PaperSetting(ParityConfig.SUDOKU, "mlp-mixer", Map.of(), 5_028_866L, "TRM-MLP (mlp_t), 2 layers (5M)"),
            new PaperSetting(ParityConfig.ARC, "mlp-mixer", Map.of(), null, "mlp_t over 916 positions, 2 layers"),
            new PaperSetting(ParityConfig.SUDOKU, "transformer", Map.of(), null, "TRM-Att, 2 layers"),
            new PaperSetting(ParityConfig.SUDOKU, "mamba2-hybrid", Map.of("mixer", "mlp_t"), null,
                    "Sudoku hybrid, 1 layer, mlp_t mixer"));
}
