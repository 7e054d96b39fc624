package io.recurbench.operators.mlpmixer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.operators.testing.Naive;
import io.recurbench.operators.testing.OperatorFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlpMixerPluginTest {

    private static OperatorPlugin plugin() {
        return OperatorFixture.plugin("mlp-mixer");
    }

    @Test
    void isDiscoveredByServiceLoader() {
        OperatorPlugin.checkCompatible(plugin());
        assertThat(plugin().hyperParameters().defaults().getInt("layers")).isEqualTo(2);
    }

    @Test
    void tracesAtTheSudokuShapeWithTheClosedFormCount() {
        ModelDims sudoku = ModelDims.trmSudoku();
        Graph g = OperatorFixture.trace(plugin().create(sudoku, plugin().hyperParameters().defaults()), sudoku, 2);
        long sequence = 3L * 97 * 512;    // S = 97: round(4·97·2/3) = 259 -> 512
        long channel = 3L * 512 * 1536;
        assertThat(OperatorFixture.parameterCount(g)).isEqualTo(2 * (sequence + channel)).isEqualTo(5_016_576);
    }

    @Test
    void tracesAtTheArcShape() {
        ModelDims arc = ModelDims.trmArc();
        Graph g = OperatorFixture.trace(plugin().create(arc, plugin().hyperParameters().defaults()), arc, 1);
        long sequence = 3L * 916 * 2560;  // round(4·916·2/3) = 2443 -> 2560
        assertThat(OperatorFixture.parameterCount(g)).isEqualTo(2 * (sequence + 3L * 512 * 1536));
    }

    @Test
    void forwardMatchesNaiveTrmMlpT() {
        ModelDims dims = new ModelDims(6, 5, 2, 1, 2);
        HyperParameters p = plugin().hyperParameters().parse(Map.of("mlp_intermediate", 7, "seq_intermediate", 4));
        Graph g = OperatorFixture.trace(plugin().create(dims, p), dims, 3);
        Map<String, double[]> w = OperatorFixture.randomFeeds(g, 13, 0.1);
        double[] got = ReferenceInterpreter.runDoubles(g, w).get(OperatorFixture.OUTPUT);

        double eps = dims.normEps();
        int rows = 3 * 5;
        double[] h = w.get(OperatorFixture.INPUT);
        for (int i = 0; i < 2; i++) {
            String l = "layer" + i + ".";
            h = Naive.sequenceMlp(h, 3, 5, 6, 4, w.get(l + "mlp_t.gate_up.weight"), w.get(l + "mlp_t.down.weight"), eps);
            h = Naive.postNorm(h, rows, 6, eps, x -> Naive.swiglu(x, rows, 6, 7, w.get(l + "mlp.gate_up.weight"),
                    w.get(l + "mlp.down.weight")));
        }
        assertThat(OperatorFixture.maxAbsDiff(got, h)).isLessThan(1e-10);
    }

    @Test
    void aWrongSequenceLengthFailsWithOneLine() {
        ModelDims dims = new ModelDims(6, 5, 2, 1, 2);
        ModelDims other = new ModelDims(6, 4, 2, 1, 2);
        assertThatThrownBy(() -> OperatorFixture.trace(plugin().create(dims, plugin().hyperParameters().defaults()),
                other, 1)).hasMessage("operator 'mlp-mixer' was built for sequence length 5, got hidden [1, 4, 6]");
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        ModelDims dims = new ModelDims(6, 5, 2, 1, 2);
        HyperParameters p = plugin().hyperParameters().parse(Map.of("mlp_intermediate", 7, "seq_intermediate", 4));
        Graph g = OperatorFixture.trace(plugin().create(dims, p), dims, 2);
        assertThat(OperatorFixture.checkGradients(g, OperatorFixture.randomFeeds(g, 31, 0.1), 32, 6)).isLessThan(1e-6);
    }

    @Test
    void float32CpuBackendMatchesTheReference() {
        ModelDims dims = new ModelDims(32, 20, 4, 4, 4);
        Graph g = OperatorFixture.trace(plugin().create(dims, plugin().hyperParameters().defaults()), dims, 2);
        assertThat(OperatorFixture.float32Error(g, 33, 0.1)).isLessThan(1e-5);
    }

    @Test
    void tracingAndEvaluationAreDeterministic() {
        ModelDims dims = new ModelDims(8, 5, 1, 2, 2);
        HyperParameters p = plugin().hyperParameters().parse(Map.of());
        OperatorFixture.assertDeterministic(() -> plugin().create(dims, p), dims, 2);
    }
}
