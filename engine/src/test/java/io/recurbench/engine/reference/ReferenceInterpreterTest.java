package io.recurbench.engine.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.trace.GraphBuilder;
import io.recurbench.engine.trace.Tracer;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Each primitive against values worked out by hand (in the comments) on tiny inputs. */
class ReferenceInterpreterTest {

    private static final Shape S23 = Shape.of(2, 3);
    private static final float[] X23 = {1, 2, 3, 4, 5, 6};

    /** Traces {@code f} over an F32 input "x" of {@code shape} and evaluates it on {@code x}. */
    private static double[] eval(Shape shape, float[] x, Function<Tensor, Tensor> f) {
        Tracer t = new Tracer();
        t.output("y", f.apply(t.input("x", shape, DType.F32)));
        return ReferenceInterpreter.run(t.build(), Map.of("x", HostTensor.of(shape, x))).get("y");
    }

    private static double[] evalNullary(Function<Tracer, Tensor> f) {
        Tracer t = new Tracer();
        t.output("y", f.apply(t));
        return ReferenceInterpreter.run(t.build(), Map.of()).get("y");
    }

    @Test
    void constantsFillAndIota() {
        assertThat(evalNullary(t -> t.full(Shape.of(2), 1.5f))).containsExactly(1.5, 1.5);
        assertThat(evalNullary(t -> t.constant(Shape.of(3), 1f, -2f, 0.25f))).containsExactly(1, -2, 0.25);
        assertThat(evalNullary(t -> t.constantInt(Shape.of(2), 7, -3))).containsExactly(7, -3);
        assertThat(evalNullary(t -> t.iota(Shape.of(2, 3), 0, DType.I32))).containsExactly(0, 0, 0, 1, 1, 1);
        assertThat(evalNullary(t -> t.iota(Shape.of(2, 3), 1, DType.F32))).containsExactly(0, 1, 2, 0, 1, 2);
        assertThat(evalNullary(t -> t.full(Shape.of(2), -4, DType.I32))).containsExactly(-4, -4);
    }

    @Test
    void unaryFunctions() {
        float[] x = {-1, 0.5f};
        assertThat(eval(Shape.of(2), x, Tensor::neg)).containsExactly(1, -0.5);
        assertThat(eval(Shape.of(2), x, Tensor::exp)).containsExactly(Math.exp(-1), Math.exp(0.5));
        assertThat(eval(Shape.of(2), x, Tensor::abs)).containsExactly(1, 0.5);
        assertThat(eval(Shape.of(2), x, Tensor::tanh)).containsExactly(Math.tanh(-1), Math.tanh(0.5));
        assertThat(eval(Shape.of(2), x, Tensor::sigmoid)[0]).isCloseTo(0.2689414213699951, within(1e-15));
        assertThat(eval(Shape.of(2), x, Tensor::sin)).containsExactly(Math.sin(-1), Math.sin(0.5));
        assertThat(eval(Shape.of(2), x, Tensor::cos)).containsExactly(Math.cos(-1), Math.cos(0.5));
        assertThat(eval(Shape.of(2), new float[] {4, 0.25f}, Tensor::sqrt)).containsExactly(2, 0.5);
        assertThat(eval(Shape.of(2), new float[] {1, 0}, Tensor::log)).containsExactly(0, Double.NEGATIVE_INFINITY);
    }

    @Test
    void binaryBroadcastsRowsAndColumns() {
        // [[1,2,3],[4,5,6]] + [10,20,30] and * [[2],[3]]
        assertThat(eval(S23, X23, x -> x.add(x.ops().constant(Shape.of(3), 10, 20, 30))))
                .containsExactly(11, 22, 33, 14, 25, 36);
        assertThat(eval(S23, X23, x -> x.mul(x.ops().constant(Shape.of(2, 1), 2, 3))))
                .containsExactly(2, 4, 6, 12, 15, 18);
        assertThat(eval(S23, X23, x -> x.sub(2f))).containsExactly(-1, 0, 1, 2, 3, 4);
        assertThat(eval(S23, X23, x -> x.div(4f))).containsExactly(0.25, 0.5, 0.75, 1, 1.25, 1.5);
        assertThat(eval(S23, X23, x -> x.maximum(3.5f))).containsExactly(3.5, 3.5, 3.5, 4, 5, 6);
        assertThat(eval(S23, X23, x -> x.minimum(3.5f))).containsExactly(1, 2, 3, 3.5, 3.5, 3.5);
        assertThat(eval(Shape.of(2), new float[] {1, -1}, x -> x.atan2(x.ops().scalar(-1))))
                .containsExactly(Math.atan2(1, -1), Math.atan2(-1, -1));
    }

