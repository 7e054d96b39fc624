package io.recurbench.engine.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.ParameterScope;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Op;
import org.junit.jupiter.api.Test;

class TracerTest {

    @Test
    void tracesAnSsaGraphWithParametersAndOutputs() {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(2, 3), DType.F32);
        Tensor w = t.parameter("w", Shape.of(3, 4), Initializer.truncatedNormal(0.02));
        Tensor y = x.matmul(w).tanh();
        t.output("y", y);
        Graph g = t.build();

        assertThat(g.nodes()).hasSize(4);
        assertThat(g.node(2).op()).isEqualTo(new Op.MatMul(false, false));
        assertThat(g.node(2).inputs()).containsExactly(0, 1);
        assertThat(g.output("y").shape()).isEqualTo(Shape.of(2, 4));
        assertThat(g.parameters()).extracting(ParameterSpec::name).containsExactly("w");
        for (int i = 0; i < g.nodes().size(); i++) {
            for (int in : g.node(i).inputs()) {
                assertThat(in).isLessThan(i);
            }
        }
    }

    @Test
    void childScopesProduceDottedNamesAndShareRedeclaredParameters() {
        Tracer t = new Tracer();
        ParameterScope block = t.child("block0").child("attn");
        Tensor a = block.parameter("qkv", Shape.of(8, 24), Initializer.zeros());
        Tensor again = t.child("block0").child("attn").parameter("qkv", Shape.of(8, 24), Initializer.zeros());
        assertThat(t.id(again)).isEqualTo(t.id(a));
        assertThat(block.ops()).isSameAs(t);
        assertThat(t.build().parameters()).extracting(ParameterSpec::name).containsExactly("block0.attn.qkv");
        assertThatThrownBy(() -> t.child("")).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> block.parameter("qkv", Shape.of(8, 8), Initializer.zeros()))
                .hasMessageContaining("block0.attn.qkv");
    }

    @Test
    void reductionsNormaliseAxesAndReduceAllWhenNoneGiven() {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(2, 3, 4), DType.F32);
        Tensor s = x.sum(-1, 0, -1);
        assertThat(s.shape()).isEqualTo(Shape.of(3));
        assertThat(((Op.Reduce) t.build().node(t.id(s)).op()).axes()).containsExactly(0, 2);
        assertThat(x.sum().shape()).isEqualTo(Shape.scalar());
        assertThat(x.max(true).shape()).isEqualTo(Shape.of(1, 1, 1));
        assertThat(x.mean(true, -2).shape()).isEqualTo(Shape.of(2, 1, 4));
        Tensor scalar = t.scalar(3f);
        assertThat(scalar.sum()).isSameAs(scalar);
    }

    @Test
    void meanDividesByTheReducedCount() {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(2, 3, 4), DType.F32);
        Graph g;
        Tensor m = x.mean();
        t.output("m", m);
        g = t.build();
        // mean = sum(all) / 24: the divisor is a Fill scalar node holding 24
        int div = t.id(m);
        assertThat(g.node(div).op()).isEqualTo(new Op.Binary(Op.BinaryKind.DIV));
        assertThat(g.node(g.node(div).inputs()[1]).op()).isEqualTo(new Op.Fill(24));
        Tensor m2 = x.mean(0, 2);
        Graph g2 = t.build();
        assertThat(g2.node(g2.node(t.id(m2)).inputs()[1]).op()).isEqualTo(new Op.Fill(8));
    }

    @Test
    void scalarsBroadcastAndFollowTheTensorsDType() {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(2, 3), DType.F32);
        Tensor labels = t.input("labels", Shape.of(2), DType.I32);
        assertThat(x.mul(2f).shape()).isEqualTo(Shape.of(2, 3));
        Tensor mask = labels.ne(t.scalarInt(-100));
        assertThat(mask.dtype()).isEqualTo(DType.I32);
        Tensor shifted = labels.add(1f);
        assertThat(shifted.dtype()).isEqualTo(DType.I32);
        assertThatThrownBy(() -> labels.add(0.5f)).hasMessageContaining("operand dtypes differ");
        assertThat(labels.gt(0f).shape()).isEqualTo(Shape.of(2));
    }

    @Test
    void shapeMethodsNormaliseNegativeAxesAndInferReshape() {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(2, 3, 4), DType.F32);
        assertThat(x.reshape(-1, 4).shape()).isEqualTo(Shape.of(6, 4));
        assertThat(x.reshape(2, 3, 4)).isSameAs(x);
        assertThatThrownBy(() -> x.reshape(-1, 5)).hasMessageContaining("no size for the -1 dimension");
        assertThatThrownBy(() -> x.reshape(-1, -1)).hasMessageContaining("at most one dimension may be -1");
        assertThat(x.permute(-1, 0, 1).shape()).isEqualTo(Shape.of(4, 2, 3));
        assertThat(x.transpose(-1, -2).shape()).isEqualTo(Shape.of(2, 4, 3));
        assertThat(x.slice(-1, 1, 3).shape()).isEqualTo(Shape.of(2, 3, 2));
        assertThat(x.cumsum(-1).shape()).isEqualTo(Shape.of(2, 3, 4));
        Tensor reversed = x.cumsum(-2, true);
        assertThat(((Op.Cumsum) t.build().node(t.id(reversed)).op()).axis()).isEqualTo(1);
        assertThat(x.slice(0, 0, 1).broadcastTo(5, 2, 3, 4).shape()).isEqualTo(Shape.of(5, 2, 3, 4));
        assertThat(t.concat(-1, x, x).shape()).isEqualTo(Shape.of(2, 3, 8));
        assertThat(t.iota(Shape.of(3, 5), -1, DType.I32).dtype()).isEqualTo(DType.I32);
        assertThatThrownBy(() -> x.slice(3, 0, 1)).hasMessageContaining("axis 3 out of range for shape [2, 3, 4]");
    }

    @Test
    void factoriesTakeGatherWhereAndCasts() {
        Tracer t = new Tracer();
        Tensor table = t.parameter("emb", Shape.of(10, 4), Initializer.zeros());
        Tensor idx = t.constantInt(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        assertThat(table.take(idx).shape()).isEqualTo(Shape.of(2, 3, 4));
        Tensor c = t.constant(Shape.of(2), 1f, 2f);
        assertThat(t.where(c.gt(1.5f), c, t.scalar(0f)).shape()).isEqualTo(Shape.of(2));
        assertThat(c.cast(DType.I32).dtype()).isEqualTo(DType.I32);
        assertThat(c.cast(DType.F32)).isSameAs(c);
        assertThat(t.zeros(Shape.of(3)).shape()).isEqualTo(Shape.of(3));
        assertThat(c.stopGradient().shape()).isEqualTo(Shape.of(2));
        assertThatThrownBy(() -> t.constant(Shape.of(3), 1f)).hasMessageContaining("1 constant values for shape [3]");
        assertThatThrownBy(() -> t.full(Shape.of(1), 0.5, DType.I32)).hasMessageContaining("must be an integer");
    }

    @Test
    void tensorsOfAnotherTracerAreRejectedAndIdsRoundTrip() {
        Tracer a = new Tracer();
        Tracer b = new Tracer();
        Tensor x = a.input("x", Shape.of(2), DType.F32);
        Tensor y = b.input("y", Shape.of(2), DType.F32);
        assertThatThrownBy(() -> x.add(y)).hasMessageContaining("does not belong to this tracer");
        assertThat(a.tensor(a.id(x))).isEqualTo(x);
        assertThatThrownBy(() -> a.tensor(5)).hasMessageContaining("node id 5");
    }

    @Test
    void aTracerCanContinueABuilder() {
        GraphBuilder g = new GraphBuilder();
        int x = g.input("x", Shape.of(2), DType.F32);
        Tracer t = new Tracer(g);
        Tensor y = t.tensor(x).exp();
        t.output("y", y);
        assertThat(g.build().output("y").op()).isEqualTo(new Op.Unary(Op.UnaryKind.EXP));
        assertThat(t.builder()).isSameAs(g);
    }
}
