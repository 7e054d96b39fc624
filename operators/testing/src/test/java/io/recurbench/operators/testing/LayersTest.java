package io.recurbench.operators.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.layers.PostNorm;
import io.recurbench.api.layers.RotaryEmbedding;
import io.recurbench.api.layers.SelfAttention;
import io.recurbench.api.layers.SequenceMixingMlp;
import io.recurbench.api.layers.SwiGLU;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.RecursiveOperator;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.reference.ReferenceInterpreter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared layers of {@code io.recurbench.api.layers} against the float64 loops of {@link Naive}. */
class LayersTest {
    private static final double EPS = 1e-5;

    @Test
    void swigluIntermediateFollowsTrmRule() {
        assertThat(SwiGLU.trmIntermediate(512, 4)).isEqualTo(1536);  // round(1365.33) -> 1536
        assertThat(SwiGLU.trmIntermediate(97, 4)).isEqualTo(512);    // round(258.67) = 259 -> 512
        assertThat(SwiGLU.trmIntermediate(916, 4)).isEqualTo(2560);  // round(2442.67) -> 2560
        assertThat(SwiGLU.trmIntermediate(384, 1)).isEqualTo(256);   // exactly 256 stays
        assertThat(SwiGLU.trmIntermediate(3, 0.75)).isEqualTo(256);  // Python round(1.5) = 2 -> 256
        assertThat(SwiGLU.trm(512, 4).parameterCount()).isEqualTo(2_359_296);
        assertThat(SelfAttention.trm(512, 8).parameterCount()).isEqualTo(1_048_576);
    }

    @Test
    void swigluMatchesNaive() {
        ModelDims dims = new ModelDims(6, 5, 1, 2, 4);
        SwiGLU mlp = new SwiGLU(6, 7);
        Map<String, double[]> feeds = check((h, s) -> mlp.apply(h, s.child("mlp")), dims, 2,
                (w, x) -> Naive.swiglu(x, 10, 6, 7, w.get("mlp.gate_up.weight"), w.get("mlp.down.weight")));
        assertThat(feeds).containsOnlyKeys("mlp.gate_up.weight", "mlp.down.weight", OperatorFixture.INPUT);
    }

    @Test
    void attentionWithRotaryMatchesNaiveSoftmaxLoop() {
        ModelDims dims = new ModelDims(8, 6, 2, 2, 4);
        SelfAttention attn = SelfAttention.trm(8, 2);
        check((h, s) -> attn.apply(h, s.child("attn")), dims, 2,
                (w, x) -> Naive.attention(x, 2, 6, 8, 2, w.get("attn.qkv.weight"), w.get("attn.out.weight"), 10000));
    }

    @Test
    void attentionWithoutRotaryMatchesNaive() {
        ModelDims dims = new ModelDims(12, 5, 1, 3, 4);
        SelfAttention attn = new SelfAttention(12, 3, null);
        check((h, s) -> attn.apply(h, s.child("attn")), dims, 1,
                (w, x) -> Naive.attention(x, 1, 5, 12, 3, w.get("attn.qkv.weight"), w.get("attn.out.weight"), 0));
    }

    @Test
    void rotaryIsAPositionDependentRotation() {
        RotaryEmbedding rope = new RotaryEmbedding(4, 10000);
        float[] cos = rope.table(3, false);
        float[] sin = rope.table(3, true);
        // position 0: identity; frequencies 1 and 1/100 shared by the two halves
        assertThat(cos).startsWith(1f, 1f, 1f, 1f);
        assertThat(cos[4]).isEqualTo((float) Math.cos(1)).isEqualTo(cos[6]);
        assertThat(sin[5]).isEqualTo((float) Math.sin(0.01)).isEqualTo(sin[7]);
        assertThatThrownBy(() -> new RotaryEmbedding(5, 10000)).hasMessageContaining("even head size");
    }

    @Test
    void sequenceMlpNormalisesAcrossPositions() {
        ModelDims dims = new ModelDims(4, 7, 2, 1, 4);
        SequenceMixingMlp mlp = new SequenceMixingMlp(new SwiGLU(7, 5), EPS);
        check((h, s) -> mlp.apply(h, s.child("mlp_t")), dims, 2,
                (w, x) -> Naive.sequenceMlp(x, 2, 7, 4, 5, w.get("mlp_t.gate_up.weight"), w.get("mlp_t.down.weight"), EPS));
    }

    @Test
    void postNormIsRmsNormOfTheResidualSum() {
        ModelDims dims = new ModelDims(6, 3, 0, 1, 4);
        SwiGLU mlp = new SwiGLU(6, 4);
        check((h, s) -> PostNorm.apply(h, x -> mlp.apply(x, s), EPS), dims, 2,
                (w, x) -> Naive.postNorm(x, 6, 6, EPS, v -> Naive.swiglu(v, 6, 6, 4, w.get("gate_up.weight"),
                        w.get("down.weight"))));
    }

    /** Traces {@code op}, runs it in float64 on random feeds, compares with {@code naive}; returns the feeds. */
    static Map<String, double[]> check(RecursiveOperator op, ModelDims dims, int batch,
                                       java.util.function.BiFunction<Map<String, double[]>, double[], double[]> naive) {
        Graph g = OperatorFixture.trace(op, dims, batch);
        Map<String, double[]> feeds = OperatorFixture.randomFeeds(g, 7, 0.1);
        double[] got = ReferenceInterpreter.runDoubles(g, feeds).get(OperatorFixture.OUTPUT);
        double[] want = naive.apply(feeds, feeds.get(OperatorFixture.INPUT));
        assertThat(OperatorFixture.maxAbsDiff(got, want)).isLessThan(1e-10);
        return feeds;
    }
}
