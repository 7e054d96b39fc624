package io.recurbench.engine.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.NN;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Op;
import org.junit.jupiter.api.Test;

class GraphBuilderTest {

    private static int lineHere() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow()).getLineNumber();
    }

    @Test
    void shapeErrorNamesOpOperandsAndTheCallersLine() {
        Tracer t = new Tracer();
        Tensor a = t.input("a", Shape.of(2, 3), DType.F32);
        Tensor b = t.input("b", Shape.of(4, 5), DType.F32);
        int line = lineHere() + 1;
        Throwable e = catchThrowable(() -> a.matmul(b));
        assertThat(e).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MatMul")
                .hasMessageContaining("inner dimensions differ: 3 vs 4")
                .hasMessageContaining("F32[2, 3], F32[4, 5]")
                .hasMessageContaining("at GraphBuilderTest.")
                .hasMessageEndingWith(":" + line);
    }

    @Test
    void errorsInsideApiCompositesNameTheLineThatCalledTheComposite() {
        Tracer t = new Tracer();
        Tensor labels = t.input("labels", Shape.of(4), DType.I32);
        int line = lineHere() + 1;
        Throwable e = catchThrowable(() -> NN.silu(labels));
        assertThat(e).hasMessageStartingWith("Unary[SIGMOID]: operand must be F32, got I32; operands I32[4]; at GraphBuilderTest.")
                .hasMessageEndingWith(":" + line);
        Tensor x = t.input("x", Shape.of(2, 3), DType.F32);
        int axisLine = lineHere() + 1;
        Throwable axis = catchThrowable(() -> NN.softmax(x, 2));
        assertThat(axis).hasMessage("axis 2 out of range for shape [2, 3]; at GraphBuilderTest."
                + "lambda$errorsInsideApiCompositesNameTheLineThatCalledTheComposite$1:" + axisLine);
    }

    @Test
    void builderErrorsAlsoNameTheCallersLine() {
        GraphBuilder g = new GraphBuilder();
        int x = g.input("x", Shape.of(3), DType.F32);
        int y = g.input("y", Shape.of(4), DType.F32);
        int line = lineHere() + 1;
        Throwable e = catchThrowable(() -> g.add(new Op.Binary(Op.BinaryKind.ADD), x, y));
        assertThat(e).hasMessage("Binary[ADD]: shapes [3] and [4] do not broadcast (axis 0 of the result: 3 vs 4); "
                + "operands F32[3], F32[4]; at GraphBuilderTest.lambda$builderErrorsAlsoNameTheCallersLine$0:" + line);
    }

    @Test
    void nodesCarryInferredTypesAndTheirCallSite() {
        GraphBuilder g = new GraphBuilder();
        int x = g.input("x", Shape.of(2, 3), DType.F32);
        int line = lineHere() + 1;
        int s = g.add(new Op.Reduce(Op.ReduceKind.SUM, new int[] {1}, true), x);
        assertThat(g.node(s).shape()).isEqualTo(Shape.of(2, 1));
        assertThat(g.node(s).dtype()).isEqualTo(DType.F32);
        assertThat(g.node(s).inputs()).containsExactly(x);
        assertThat(g.node(s).site()).isEqualTo("GraphBuilderTest.nodesCarryInferredTypesAndTheirCallSite:" + line);
        assertThat(g.size()).isEqualTo(2);
    }

    @Test
    void duplicateInputAndOutputNamesFail() {
        GraphBuilder g = new GraphBuilder();
        int x = g.input("x", Shape.of(2), DType.F32);
        assertThatThrownBy(() -> g.input("x", Shape.of(2), DType.F32)).hasMessageContaining("input 'x' is already declared");
        g.output("y", x);
        assertThatThrownBy(() -> g.output("y", x)).hasMessageContaining("output 'y' is already declared");
        assertThatThrownBy(() -> g.output("z", 7)).hasMessageContaining("node id 7");
    }

    @Test
    void redeclaringAParameterSharesItUnlessTheShapeDiffers() {
        GraphBuilder g = new GraphBuilder();
        int w = g.parameter(new ParameterSpec("w", Shape.of(3, 4), Initializer.zeros()));
        assertThat(g.parameter(new ParameterSpec("w", Shape.of(3, 4), Initializer.ones()))).isEqualTo(w);
        assertThatThrownBy(() -> g.parameter(new ParameterSpec("w", Shape.of(4, 3), Initializer.zeros())))
                .hasMessageContaining("parameter 'w' is already declared with shape [3, 4], now with [4, 3]");
        Graph graph = g.build();
        assertThat(graph.parameters()).extracting(ParameterSpec::name).containsExactly("w");
        assertThat(graph.node(w).op()).isEqualTo(new Op.Parameter("w"));
        assertThat(graph.node(w).dtype()).isEqualTo(DType.F32);
    }

    @Test
    void attributeTypedOpsNeedTheExplicitOverload() {
        GraphBuilder g = new GraphBuilder();
        int x = g.input("x", Shape.of(6), DType.F32);
        assertThatThrownBy(() -> g.add(new Op.Reshape(), x))
                .hasMessageContaining("Reshape: the result shape and dtype are attributes of this op");
        int r = g.add(new Op.Reshape(), Shape.of(2, 3), DType.F32, x);
        assertThat(g.node(r).shape()).isEqualTo(Shape.of(2, 3));
        assertThatThrownBy(() -> g.add(new Op.Reshape(), Shape.of(4), DType.F32, x))
                .hasMessageContaining("cannot reshape 6 elements [6] to [4]");
    }

    @Test
    void aDeclaredTypeOfAnInferableOpMustMatch() {
        GraphBuilder g = new GraphBuilder();
        int x = g.input("x", Shape.of(2), DType.F32);
        assertThat(g.add(new Op.Unary(Op.UnaryKind.EXP), Shape.of(2), DType.F32, x)).isEqualTo(1);
        assertThatThrownBy(() -> g.add(new Op.Unary(Op.UnaryKind.EXP), Shape.of(3), DType.F32, x))
                .hasMessageContaining("declared result F32[3] but the operands give F32[2]");
    }

    @Test
    void unknownOperandIdsFail() {
        GraphBuilder g = new GraphBuilder();
        assertThatThrownBy(() -> g.add(new Op.StopGradient(), 3)).hasMessageContaining("operand id 3 is not a node");
        assertThatThrownBy(() -> g.add(new Op.Input("x"), Shape.of(1), DType.F32))
                .hasMessageContaining("declared with GraphBuilder.input");
    }

    @Test
    void fromContinuesAnExistingGraph() {
        GraphBuilder g = new GraphBuilder();
        int x = g.input("x", Shape.of(2), DType.F32);
        int w = g.parameter(new ParameterSpec("w", Shape.of(2), Initializer.zeros()));
        int y = g.add(new Op.Binary(Op.BinaryKind.MUL), x, w);
        g.output("y", y);
        Graph first = g.build();

        GraphBuilder more = GraphBuilder.from(first);
        assertThat(more.size()).isEqualTo(3);
        assertThat(more.parameter(new ParameterSpec("w", Shape.of(2), Initializer.zeros()))).isEqualTo(w);
        assertThatThrownBy(() -> more.input("x", Shape.of(2), DType.F32)).hasMessageContaining("already declared");
        assertThatThrownBy(() -> more.output("y", y)).hasMessageContaining("already declared");
        int z = more.add(new Op.Unary(Op.UnaryKind.EXP), y);
        more.output("z", z);
        Graph second = more.build();
        assertThat(second.outputs()).containsExactly(java.util.Map.entry("y", 2), java.util.Map.entry("z", 3));
        assertThat(second.parameters()).hasSize(1);
        assertThat(first.nodes()).hasSize(3);
    }
}
