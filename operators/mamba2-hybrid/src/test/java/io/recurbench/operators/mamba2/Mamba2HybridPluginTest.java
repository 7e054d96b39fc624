package io.recurbench.operators.mamba2;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Mamba2HybridPluginTest {
    private static final double EPS = 1e-5;

    private static OperatorPlugin plugin() {
        return OperatorFixture.plugin("mamba2-hybrid");
    }

    /** The closed form of one Mamba-2 sub-layer's parameters, from the reference module's shapes. */
    private static long mambaCount(int d, int n, int headDim, int expand, int g, int k) {
        long di = (long) expand * d;
        long heads = di / headDim;
        long inProj = d * (2 * di + 2L * g * n + heads);
        long conv = (di + 2L * g * n) * k + (di + 2L * g * n);
        return inProj + conv + heads /* dt_bias */ + heads /* A_log */ + heads /* D */ + di /* norm */ + di * d;
    }

    @Test
    void isDiscoveredWithDefaultsOfTheReference() {
        OperatorPlugin p = plugin();
        OperatorPlugin.checkCompatible(p);
        HyperParameters h = p.hyperParameters().defaults();
        assertThat(h.asMap()).containsEntry("layers", 1).containsEntry("d_state", 128).containsEntry("head_dim", 64)
                .containsEntry("expand", 2).containsEntry("n_groups", 1).containsEntry("d_conv", 4)
                .containsEntry("chunk", 256).containsEntry("direction", "forward").containsEntry("mixer", "attention");
    }

    @Test
    void oneMambaSubLayerAtD512Has1719600Parameters() {
        assertThat(mambaCount(512, 128, 64, 2, 1, 4)).isEqualTo(1_719_600);
        assertThat(new Mamba2Config(512, 128, 64, 2, 1, 4, 256, false).parameterCount()).isEqualTo(1_719_600);
    }

    @Test
    void tracesAtTheArcShapeWithTheClosedFormCount() {
        ModelDims arc = ModelDims.trmArc();
        Graph g = OperatorFixture.trace(plugin().create(arc, plugin().hyperParameters().defaults()), arc, 1);
        long attention = 4L * 512 * 512;
        long swiglu = 3L * 512 * 1536;
        assertThat(OperatorFixture.parameterCount(g)).isEqualTo(2 * mambaCount(512, 128, 64, 2, 1, 4) + attention + swiglu)
                .isEqualTo(6_847_072);
        assertThat(g.parameters()).extracting(s -> s.name()).contains("layer0.mamba0.A_log", "layer0.mamba1.dt_bias",
                "layer0.attn.qkv.weight", "layer0.mlp.down.weight");
    }

    @Test
    void tracesAtTheSudokuShapeWithTheMlpMixer() {
        ModelDims sudoku = ModelDims.trmSudoku();
        HyperParameters p = plugin().hyperParameters().parse(Map.of("mixer", "mlp_t", "direction", "bidirectional"));
        Graph g = OperatorFixture.trace(plugin().create(sudoku, p), sudoku, 2);
        long seqMlp = 3L * 97 * 512;
        assertThat(OperatorFixture.parameterCount(g))
                .isEqualTo(2 * mambaCount(512, 128, 64, 2, 1, 4) + seqMlp + 3L * 512 * 1536);
    }

    @ParameterizedTest(name = "bidirectional={0}")
    @ValueSource(booleans = {false, true})
    void mambaSubLayerMatchesTheSequentialLoop(boolean bidirectional) {
        Mamba2Config cfg = new Mamba2Config(6, 4, 3, 2, 2, 3, 3, bidirectional);
        ModelDims dims = new ModelDims(6, 7, 1, 2, 2);
        Mamba2Layer layer = new Mamba2Layer(cfg, EPS);
        Graph g = OperatorFixture.trace((h, s) -> layer.apply(h, s.child("m")), dims, 2);
        assertThat(OperatorFixture.parameterCount(g)).isEqualTo(mambaCount(6, 4, 3, 2, 2, 3));
        Map<String, double[]> w = OperatorFixture.randomFeeds(g, 5, 0.1);
        double[] got = ReferenceInterpreter.runDoubles(g, w).get(OperatorFixture.OUTPUT);
        double[] want = NaiveMamba2.layer(cfg, EPS, w.get(OperatorFixture.INPUT), 2, 7, w, "m.");
        assertThat(OperatorFixture.maxAbsDiff(got, want)).isLessThan(1e-10);
    }

    @ParameterizedTest(name = "mixer={0}")
    @ValueSource(strings = {"attention", "mlp_t"})
    void hybridMatchesNaiveComposition(String mixer) {
        ModelDims dims = new ModelDims(8, 5, 1, 2, 2);
        HyperParameters p = plugin().hyperParameters().parse(Map.of("mixer", mixer, "d_state", 3, "head_dim", 4,
                "chunk", 2, "mlp_intermediate", 6));
        Graph g = OperatorFixture.trace(plugin().create(dims, p), dims, 2);
        Map<String, double[]> w = OperatorFixture.randomFeeds(g, 9, 0.1);
        double[] got = ReferenceInterpreter.runDoubles(g, w).get(OperatorFixture.OUTPUT);

        Mamba2Config cfg = new Mamba2Config(8, 3, 4, 2, 1, 4, 2, false);
        int rows = 2 * 5;
        double[] h = w.get(OperatorFixture.INPUT);
        h = Naive.postNorm(h, rows, 8, EPS, x -> NaiveMamba2.layer(cfg, EPS, x, 2, 5, w, "layer0.mamba0."));
        h = Naive.postNorm(h, rows, 8, EPS, x -> NaiveMamba2.layer(cfg, EPS, x, 2, 5, w, "layer0.mamba1."));
        if (mixer.equals("attention")) {
            h = Naive.postNorm(h, rows, 8, EPS, x -> Naive.attention(x, 2, 5, 8, 2, w.get("layer0.attn.qkv.weight"),
                    w.get("layer0.attn.out.weight"), 10000));
        } else {
            h = Naive.sequenceMlp(h, 2, 5, 8, 256, w.get("layer0.mlp_t.gate_up.weight"),
                    w.get("layer0.mlp_t.down.weight"), EPS);
        }
        h = Naive.postNorm(h, rows, 8, EPS, x -> Naive.swiglu(x, rows, 8, 6, w.get("layer0.mlp.gate_up.weight"),
                w.get("layer0.mlp.down.weight")));
        assertThat(OperatorFixture.maxAbsDiff(got, h)).isLessThan(1e-10);
    }

    @Test
    void inconsistentSizesFailWithOneLine() {
        ModelDims dims = new ModelDims(8, 5, 1, 2, 2);
        assertThatThrownBy(() -> plugin().create(dims, plugin().hyperParameters().parse(Map.of("head_dim", 5))))
                .hasMessage("operator 'mamba2-hybrid': head_dim 5 must divide d_inner = expand · D = 16");
        assertThatThrownBy(() -> plugin().create(dims, plugin().hyperParameters().parse(Map.of("head_dim", 4,
                "n_groups", 3)))).hasMessage("operator 'mamba2-hybrid': n_groups 3 must divide the number of heads"
                + " d_inner / head_dim = 4");
        assertThatThrownBy(() -> plugin().hyperParameters().parse(Map.of("direction", "backward")))
                .hasMessageContaining("'direction': expected one of forward | bidirectional");
    }

    @ParameterizedTest(name = "mixer={0}")
    @ValueSource(strings = {"attention", "mlp_t"})
    void hybridGradientsMatchFiniteDifferences(String mixer) {
        ModelDims dims = new ModelDims(8, 7, 1, 2, 2);
        HyperParameters p = plugin().hyperParameters().parse(Map.of("mixer", mixer, "d_state", 3, "head_dim", 4,
                "chunk", 3, "mlp_intermediate", 6, "n_groups", 2));
        Graph g = OperatorFixture.trace(plugin().create(dims, p), dims, 2);
        assertThat(OperatorFixture.checkGradients(g, OperatorFixture.randomFeeds(g, 41, 0.1), 42, 4)).isLessThan(1e-6);
    }

    @Test
    void bidirectionalMambaGradientsMatchFiniteDifferences() {
        Mamba2Config cfg = new Mamba2Config(6, 4, 3, 2, 2, 3, 3, true);
        ModelDims dims = new ModelDims(6, 7, 1, 2, 2);
        Mamba2Layer layer = new Mamba2Layer(cfg, EPS);
        Graph g = OperatorFixture.trace((h, s) -> layer.apply(h, s.child("m")), dims, 2);
        assertThat(OperatorFixture.checkGradients(g, OperatorFixture.randomFeeds(g, 43, 0.1), 44, 8)).isLessThan(1e-6);
    }

    @ParameterizedTest(name = "mixer={0}")
    @ValueSource(strings = {"attention", "mlp_t"})
    void float32CpuBackendMatchesTheReference(String mixer) {
        ModelDims dims = new ModelDims(32, 20, 4, 4, 4);
        HyperParameters p = plugin().hyperParameters().parse(Map.of("mixer", mixer, "d_state", 16, "head_dim", 16,
                "chunk", 8));
        Graph g = OperatorFixture.trace(plugin().create(dims, p), dims, 2);
        assertThat(OperatorFixture.float32Error(g, 45, 0.1)).isLessThan(1e-5);
    }

    @Test
    void tracingAndEvaluationAreDeterministic() {
        ModelDims dims = new ModelDims(8, 5, 1, 2, 2);
        HyperParameters p = plugin().hyperParameters().parse(Map.of("d_state", 3, "head_dim", 4, "chunk", 2,
                "direction", "bidirectional"));
        OperatorFixture.assertDeterministic(() -> plugin().create(dims, p), dims, 2);
    }
}