    @Test
    void integerArithmeticTruncatesLikeJava() {
        assertThat(evalNullary(t -> t.constantInt(Shape.of(3), 7, -7, 6).div(t.scalarInt(2)))).containsExactly(3, -3, 3);
        assertThat(evalNullary(t -> t.constantInt(Shape.of(2), 7, -7).sub(t.scalarInt(1)).mul(t.scalarInt(3))))
                .containsExactly(18, -24);
        assertThatThrownBy(() -> evalNullary(t -> t.constantInt(Shape.of(1), 1).div(t.scalarInt(0))))
                .hasMessageContaining("/ by zero").hasMessageContaining("traced at ReferenceInterpreterTest.");
    }

    @Test
    void comparisonsWhereAndCasts() {
        assertThat(eval(S23, X23, x -> x.gt(3f))).containsExactly(0, 0, 0, 1, 1, 1);
        assertThat(eval(S23, X23, x -> x.le(3f))).containsExactly(1, 1, 1, 0, 0, 0);
        assertThat(eval(S23, X23, x -> x.eq(x.ops().constant(Shape.of(3), 1, 5, 3)))).containsExactly(1, 0, 1, 0, 1, 0);
        assertThat(eval(S23, X23, x -> x.ne(x.ops().constant(Shape.of(3), 1, 5, 3)))).containsExactly(0, 1, 0, 1, 0, 1);
        assertThat(eval(S23, X23, x -> x.lt(2f))).containsExactly(1, 0, 0, 0, 0, 0);
        assertThat(eval(S23, X23, x -> x.ge(6f))).containsExactly(0, 0, 0, 0, 0, 1);
        assertThat(eval(S23, X23, x -> x.ops().where(x.gt(2.5f), x, x.ops().scalar(-1))))
                .containsExactly(-1, -1, 3, 4, 5, 6);
        assertThat(eval(Shape.of(4), new float[] {1.9f, -1.9f, 0.5f, -0.5f}, x -> x.cast(DType.I32)))
                .containsExactly(1, -1, 0, 0);
        assertThat(evalNullary(t -> t.constantInt(Shape.of(2), 3, -2).cast(DType.F32))).containsExactly(3, -2);
    }

