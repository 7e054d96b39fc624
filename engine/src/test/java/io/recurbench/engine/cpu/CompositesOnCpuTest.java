package io.recurbench.engine.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.NN;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.engine.trace.Tracer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The {@link NN} composites and a traced attention block on the CPU backend vs the float64 reference. */
class CompositesOnCpuTest {

    private final Random rnd = new Random(99);
    private final Tracer t = new Tracer();
    private final Map<String, HostTensor> feeds = new HashMap<>();

    private Tensor in(String name, int... dims) {
        float[] v = Naive.randoms(rnd, Naive.size(dims));
        feeds.put(name, HostTensor.of(Shape.of(dims), v));
        return t.input(name, Shape.of(dims), DType.F32);
    }

    private Tensor param(String name, int... dims) {
        float[] v = Naive.randoms(rnd, Naive.size(dims));
        for (int i = 0; i < v.length; i++) {
            v[i] *= 0.3f;
        }
        feeds.put(name, HostTensor.of(Shape.of(dims), v));
        return t.parameter(name, Shape.of(dims), Initializer.zeros());
    }

    private Map<String, HostTensor> compareAll() {
        Graph g = t.build();
        Map<String, double[]> expected = ReferenceInterpreter.run(g, feeds);
        try (CpuExecutable exe = new CpuBackend().compile(g)) {
            Map<String, HostTensor> actual = exe.run(feeds);
            expected.forEach((name, e) -> Naive.assertClose(actual.get(name).f32(), e, 1e-5, name));
            return actual;
        }
    }

    @Test
    void nnCompositesMatchTheReference() {
        Tensor x = in("x", 3, 4, 7);
        int[] labels = new int[12];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 5 == 0 ? -100 : rnd.nextInt(7);
        }
        feeds.put("labels", HostTensor.ofInts(Shape.of(3, 4), labels));
        Tensor lab = t.input("labels", Shape.of(3, 4), DType.I32);
        t.output("softmax", NN.softmax(x, -1));
        t.output("logSoftmax", NN.logSoftmax(x, 1));
        t.output("rmsNorm", NN.rmsNorm(x, NN.TRM_RMS_EPS));
        t.output("silu", NN.silu(x));
        t.output("softplus", NN.softplus(x.mul(30f)));
        t.output("ce", NN.crossEntropy(x, lab, -100).mean());
        t.output("stableCe", NN.stableMaxCrossEntropy(x, lab, -100).mean());
        t.output("conv", NN.causalDepthwiseConv1d(x, in("w", 7, 3), in("b", 7)));
        t.output("segsum", NN.segmentSum(in("a", 2, 5)).maximum(-1e30f));
        compareAll();
    }

    @Test
    void attentionBlockFoldsTheKeyTransposeAndMatchesTheReference() {
        int b = 2;
        int s = 9;
        int d = 16;
        Tensor x = in("x", b, s, d);
        Tensor q = x.matmul(param("wq", d, d));
        Tensor k = x.matmul(param("wk", d, d));
        Tensor v = x.matmul(param("wv", d, d));
        Tensor scores = q.matmul(k.transpose(-1, -2)).mul((float) (1 / Math.sqrt(d)));
        Tensor attn = NN.softmax(scores, -1).matmul(v);
        Tensor h = NN.rmsNorm(x.add(attn.matmul(param("wo", d, d))), NN.TRM_RMS_EPS);
        t.output("y", h);
        t.output("loss", h.mul(h).mean());
        compareAll();
        try (CpuExecutable exe = new CpuBackend().compile(t.build())) {
            Graph compiled = exe.graph();
            assertThat(compiled.nodes()).noneMatch(n -> n.op() instanceof Op.Permute);
            assertThat(compiled.nodes()).anyMatch(n -> n.op() instanceof Op.MatMul mm && mm.transposeB());
            assertThat(exe.bufferPlan().plannedBytes()).isLessThan(exe.bufferPlan().naiveBytes());
        }
    }
}
