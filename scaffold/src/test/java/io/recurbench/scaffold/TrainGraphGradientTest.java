package io.recurbench.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.optim.OptimizerGraph;
import io.recurbench.engine.optim.Sgd;
import io.recurbench.engine.reference.ReferenceInterpreter;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The composed train-step graph of a tiny TRM against central finite differences, everything
 * evaluated by the float64 reference interpreter. With plain SGD at lr 1 and no decay the update is
 * {@code new = p − g}, so {@code p − new} reads back the gradient the graph applied.
 *
 * <p>TRM's gradient is by design not the full derivative of the loss: the first H−1 cycles run
 * without gradient, so their outputs count as constants. The oracle is therefore the finite
 * difference of the loss of the <em>last cycle alone</em> (an H = 1 model) started from the states
 * the first H−1 cycles reach at the unperturbed point — with the same input embeddings, which do
 * carry gradient into the last cycle.
 */
class TrainGraphGradientTest {
    private static final double H = 1e-5;

    @Test
    void theTrainStepAppliesTheGradientOfItsLossIncludingThePuzzleRowsAndOnlyTheLastCycle() {
        CountingTask task = new CountingTask(3);
        // softmax CE keeps the loss smooth; H = 2 so one cycle runs under stopGradient; B = 2.
        TrmConfig c = TrmConfigOverrides.apply(TestModels.withHidden(TestModels.tiny(2, 4), 8, 2),
                Map.of("loss", "softmax"));
        TrmModel model = TestModels.model(c, task);
        Graph step = TrmTrainGraph.compose(model, new Sgd(0, 0));
        Map<String, double[]> feeds = feeds(model, step);

        Map<String, double[]> out = ReferenceInterpreter.runDoubles(step, feeds);
        Map<String, double[]> firstCycle = ReferenceInterpreter.runDoubles(model.evalStep(1), feeds);
        Graph lastCycle = TestModels.model(c.withDepth(1, c.lCycles(), c.haltMaxSteps()), task).trainForward();
        Map<String, double[]> lastFeeds = new HashMap<>(feeds);
        lastFeeds.put(TrmNames.CARRY_Y, firstCycle.get(TrmNames.NEXT_Y));
        lastFeeds.put(TrmNames.CARRY_Z, firstCycle.get(TrmNames.NEXT_Z));
        lastFeeds.put(TrmNames.RESET, new double[] {0, 0});
        assertThat(ReferenceInterpreter.runDoubles(lastCycle, lastFeeds).get(TrmNames.LOSS)[0])
                .as("the last cycle from the first cycle's states is the whole step")
                .isCloseTo(out.get(TrmNames.LOSS)[0], org.assertj.core.data.Offset.offset(1e-12));
        SplittableRandom pick = new SplittableRandom(3);
        int checked = 0;
        for (ParameterSpec p : model.parameters()) {
            if (!TrmModel.trainable(p.name())) {
                continue;
            }
            double[] before = feeds.get(p.name());
            double[] after = out.get(OptimizerGraph.newName(p.name()));
            for (int k = 0; k < 3; k++) {
                int i = pick.nextInt(before.length);
                double analytic = before[i] - after[i];
                double numeric = finiteDifference(lastCycle, lastFeeds, p.name(), i);
                assertThat(analytic).as("d loss / d %s[%d]", p.name(), i)
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(numeric))));
                checked++;
            }
        }
        double[] rowGrad = out.get(TrmNames.PUZZLE_ROWS_GRAD);
        for (int i = 0; i < rowGrad.length; i += 3) {
            assertThat(rowGrad[i]).as("d loss / d puzzle row value %d", i)
                    .isCloseTo(finiteDifference(lastCycle, lastFeeds, TrmNames.PUZZLE_ROWS, i), org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(checked).isGreaterThan(30);
        // The initial states are fixed buffers: the step must not update them.
        assertThat(step.outputs()).doesNotContainKeys(OptimizerGraph.newName(TrmNames.INIT_Y), OptimizerGraph.newName(TrmNames.INIT_Z));
    }

    @Test
    void theNoGradientCyclesAddNoBackwardWork() {
        CountingTask task = new CountingTask(3);
        TrmConfig shallow = TestModels.withHidden(TestModels.tiny(2, 4), 8, 2).withDepth(1, 1, 4);
        TrmConfig deep = TestModels.withHidden(TestModels.tiny(2, 4), 8, 2).withDepth(3, 1, 4);
        int shallowBackward = backwardNodes(TestModels.model(shallow, task));
        int deepBackward = backwardNodes(TestModels.model(deep, task));
        assertThat(deepBackward).isEqualTo(shallowBackward);
    }

    /** Nodes appended by autodiff and the optimizer (train graph minus forward). */
    private static int backwardNodes(TrmModel model) {
        return TrmTrainGraph.compose(model, new Sgd(0, 0)).nodes().size() - model.trainForward().nodes().size();
    }

    private static double finiteDifference(Graph graph, Map<String, double[]> feeds, String name, int i) {
        Map<String, double[]> plus = new HashMap<>(feeds);
        Map<String, double[]> minus = new HashMap<>(feeds);
        double[] p = feeds.get(name).clone();
        double[] m = feeds.get(name).clone();
        p[i] += H;
        m[i] -= H;
        plus.put(name, p);
        minus.put(name, m);
        return (ReferenceInterpreter.runDoubles(graph, plus).get(TrmNames.LOSS)[0]
                - ReferenceInterpreter.runDoubles(graph, minus).get(TrmNames.LOSS)[0]) / (2 * H);
    }

    /** Random parameters (non-zero Q head so the halting loss has a real gradient), a mixed carry, lr 1. */
    private static Map<String, double[]> feeds(TrmModel model, Graph step) {
        SplittableRandom rng = new SplittableRandom(11);
        Map<String, double[]> feeds = new HashMap<>();
        for (Node node : step.nodes()) {
            String name = switch (node.op()) {
                case Op.Parameter p -> p.name();
                case Op.Input in -> in.name();
                default -> null;
            };
            if (name == null) {
                continue;
            }
            double[] v = new double[node.shape().intSize()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextGaussian() * 0.5;
            }
            feeds.put(name, v);
        }
        var batch = CountingTask.batch(0, 2, 3);
        feeds.put(TrmNames.INPUTS, ints(batch.inputs()));
        feeds.put(TrmNames.LABELS, ints(batch.labels()));
        feeds.put(TrmNames.RESET, new double[] {1, 0});      // slot 0 starts, slot 1 continues from the carry
        feeds.put(OptimizerGraph.LR_INPUT, new double[] {1});
        feeds.put(OptimizerGraph.STEP_INPUT, new double[] {1});
        assertThat(model.stateShape()).isEqualTo(Shape.of(2, 5, 8));
        return feeds;
    }

    private static double[] ints(int[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

}