    @Test
    void matmulPlainTransposedAndBatched() {
        // [[1,2,3],[4,5,6]] x [[1,0],[0,1],[1,1]] = [[4,5],[10,11]]
        float[] b = {1, 0, 0, 1, 1, 1};
        assertThat(eval(S23, X23, x -> x.matmul(x.ops().constant(Shape.of(3, 2), b)))).containsExactly(4, 5, 10, 11);
        // x x^T = [[14, 32], [32, 77]] via transposeB
        GraphBuilder g = new GraphBuilder();
        int x = g.input("x", S23, DType.F32);
        g.output("xxT", g.add(new Op.MatMul(false, true), x, x));
        g.output("xTx", g.add(new Op.MatMul(true, false), x, x));
        g.output("xTxT", g.add(new Op.MatMul(true, true), x, g.add(new Op.Reshape(), Shape.of(3, 2), DType.F32, x)));
        Map<String, double[]> out = ReferenceInterpreter.run(g.build(), Map.of("x", HostTensor.of(S23, X23)));
        assertThat(out.get("xxT")).containsExactly(14, 32, 32, 77);
        // x^T x: [[17,22,27],[22,29,36],[27,36,45]]
        assertThat(out.get("xTx")).containsExactly(17, 22, 27, 22, 29, 36, 27, 36, 45);
        // x^T [3,2] times reshape(x)^T [2,3]: r = [[1,2],[3,4],[5,6]], x^T r^T: row i of x^T . row j of r
        // x^T = [[1,4],[2,5],[3,6]]; r rows: (1,2),(3,4),(5,6) -> [[9,19,29],[12,26,40],[15,33,51]]
        assertThat(out.get("xTxT")).containsExactly(9, 19, 29, 12, 26, 40, 15, 33, 51);
        // batch of 2 [1,2]x[2,1] with a rank-2 rhs shared: [[1,2]]·[[1],[1]] = 3, [[3,4]]·[[1],[1]] = 7
        assertThat(eval(Shape.of(2, 1, 2), new float[] {1, 2, 3, 4}, v -> v.matmul(v.ops().constant(Shape.of(2, 1), 1, 1))))
                .containsExactly(3, 7);
        // broadcast batch: lhs [1,1,2] against rhs [2,2,1]: [1,2]·[1,2]^T = 5 and [1,2]·[3,4]^T = 11
        assertThat(eval(Shape.of(1, 1, 2), new float[] {1, 2}, v -> v.matmul(v.ops().constant(Shape.of(2, 2, 1), 1, 2, 3, 4))))
                .containsExactly(5, 11);
    }

    @Test
    void reductions() {
        assertThat(eval(S23, X23, x -> x.sum(1))).containsExactly(6, 15);
        assertThat(eval(S23, X23, x -> x.sum(0))).containsExactly(5, 7, 9);
        assertThat(eval(S23, X23, x -> x.sum())).containsExactly(21);
        assertThat(eval(S23, X23, x -> x.max(true, 0))).containsExactly(4, 5, 6);
        assertThat(eval(S23, new float[] {3, -1, 2, -5, -4, -6}, x -> x.max(1))).containsExactly(3, -4);
        assertThat(eval(S23, X23, x -> x.mean())).containsExactly(3.5);
        assertThat(eval(Shape.of(2, 2, 2), new float[] {1, 2, 3, 4, 5, 6, 7, 8}, x -> x.sum(0, 2))).containsExactly(14, 22);
    }

    @Test
    void cumulativeSums() {
        assertThat(eval(S23, X23, x -> x.cumsum(1))).containsExactly(1, 3, 6, 4, 9, 15);
        assertThat(eval(S23, X23, x -> x.cumsum(1, true))).containsExactly(6, 5, 3, 15, 11, 6);
        assertThat(eval(S23, X23, x -> x.cumsum(0))).containsExactly(1, 2, 3, 5, 7, 9);
    }

