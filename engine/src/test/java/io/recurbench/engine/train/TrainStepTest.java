package io.recurbench.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.optim.OptimizerGraph;
import io.recurbench.engine.optim.Sgd;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.engine.trace.Tracer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The train-step graph's layout and one step of it against a closed form. */
class TrainStepTest {

    /** loss = Σ (w − t)² + Σ u², metric "dist" = Σ |w − t|, carry "next" = t + 1. */
    private static Graph quadratic() {
        Tracer tr = new Tracer();
        Tensor t = tr.input("target", Shape.of(3), DType.F32);
        Tensor w = tr.parameter("w", Shape.of(3), Initializer.zeros());
        Tensor u = tr.child("extra").parameter("u", Shape.of(2), Initializer.zeros());
        Tensor d = w.sub(t);
        tr.output("loss", d.mul(d).sum(0).add(u.mul(u).sum(0)));
        tr.output("dist", d.abs().sum(0));
        tr.output("next", t.add(1f));
        tr.output("dropped", w.mul(2f));
        return tr.build();
    }

    @Test
    void oneStepUpdatesParametersAndPassesMetricsAndCarryThrough() {
        Graph step = TrainStep.compose(quadratic(), TrainStep.Spec.all("loss", List.of("dist", "next"), Sgd.plain()));

        assertThat(step.outputs().keySet()).containsExactly("loss", "dist", "next", TrainStep.GRAD_NORM_OUTPUT,
                "new/w", "new/extra.u");
        Map<String, HostTensor> feeds = new HashMap<>();
        feeds.put("target", HostTensor.of(Shape.of(3), 1, 2, 3));
        feeds.put("w", HostTensor.of(Shape.of(3), 0, 2, 5));
        feeds.put("extra.u", HostTensor.of(Shape.of(2), 3, -4));
        feeds.put(OptimizerGraph.LR_INPUT, HostTensor.of(Shape.scalar(), 0.25f));
        feeds.put(OptimizerGraph.STEP_INPUT, HostTensor.ofInts(Shape.scalar(), 1));
        Map<String, double[]> out = ReferenceInterpreter.run(step, feeds);

        // w − t = (−1, 0, 2): grad 2(w − t) = (−2, 0, 4); u: grad 2u = (6, −8)
        assertThat(out.get("loss")).containsExactly(5 + 25);
        assertThat(out.get("dist")).containsExactly(3);
        assertThat(out.get("next")).containsExactly(2, 3, 4);
        assertThat(out.get(TrainStep.GRAD_NORM_OUTPUT)[0]).isCloseTo(Math.sqrt(4 + 16 + 36 + 64), within(1e-12));
        assertThat(out.get("new/w")).containsExactly(0.5, 2, 4);
        assertThat(out.get("new/extra.u")).containsExactly(1.5, -2);
    }

    @Test
    void onlyTheTrainableParametersAreUpdated() {
        Graph step = TrainStep.compose(quadratic(), new TrainStep.Spec("loss", List.of(), List.of("extra.u"),
                new Sgd(0.5, 0)));
        assertThat(step.outputs().keySet()).containsExactly("loss", TrainStep.GRAD_NORM_OUTPUT, "new/extra.u",
                "new/opt/momentum/extra.u");
        // the frozen parameter is still a fed parameter, and no adjoint reaches it
        assertThat(step.nodes()).filteredOn(n -> n.op() instanceof Op.Input in
                && in.name().equals("opt/momentum/w")).isEmpty();
    }

    @Test
    void inputsAreTheForwardInputsParametersOptimizerStateAndSchedule() {
        Graph step = TrainStep.compose(quadratic(), TrainStep.Spec.all("loss", List.of(), new Sgd(0.9, 0)));
        List<String> inputs = step.nodes().stream().map(Node::op).filter(op -> op instanceof Op.Input)
                .map(op -> ((Op.Input) op).name()).toList();
        assertThat(inputs).containsExactlyInAnyOrder("target", "opt/lr", "opt/step", "opt/momentum/w",
                "opt/momentum/extra.u");
        assertThat(step.parameters()).extracting(p -> p.name()).containsExactly("w", "extra.u");
    }

    @Test
    void badSpecsNameWhatIsWrong() {
        Graph g = quadratic();
        assertThatThrownBy(() -> TrainStep.compose(g, TrainStep.Spec.all("loss", List.of("acc"), Sgd.plain())))
                .hasMessageContaining("no output 'acc'");
        assertThatThrownBy(() -> TrainStep.compose(g, new TrainStep.Spec("loss", List.of(), List.of("v"), Sgd.plain())))
                .hasMessageContaining("no parameter 'v'");
        assertThatThrownBy(() -> TrainStep.compose(g, TrainStep.Spec.all("dist", List.of("dist"), Sgd.plain())))
                .hasMessageContaining("listed twice");
    }
}
