package io.recurbench.tvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.engine.trace.GraphBuilder;
import io.recurbench.engine.trace.Tracer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * TVM-llvm against the float64 reference interpreter on graphs that together use every primitive.
 * Tolerance: |tvm − ref| ≤ 1e-5 + 1e-5·|ref| — float32 rounding of short op chains (the reference
 * computes in float64 from the same float32 inputs); integer outputs must match exactly.
 */
class TvmBackendEqualityTest {
    private static final double ATOL = 1e-5;
    private static final double RTOL = 1e-5;

    static Graph elementwise() {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(3, 4), DType.F32);
        Tensor p = t.input("p", Shape.of(3, 4), DType.F32); // positive: log, sqrt
        Tensor b = t.input("b", Shape.of(4), DType.F32);
        Tensor k = t.input("k", Shape.of(3, 4), DType.I32);
        t.output("neg", x.neg());
        t.output("exp", x.exp());
        t.output("log", p.log());
        t.output("sqrt", p.sqrt());
        t.output("tanh", x.tanh());
        t.output("sigmoid", x.sigmoid());
        t.output("sin", x.sin());
        t.output("cos", x.cos());
        t.output("abs", x.abs());
        t.output("add", x.add(b));
        t.output("sub", x.sub(b));
        t.output("mul", x.mul(b));
        t.output("div", x.div(p));
        t.output("max", x.maximum(b));
        t.output("min", x.minimum(b));
        t.output("atan2", x.atan2(b));
        t.output("lt", x.lt(b));
        t.output("le", k.le(t.scalarInt(2)));
        t.output("gt", x.gt(b));
        t.output("ge", k.ge(t.scalarInt(1)));
        t.output("eq", k.eq(t.scalarInt(3)));
        t.output("ne", k.ne(t.scalarInt(0)));
        t.output("cast_fi", x.mul(3f).cast(DType.I32));
        t.output("cast_if", k.cast(DType.F32));
        t.output("where", t.where(x.gt(t.scalar(0)), x, t.full(Shape.of(3, 4), -1e30f)));
        t.output("iota", t.iota(Shape.of(3, 4), 1, DType.I32));
        t.output("constant", t.constant(Shape.of(2, 2), 1.5f, -2f, 0f, 3e-39f));
        t.output("constant_i", t.constantInt(Shape.of(3), 7, -8, Integer.MAX_VALUE));
        t.output("int_ops", k.mul(t.scalarInt(3)).sub(t.scalarInt(4)).maximum(k));
        return t.build();
    }

    static Graph linearAlgebra() {
        Tracer t = new Tracer();
        Tensor a = t.input("a", Shape.of(2, 5, 6), DType.F32);
        Tensor w = t.parameter("w", Shape.of(6, 3), Initializer.truncatedNormal(0.5));
        Tensor c = t.input("c", Shape.of(2, 6, 4), DType.F32);
        t.output("mm", a.matmul(w));
        t.output("bmm", a.matmul(c));
        t.output("sum", a.sum(false, 1));
        t.output("sum_keep", a.sum(true, 0, 2));
        t.output("max", a.max(false, 2));
        t.output("mean", a.mean(false, 1, 2));
        t.output("cumsum", a.cumsum(2, false));
        t.output("cumsum_rev", a.cumsum(1, true));
        Graph g = t.build();
        GraphBuilder gb = GraphBuilder.from(g);
        int ai = 0; // node 0 is the input a
        gb.output("mm_ta", gb.add(new Op.MatMul(true, false), ai, ai)); // a^T a: [2,6,6]
        int wi = g.nodes().stream().filter(n -> n.op() instanceof Op.Parameter).findFirst().orElseThrow().id();
        gb.output("mm_tb", gb.add(new Op.MatMul(false, true), wi, wi)); // w w^T: [6,6]
        return gb.build();
    }

    static Graph layout() {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(2, 3, 4), DType.F32);
        Tensor v = t.input("v", Shape.of(4), DType.F32);
        Tensor table = t.input("table", Shape.of(5, 4), DType.F32);
        Tensor idx = t.input("idx", Shape.of(2, 3), DType.I32);
        t.output("reshape", x.reshape(6, 4));
        t.output("permute", x.permute(2, 0, 1));
        t.output("broadcast", v.broadcastTo(3, 4));
        t.output("slice", x.slice(1, 1, 3));
        t.output("concat", t.concat(2, x, x.slice(2, 0, 1)));
        t.output("take", table.take(idx));
        t.output("stop", x.stopGradient().mul(2f));
        Graph g = t.build();
        GraphBuilder gb = GraphBuilder.from(g);
        int xi = 0; // node 0 is the input x
        int idxi = g.nodes().stream().filter(n -> n.op() instanceof Op.Input in && in.name().equals("idx"))
                .findFirst().orElseThrow().id();
        gb.output("pad", gb.add(new Op.Pad(1, 2, 1), xi));
        gb.output("scatter", gb.add(new Op.ScatterAdd(5), idxi, xi)); // rows of x[i,j,:] added at idx[i,j]
        return gb.build();
    }

    @Test
    void testGraphsUseEveryPrimitive() {
        Set<Class<?>> used = new HashSet<>();
        for (Graph g : List.of(elementwise(), linearAlgebra(), layout())) {
            g.nodes().forEach(n -> used.add(n.op().getClass()));
        }
        assertThat(used).containsExactlyInAnyOrder(Op.class.getPermittedSubclasses());
    }

    @Test
    void elementwisePrimitivesMatchTheReference() {
        check(elementwise(), Fixtures.feeds(elementwise(), 1, Map.of("k", new int[] {0, 4}), "p"));
    }

    @Test
    void linearAlgebraPrimitivesMatchTheReference() {
        check(linearAlgebra(), Fixtures.feeds(linearAlgebra(), 2, Map.of()));
    }

    @Test
    void layoutPrimitivesMatchTheReferenceIncludingRepeatedScatterIndices() {
        Map<String, HostTensor> feeds = Fixtures.feeds(layout(), 3, Map.of("idx", new int[] {0, 5}));
        feeds.put("idx", HostTensor.ofInts(Shape.of(2, 3), 4, 0, 4, 1, 4, 2));
        check(layout(), feeds);
    }

    static void check(Graph g, Map<String, HostTensor> feeds) {
        Map<String, double[]> expected = ReferenceInterpreter.run(g, feeds);
        try (TvmExecutable exe = Fixtures.llvm().compile(g)) {
            Map<String, HostTensor> actual = exe.run(feeds);
            assertThat(actual.keySet()).containsExactlyElementsOf(g.outputs().keySet());
            for (String name : g.outputs().keySet()) {
                assertClose(name, actual.get(name), expected.get(name), g.output(name).dtype());
            }
        }
    }

    static void assertClose(String name, HostTensor actual, double[] expected, DType dtype) {
        assertThat(actual.dtype()).as(name).isEqualTo(dtype);
        for (int i = 0; i < expected.length; i++) {
            double a = dtype == DType.F32 ? actual.f32()[i] : actual.i32()[i];
            if (dtype == DType.I32) {
                assertThat(a).as("%s[%d]", name, i).isEqualTo(expected[i]);
            } else {
                assertThat(Math.abs(a - expected[i]))
                        .as("%s[%d]: tvm %s vs reference %s", name, i, a, expected[i])
                        .isLessThanOrEqualTo(ATOL + RTOL * Math.abs(expected[i]));
            }
        }
    }
}
