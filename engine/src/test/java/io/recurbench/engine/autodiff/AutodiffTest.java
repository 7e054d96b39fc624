package io.recurbench.engine.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.engine.trace.GraphBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transformation's contract: pruning, zero gradients, kept outputs, and its error messages. */
class AutodiffTest {

    @Test
    void onlyNodesBetweenTheLeavesAndTheLossGetAdjoints() {
        GraphBuilder b = new GraphBuilder();
        Emitter e = new Emitter(b);
        int x = b.input("x", Shape.of(3), DType.F32);
        int other = b.input("other", Shape.of(8, 8), DType.F32);
        int w = b.parameter(new ParameterSpec("w", Shape.of(3), Initializer.zeros()));
        // a costly branch that does not depend on w: its adjoint must not be built
        int unrelated = e.sumAll(e.matmul(false, false, other, other));
        int loss = e.add(e.sumAll(e.mul(x, w)), unrelated);
        b.output("loss", loss);
        Graph g = b.build();

        Graph d = Autodiff.gradients(g, "loss", List.of("w"));

        List<Node> added = d.nodes().subList(g.nodes().size(), d.nodes().size());
        assertThat(added).noneMatch(n -> n.op() instanceof Op.MatMul);
        assertThat(added.size()).isLessThan(8);
        assertThat(d.outputs()).containsKeys("loss", "grad/w");
        double[] grad = ReferenceInterpreter.runDoubles(d, Map.of(
                "x", new double[] {1, 2, 3}, "other", new double[64], "w", new double[3])).get("grad/w");
        assertThat(grad).containsExactly(1, 2, 3);
    }

    @Test
    void aParameterTheLossDoesNotUseGetsAZeroGradient() {
        GraphBuilder b = new GraphBuilder();
        Emitter e = new Emitter(b);
        int w = b.parameter(new ParameterSpec("w", Shape.of(2), Initializer.zeros()));
        b.parameter(new ParameterSpec("unused", Shape.of(2, 2), Initializer.zeros()));
        int stopped = b.add(new Op.StopGradient(), w);
        b.output("loss", e.sumAll(e.mul(stopped, stopped)));

        Graph d = Autodiff.gradients(b.build(), "loss", List.of("w", "unused"));

        Map<String, double[]> out = ReferenceInterpreter.runDoubles(d, Map.of(
                "w", new double[] {3, 4}, "unused", new double[4]));
        assertThat(out.get("grad/w")).containsExactly(0, 0);
        assertThat(out.get("grad/unused")).containsExactly(0, 0, 0, 0);
        assertThat(d.output("grad/unused").shape()).isEqualTo(Shape.of(2, 2));
    }

    @Test
    void aNonScalarLossIsRejectedWithItsShape() {
        GraphBuilder b = new GraphBuilder();
        int w = b.parameter(new ParameterSpec("w", Shape.of(2), Initializer.zeros()));
        b.output("loss", w);
        assertThatThrownBy(() -> Autodiff.gradients(b.build(), "loss", List.of("w")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank-0 F32").hasMessageContaining("[2]");
    }

    @Test
    void unknownNamesAreRejectedListingTheKnownOnes() {
        GraphBuilder b = new GraphBuilder();
        Emitter e = new Emitter(b);
        int w = b.parameter(new ParameterSpec("w", Shape.of(2), Initializer.zeros()));
        b.input("ids", Shape.of(2), DType.I32);
        b.output("loss", e.sumAll(w));
        Graph g = b.build();
        assertThatThrownBy(() -> Autodiff.gradients(g, "loss", List.of("v")))
                .hasMessageContaining("no parameter 'v'").hasMessageContaining("[w]");
        assertThatThrownBy(() -> Autodiff.gradients(g, "nope", List.of("w")))
                .hasMessageContaining("no loss output 'nope'");
        assertThatThrownBy(() -> Autodiff.gradients(g, "loss", List.of(), List.of("ids")))
                .hasMessageContaining("input 'ids' is I32");
    }

    @Test
    void sumToSkipsTheReductionWhenNothingWasBroadcast() {
        GraphBuilder b = new GraphBuilder();
        Emitter e = new Emitter(b);
        int x = b.input("x", Shape.of(1, 3), DType.F32);
        int size = b.size();
        // same element count, only a leading unit axis differs: a reshape, never an empty Reduce
        int same = e.sumTo(x, Shape.of(1, 3));
        assertThat(same).isEqualTo(x);
        assertThat(b.size()).isEqualTo(size);
        assertThat(e.sum(x, true)).isEqualTo(x);
    }
}
