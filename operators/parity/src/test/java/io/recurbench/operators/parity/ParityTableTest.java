package io.recurbench.operators.parity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The papers' counts, reproduced exactly from the declarations of the operators found by ServiceLoader. */
class ParityTableTest {

    private static final ParityTable TABLE = ParityTable.discover();

    @Test
    void theThreeBuiltInsAreDiscoveredAsPlugins() {
        assertThat(TABLE.plugins().keySet()).containsExactly("mamba2-hybrid", "mlp-mixer", "transformer");
    }

    @Test
    void scaffoldIsEmbeddingAndHeads() {
        assertThat(ParityConfig.ARC.scaffold().count()).isEqualTo(12 * 512 + 512 * 12 + 512 * 2 + 2).isEqualTo(13_314);
        assertThat(ParityConfig.SUDOKU.scaffold().count()).isEqualTo(12_290);
    }

    @Test
    void publishedCountsAreReproducedExactly() {
        for (PaperSetting s : PaperSetting.ALL) {
            if (s.published() != null) {
                assertThat(TABLE.total(s)).as(s.operator() + " at " + s.config().name()).isEqualTo(s.published());
            }
        }
        assertThat(TABLE.total(PaperSetting.ALL.get(0))).isEqualTo(6_829_058L);
        assertThat(TABLE.total(PaperSetting.ALL.get(1))).isEqualTo(6_860_386L);
        assertThat(TABLE.total(PaperSetting.ALL.get(2))).isEqualTo(5_028_866L);
    }

    @Test
    void tablePrintsEveryRowAndMarksExactMatches() {
        String table = TABLE.renderPaperTable();
        System.out.print(table);
        assertThat(table).contains("| arc | transformer | TRM-Att, 2 layers (6.83M) | 6,815,744 | 13,314 | 6,829,058 | 6,829,058 (exact) |");
        assertThat(table).contains("6,860,386 (exact)").contains("5,028,866 (exact)").doesNotContain("MISMATCH");
        assertThat(table.lines().count()).isEqualTo(2 + PaperSetting.ALL.size());
    }

    @Test
    void budgetCommandListsDeltasAndSolves() {
        String out = ParityTable.run(new String[] {"--budget", "6.83M", "--solve", "mamba2-hybrid:d_state"});
        System.out.print(out);
        assertThat(out).contains("| transformer | 6,829,058 | -0.014% | within |")
                .contains("| mamba2-hybrid | 6,860,386 | +0.445% | within |");
        assertThat(out).contains("mamba2-hybrid: d_state = ");
    }

    @Test
    void aCheckExplainsItselfInOneLine() {
        ParityCheck hybrid = ParitySolver.forPlugin(TABLE.plugin("mamba2-hybrid"), ParityConfig.ARC)
                .check(TABLE.paperParams("mamba2-hybrid", ParityConfig.ARC), new Budget(6_829_058, 0.005));
        assertThat(hybrid.explain()).isEqualTo("mamba2-hybrid: 6,860,386 parameters (operator 6,847,072 + scaffold"
                + " 13,314), +0.459% from budget 6,829,058 ±0.50%: within tolerance");
        assertThat(hybrid.within()).isTrue();
        assertThat(new ParityCheck("x", hybrid.params(), 100, 0, new Budget(200, 0.1)).explain())
                .endsWith("-50.000% from budget 200 ±10.00%: outside tolerance");
    }
}
