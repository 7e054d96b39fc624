package io.recurbench.engine.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.recurbench.api.DType;
import io.recurbench.api.NN;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.engine.trace.GraphBuilder;
import io.recurbench.engine.trace.Tracer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Chains of primitives as operators write them (through the api facade and {@link NN}), checked
 * against central finite differences: the rules compose, including through stopGradient'd maxima,
 * masks, broadcasts and shared operands.
 */
class CompositeGradientTest {

    private static Tensor t(GradCheck c, int id) {
        return c.tracer.tensor(id);
    }

    private static int id(GradCheck c, Tensor x) {
        return c.tracer.id(x);
    }

    @Test
    void softmaxCrossEntropyWithIgnoredPositions() {
        GradCheck c = new GradCheck(201);
        Tensor logits = t(c, c.input("logits", Shape.of(2, 3, 5), -3, 3));
        Tensor labels = t(c, c.intInput("labels", Shape.of(2, 3), 4, 0, -100, 2, 2, 1));
        c.check(id(c, NN.crossEntropy(logits, labels, -100).mean()));
    }

    @Test
    void stableMaxCrossEntropy() {
        GradCheck c = new GradCheck(202);
        double[] v = c.distinct(12, -3, 3, 0.01);
        Tensor logits = t(c, c.input("logits", Shape.of(3, 4), v));
        Tensor labels = t(c, c.intInput("labels", Shape.of(3), 1, 3, 0));
        c.check(id(c, NN.stableMaxCrossEntropy(logits, labels, -100).mean()));
    }

    @Test
    void rmsNormThenScale() {
        GradCheck c = new GradCheck(203);
        Tensor x = t(c, c.input("x", Shape.of(3, 4), -2, 2));
        Tensor scale = t(c, c.parameter("scale", Shape.of(4), 0.5, 1.5));
        c.check(id(c, NN.rmsNorm(x, NN.TRM_RMS_EPS).mul(scale)));
    }

    @Test
    void attentionLikeMatmulChain() {
        GradCheck c = new GradCheck(204);
        Shape s = Shape.of(2, 3, 4);
        Tensor q = t(c, c.input("q", s, -1, 1));
        Tensor k = t(c, c.input("k", s, -1, 1));
        Tensor v = t(c, c.input("v", s, -1, 1));
        Tensor wo = t(c, c.parameter("wo", Shape.of(4, 4), -1, 1));
        Tensor scores = q.matmul(k.transpose(-1, -2)).div((float) Math.sqrt(4));
        Tensor attended = NN.softmax(scores, -1).matmul(v);
        c.check(id(c, NN.silu(attended.matmul(wo)).add(attended)));
    }

    @Test
    void segmentSumDecayMatrixApplied() {
        GradCheck c = new GradCheck(205);
        Tensor a = t(c, c.input("a", Shape.of(2, 4), -1, 0));
        Tensor x = t(c, c.input("x", Shape.of(2, 4, 3), -1, 1));
        // exp(segsum) is the causal decay matrix of Mamba-2's SSD; -inf above the diagonal becomes 0
        c.check(id(c, NN.segmentSum(a).exp().matmul(x)));
    }

    @Test
    void causalDepthwiseConvAndSoftplus() {
        GradCheck c = new GradCheck(206);
        Tensor x = t(c, c.input("x", Shape.of(2, 5, 3), -1, 1));
        Tensor w = t(c, c.parameter("w", Shape.of(3, 4), -1, 1));
        Tensor bias = t(c, c.parameter("bias", Shape.of(3), -1, 1));
        c.check(id(c, NN.softplus(NN.causalDepthwiseConv1d(x, w, bias))));
    }

    @Test
    void logSoftmaxMeanAndSharedOperands() {
        GradCheck c = new GradCheck(207);
        Tensor x = t(c, c.input("x", Shape.of(3, 4), -2, 2));
        Tensor y = NN.logSoftmax(x, 0).mul(x.sigmoid()).add(x.mean(true, 1));
        c.check(id(c, y));
    }

    /**
     * TRM's deep recursion: H−1 cycles under stopGradient, then one with gradient. The gradient of
     * the whole must equal that of the last cycle alone applied to the earlier cycles' output fed
     * as a constant input.
     */
    @Test
    void noGradientCyclesContributeOnlyTheirValue() {
        double[] xs = {0.3, -0.5, 0.8, 0.1, -0.2, 0.6};
        double[] ws = {0.5, -0.4, 0.3, 0.2, 0.7, -0.6, 0.1, 0.4, -0.3};
        Shape xShape = Shape.of(2, 3);
        Shape wShape = Shape.of(3, 3);

        Tracer full = new Tracer(new GraphBuilder());
        Tensor x = full.input("x", xShape, DType.F32);
        Tensor w = full.parameter("w", wShape, io.recurbench.api.Initializer.zeros());
        Tensor z = x;
        for (int cycle = 0; cycle < 2; cycle++) {
            z = z.matmul(w).add(x).tanh().stopGradient();
        }
        Tensor last = z.matmul(w).add(x).tanh();
        full.output("loss", last.mul(last).sum());
        full.output("zPrev", z);
        Graph fullGraph = Autodiff.gradients(full.build(), "loss", List.of("w"));
        Map<String, double[]> fullOut = ReferenceInterpreter.runDoubles(fullGraph, Map.of("x", xs, "w", ws));

        Tracer single = new Tracer(new GraphBuilder());
        Tensor x2 = single.input("x", xShape, DType.F32);
        Tensor zPrev = single.input("zPrev", xShape, DType.F32);
        Tensor w2 = single.parameter("w", wShape, io.recurbench.api.Initializer.zeros());
        Tensor last2 = zPrev.matmul(w2).add(x2).tanh();
        single.output("loss", last2.mul(last2).sum());
        Graph singleGraph = Autodiff.gradients(single.build(), "loss", List.of("w"));
        Map<String, double[]> singleOut = ReferenceInterpreter.runDoubles(singleGraph,
                Map.of("x", xs, "w", ws, "zPrev", fullOut.get("zPrev")));

        assertThat(fullOut.get("grad/w")).containsExactly(singleOut.get("grad/w"), within(1e-14));
        assertThat(fullOut.get("grad/w")).as("the last cycle has a gradient").isNotEqualTo(new double[9]);
    }
}
