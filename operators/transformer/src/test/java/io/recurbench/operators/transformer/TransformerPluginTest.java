package io.recurbench.operators.transformer;

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

class TransformerPluginTest {

    private static OperatorPlugin plugin() {
        return OperatorFixture.plugin("transformer");
    }

    @Test
    void isDiscoveredByServiceLoaderWithItsContract() {
        OperatorPlugin p = plugin();
        OperatorPlugin.checkCompatible(p);
        assertThat(p.hyperParameters().defaults().getInt("layers")).isEqualTo(2);
        assertThat(p.parityKnobs()).extracting(k -> k.name()).containsExactly("mlp_intermediate", "layers");
        assertThat(p.description()).contains("arXiv:2510.04871");
    }

    @Test
    void tracesAtTheArcAndSudokuShapesWithClosedFormCounts() {
        for (ModelDims dims : new ModelDims[] {ModelDims.trmArc(), ModelDims.trmSudoku()}) {
            Graph g = OperatorFixture.trace(plugin().create(dims, plugin().hyperParameters().defaults()), dims, 2);
            int d = dims.hiddenSize();
            int inter = 1536; // round(4·512·2/3) = 1365 -> next multiple of 256
            long perLayer = 3L * d * d + (long) d * d + 3L * d * inter;
            assertThat(OperatorFixture.parameterCount(g)).isEqualTo(2 * perLayer).isEqualTo(6_815_744);
            assertThat(g.parameters()).extracting(s -> s.name()).containsExactly(
                    "layer0.attn.qkv.weight", "layer0.attn.out.weight", "layer0.mlp.gate_up.weight",
                    "layer0.mlp.down.weight", "layer1.attn.qkv.weight", "layer1.attn.out.weight",
                    "layer1.mlp.gate_up.weight", "layer1.mlp.down.weight");
        }
    }

    @Test
    void countFollowsTheKnobs() {
        ModelDims dims = new ModelDims(64, 10, 2, 4, 4);
        HyperParameters p = plugin().hyperParameters().parse(Map.of("layers", 3, "mlp_intermediate", 100));
        Graph g = OperatorFixture.trace(plugin().create(dims, p), dims, 1);
        assertThat(OperatorFixture.parameterCount(g)).isEqualTo(3 * (4L * 64 * 64 + 3L * 64 * 100));
    }

    @Test
    void forwardMatchesNaiveTwoLayerNetwork() {
        ModelDims dims = new ModelDims(8, 6, 2, 2, 2);
        int inter = 256; // TRM's rule at D = 8: round(10.67) = 11 -> 256
        Graph g = OperatorFixture.trace(plugin().create(dims, plugin().hyperParameters().defaults()), dims, 2);
        Map<String, double[]> w = OperatorFixture.randomFeeds(g, 11, 0.1);
        double[] got = ReferenceInterpreter.runDoubles(g, w).get(OperatorFixture.OUTPUT);

        double eps = dims.normEps();
        int rows = 2 * 6;
        double[] h = w.get(OperatorFixture.INPUT);
        for (int i = 0; i < 2; i++) {
            String l = "layer" + i + ".";
            h = Naive.postNorm(h, rows, 8, eps, x -> Naive.attention(x, 2, 6, 8, 2, w.get(l + "attn.qkv.weight"),
                    w.get(l + "attn.out.weight"), 10000));
            h = Naive.postNorm(h, rows, 8, eps, x -> Naive.swiglu(x, rows, 8, inter, w.get(l + "mlp.gate_up.weight"),
                    w.get(l + "mlp.down.weight")));
        }
        assertThat(OperatorFixture.maxAbsDiff(got, h)).isLessThan(1e-10);
    }

    @Test
    void tracingAndEvaluationAreDeterministic() {
        ModelDims dims = new ModelDims(8, 5, 1, 2, 2);
        HyperParameters p = plugin().hyperParameters().defaults();
        OperatorFixture.assertDeterministic(() -> plugin().create(dims, p), dims, 1);
    }

    @Test
    void badDimensionsFailWithOneLine() {
        ModelDims oddHeads = new ModelDims(6, 4, 0, 2, 4);
        assertThatThrownBy(() -> plugin().create(oddHeads, plugin().hyperParameters().defaults()))
                .hasMessage("operator 'transformer': rope needs an even head size (hidden / heads), got 3");
        assertThat(plugin().create(oddHeads, plugin().hyperParameters().parse(Map.of("rope", false)))).isNotNull();
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        ModelDims dims = new ModelDims(8, 5, 1, 2, 2);
        Graph g = OperatorFixture.trace(plugin().create(dims, plugin().hyperParameters().parse(
                Map.of("mlp_intermediate", 6))), dims, 2);
        assertThat(OperatorFixture.checkGradients(g, OperatorFixture.randomFeeds(g, 21, 0.1), 22, 6)).isLessThan(1e-6);
    }

    @Test
    void float32CpuBackendMatchesTheReference() {
        ModelDims dims = new ModelDims(32, 20, 4, 4, 4);
        Graph g = OperatorFixture.trace(plugin().create(dims, plugin().hyperParameters().defaults()), dims, 2);
        assertThat(OperatorFixture.float32Error(g, 23, 0.1)).isLessThan(1e-5);
    }
}
