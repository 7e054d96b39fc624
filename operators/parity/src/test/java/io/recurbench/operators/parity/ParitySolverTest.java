package io.recurbench.operators.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.operator.HyperParameter;
import io.recurbench.api.operator.HyperParameterSpec;
import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ParityKnob;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParitySolverTest {

    private static final HyperParameterSpec SPEC = HyperParameterSpec.of("operator 'toy'",
            HyperParameter.integer("width", 10, 1, 1000, "width"),
            HyperParameter.integer("layers", 1, 1, 8, "layers"));
    private static final List<ParityKnob> KNOBS = List.of(new ParityKnob("width", 1, 1000, "width"),
            new ParityKnob("layers", 1, 8, "layers"));

    /** A toy operator: layers × (1000·width + 17) parameters, scaffold 500. */
    private static final ParitySolver TOY = new ParitySolver("toy", KNOBS, 500,
            p -> p.getInt("layers") * (1000L * p.getInt("width") + 17));

    @Test
    void bisectionFindsTheClosestWidth() {
        HyperParameters defaults = SPEC.defaults();
        ParitySolver.Solution s = TOY.solve(defaults, "width", new Budget(123_456, 0.005));
        // 1000·w + 517 closest to 123,456 at w = 123 (123,517)
        assertThat(s.converged()).isTrue();
        assertThat(s.value()).isEqualTo(123);
        assertThat(s.check().total()).isEqualTo(123_517);
        assertThat(s.explanation()).startsWith("toy: width = 123 gives 123,517 parameters").contains("within tolerance")
                .endsWith("; width = 122 gives 122,517 (-0.761%)");
    }

    @Test
    void aCoarseKnobFailsWithTheStepAndTheAlternatives() {
        ParitySolver.Solution s = TOY.solve(SPEC.defaults().with("width", 100), "layers", new Budget(250_000, 0.005));
        assertThat(s.converged()).isFalse();
        assertThat(s.value()).isEqualTo(2);
        assertThat(s.explanation()).isEqualTo("toy: no value of layers in [1, 8] is within 250,000 ±0.50%: the closest,"
                + " layers = 2, gives 200,534 (-19.786%); layers = 3 gives 300,551 (+20.220%); one step of layers changes"
                + " the count by 100,017, more than the tolerance band of ±1,250; try another knob (width) or widen the"
                + " tolerance");
    }

    @Test
    void anUnreachableBudgetIsExplained() {
        ParitySolver.Solution high = TOY.solve(SPEC.defaults(), "width", new Budget(5_000_000, 0.005));
        assertThat(high.converged()).isFalse();
        assertThat(high.value()).isEqualTo(1000);
        assertThat(high.explanation()).contains("width = 1000, the top of its range, gives only 1,000,517")
                .contains("out of reach");
        ParitySolver.Solution low = TOY.solve(SPEC.defaults().with("layers", 8), "width", new Budget(1_000, 0.005));
        assertThat(low.converged()).isFalse();
        assertThat(low.explanation()).contains("the bottom of its range, already gives 8,636");
    }

    @Test
    void misuseFailsWithOneLine() {
        assertThatThrownBy(() -> TOY.solve(SPEC.defaults(), "depth", new Budget(1000, 0.01)))
                .hasMessage("toy: 'depth' is not a parity knob; knobs: [width, layers]");
        ParitySolver shrinking = new ParitySolver("bad", KNOBS, 0, p -> 10_000L - p.getInt("width"));
        assertThatThrownBy(() -> shrinking.solve(SPEC.defaults(), "width", new Budget(9_500, 0.01)))
                .hasMessageContaining("the count falls from 9,999 at width = 1 to 9,000 at width = 1000");
    }

    @Test
    void realOperatorsConvergeOrExplain() {
        ParityTable table = ParityTable.discover();
        Budget trmAtt = new Budget(6_829_058, 0.001);
        ParitySolver mamba = ParitySolver.forPlugin(table.plugin("mamba2-hybrid"), ParityConfig.ARC);
        HyperParameters hybrid = table.paperParams("mamba2-hybrid", ParityConfig.ARC);
        assertThat(mamba.check(hybrid, trmAtt).within()).isFalse(); // +0.46% > 0.1%
        ParitySolver.Solution s = mamba.solve(hybrid, "d_state", trmAtt);
        assertThat(s.converged()).isTrue();
        // each unit of d_state adds 2 × (2·512 + 2·(4 + 1)) = 2,068 parameters
        assertThat(s.value()).isEqualTo(113);
        assertThat(s.check().total()).isEqualTo(6_860_386 - 15 * 2_068);

        ParitySolver transformer = ParitySolver.forPlugin(table.plugin("transformer"), ParityConfig.SUDOKU);
        ParitySolver.Solution coarse = transformer.solve(table.paperParams("transformer", ParityConfig.SUDOKU),
                "layers", new Budget(5_028_866, 0.005));
        assertThat(coarse.converged()).isFalse();
        assertThat(coarse.explanation()).isEqualTo("transformer: no value of layers in [1, 64] is within 5,028,866"
                + " ±0.50%: the closest, layers = 1, gives 3,420,162 (-31.989%); layers = 2 gives 6,828,034 (+35.777%);"
                + " one step of layers changes the count by 3,407,872, more than the tolerance band of ±25,144;"
                + " try another knob (mlp_intermediate) or widen the tolerance");
        ParitySolver.Solution fine = transformer.solve(table.paperParams("transformer", ParityConfig.SUDOKU),
                "mlp_intermediate", new Budget(5_028_866, 0.005));
        assertThat(fine.converged()).isTrue();
    }

    @Test
    void budgetsParseAsWritten() {
        assertThat(Budget.parseCount("6.83M")).isEqualTo(6_830_000);
        assertThat(Budget.parseCount("6,829,058")).isEqualTo(6_829_058);
        assertThat(Budget.parseCount("850k")).isEqualTo(850_000);
        assertThat(Budget.parseTolerance("0.5%")).isEqualTo(0.005);
        assertThat(Budget.parseTolerance("0.01")).isEqualTo(0.01);
        assertThatThrownBy(() -> Budget.parseCount("lots")).hasMessage(
                "budget 'lots': expected a count like 6829058, 6.83M or 850k");
        assertThatThrownBy(() -> ParityTable.run(new String[] {"--budget"})).hasMessageContaining("usage: ParityTable");
        assertThatThrownBy(() -> ParityTable.run(new String[] {"--budget", "5M", "--solve", "nope:x"}))
                .hasMessageContaining("unknown operator 'nope'; known: [mamba2-hybrid, mlp-mixer, transformer]");
    }
}