    @Test
    void dataMovement() {
        assertThat(eval(S23, X23, x -> x.permute(1, 0))).containsExactly(1, 4, 2, 5, 3, 6);
        assertThat(eval(S23, X23, x -> x.reshape(3, 2).permute(1, 0))).containsExactly(1, 3, 5, 2, 4, 6);
        assertThat(eval(Shape.of(2, 1, 2), new float[] {1, 2, 3, 4}, x -> x.permute(2, 0, 1))).containsExactly(1, 3, 2, 4);
        assertThat(eval(Shape.of(3), new float[] {1, 2, 3}, x -> x.broadcastTo(2, 3))).containsExactly(1, 2, 3, 1, 2, 3);
        assertThat(eval(Shape.of(2, 1), new float[] {1, 2}, x -> x.broadcastTo(2, 3))).containsExactly(1, 1, 1, 2, 2, 2);
        assertThat(eval(S23, X23, x -> x.slice(1, 1, 3))).containsExactly(2, 3, 5, 6);
        assertThat(eval(S23, X23, x -> x.slice(0, 1, 2))).containsExactly(4, 5, 6);
        assertThat(eval(S23, X23, x -> x.ops().concat(1, x.slice(1, 2, 3), x.slice(1, 0, 1))))
                .containsExactly(3, 1, 6, 4);
        assertThat(eval(S23, X23, x -> x.ops().concat(0, x, x.slice(0, 0, 1)))).containsExactly(1, 2, 3, 4, 5, 6, 1, 2, 3);
        assertThat(eval(S23, X23, Tensor::stopGradient)).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void padIsZeroPaddingAlongOneAxis() {
        GraphBuilder g = new GraphBuilder();
        int x = g.input("x", S23, DType.F32);
        g.output("y", g.add(new Op.Pad(1, 1, 2), x));
        assertThat(ReferenceInterpreter.run(g.build(), Map.of("x", HostTensor.of(S23, X23))).get("y"))
                .containsExactly(0, 1, 2, 3, 0, 0, 0, 4, 5, 6, 0, 0);
    }

    @Test
    void takeGathersAndScatterAddAccumulates() {
        float[] table = {0, 1, 10, 11, 20, 21};
        Tracer t = new Tracer();
        Tensor emb = t.parameter("emb", Shape.of(3, 2), Initializer.zeros());
        Tensor idx = t.input("idx", Shape.of(2, 2), DType.I32);
        t.output("rows", emb.take(idx));
        GraphBuilder g = t.builder();
        int upd = g.input("upd", Shape.of(2, 2, 2), DType.F32);
        g.output("scattered", g.add(new Op.ScatterAdd(3), t.id(idx), upd));
        Map<String, double[]> out = ReferenceInterpreter.run(g.build(), Map.of(
                "emb", HostTensor.of(Shape.of(3, 2), table),
                "idx", HostTensor.ofInts(Shape.of(2, 2), 2, 0, 2, 1),
                "upd", HostTensor.of(Shape.of(2, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8)));
        assertThat(out.get("rows")).containsExactly(20, 21, 0, 1, 20, 21, 10, 11);
        // row 0 gets (3,4); row 1 gets (7,8); row 2 gets (1,2)+(5,6)
        assertThat(out.get("scattered")).containsExactly(3, 4, 7, 8, 6, 8);
        assertThatThrownBy(() -> ReferenceInterpreter.run(g.build(), Map.of(
                "emb", HostTensor.of(Shape.of(3, 2), table),
                "idx", HostTensor.ofInts(Shape.of(2, 2), 2, 3, 0, 0),
                "upd", HostTensor.zeros(Shape.of(2, 2, 2), DType.F32))))
                .hasMessageContaining("index 3 out of range [0, 3)");
    }

    @Test
    void feedsAreCheckedByName() {
        Tracer t = new Tracer();
        Tensor x = t.input("x", S23, DType.F32);
        t.output("y", x.exp());
        Graph g = t.build();
        assertThatThrownBy(() -> ReferenceInterpreter.run(g, Map.of()))
                .hasMessageContaining("missing feed 'x' (F32[2, 3])");
        assertThatThrownBy(() -> ReferenceInterpreter.run(g, Map.of("x", HostTensor.of(Shape.of(3, 2), X23))))
                .hasMessageContaining("feed 'x' is F32[3, 2], the graph expects F32[2, 3]");
        assertThatThrownBy(() -> ReferenceInterpreter.runDoubles(g, Map.of("x", new double[5])))
                .hasMessageContaining("feed 'x' has 5 values");
    }

    @Test
    void evaluateAllExposesEveryNodeAndDoubleFeedsStayDouble() {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(1), DType.F32);
        Tensor y = x.mul(x);
        t.output("z", y.add(1f));
        double[][] all = ReferenceInterpreter.evaluateAllDoubles(t.build(), Map.of("x", new double[] {0.1}));
        assertThat(all.length).isEqualTo(t.build().nodes().size());
        assertThat(all[t.id(y)][0]).isEqualTo(0.1 * 0.1);
        assertThat(ReferenceInterpreter.runDoubles(t.build(), Map.of("x", new double[] {0.1})).get("z")[0])
                .isEqualTo(0.1 * 0.1 + 1);
    }
}
