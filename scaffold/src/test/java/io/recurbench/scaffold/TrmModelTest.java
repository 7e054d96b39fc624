package io.recurbench.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.DType;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.api.operator.RecursiveOperator;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.trace.Tracer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrmModelTest {

    /** The operator's own parameters, counted by tracing it alone on one state. */
    private static long operatorCount(TrmConfig c, int answerLength) {
        RecursiveOperator op = Operators.create(c, answerLength);
        Tracer t = new Tracer();
        op.apply(t.input("h", Shape.of(1, answerLength + c.puzzleEmbLen(), c.hiddenSize()), DType.F32), t.child("net"));
        return t.build().parameters().stream().mapToLong(ParameterSpec::count).sum();
    }

    @Test
    void thePapersConfigurationsCountExactlyThePublishedTotals() {
        // Published totals as docs/operators.md tabulates them (TRM-Att 6.83M, Mamba-2 hybrid 6.86M, TRM-MLP 5M).
        assertThat(new TrmModel(TrmPresets.get("trm-arc"), Operators.create(TrmPresets.get("trm-arc"), 900), 12, 900, 1)
                .trainableParameterCount()).isEqualTo(6_829_058L);
        assertThat(new TrmModel(TrmPresets.get("mamba2-hybrid-arc"), Operators.create(TrmPresets.get("mamba2-hybrid-arc"), 900),
                12, 900, 1).trainableParameterCount()).isEqualTo(6_860_386L);
        assertThat(new TrmModel(TrmPresets.get("trm-sudoku"), Operators.create(TrmPresets.get("trm-sudoku"), 81), 11, 81, 1)
                .trainableParameterCount()).isEqualTo(5_028_866L);
    }

    @Test
    void scaffoldParametersAreEmbeddingHeadsAndFixedInitialStates() {
        TrmConfig c = TestModels.withHidden(TestModels.tiny(2, 4), 8, 2);
        CountingTask task = new CountingTask(3);
        TrmModel model = TestModels.model(c, task);
        Map<String, Shape> shapes = new java.util.LinkedHashMap<>();
        model.parameters().forEach(p -> shapes.put(p.name(), p.shape()));
        int v = CountingTask.VOCABULARY;
        assertThat(shapes).containsEntry(TrmNames.EMBED_TOKENS, Shape.of(v, 8)).containsEntry(TrmNames.LM_HEAD, Shape.of(8, v))
                .containsEntry(TrmNames.Q_HEAD_WEIGHT, Shape.of(8, 2)).containsEntry(TrmNames.Q_HEAD_BIAS, Shape.of(2))
                .containsEntry(TrmNames.INIT_Y, Shape.of(8)).containsEntry(TrmNames.INIT_Z, Shape.of(8))
                .doesNotContainKey(TrmNames.EMBED_POSITIONS);
        assertThat(shapes.keySet()).filteredOn(n -> !n.startsWith("net.")).hasSize(6);
        long expected = operatorCount(c, CountingTask.LENGTH) + 2L * v * 8 + 2 * 8 + 2;
        assertThat(model.trainableParameterCount()).isEqualTo(expected);
        assertThat(model.sequenceLength()).isEqualTo(CountingTask.LENGTH + 1);
        assertThat(model.stateShape()).isEqualTo(Shape.of(2, 5, 8));

        TrmConfig learned = TrmConfigOverrides.apply(c, Map.of("positions", "learned"));
        assertThat(TestModels.model(learned, task).trainableParameterCount()).isEqualTo(expected + 5 * 8);
    }

    @Test
    void graphOutputsHaveTheDocumentedShapes() {
        TrmConfig c = TestModels.withHidden(TestModels.tiny(2, 4), 8, 2);
        TrmModel model = TestModels.model(c, new CountingTask(3));
        Graph eval = model.evalStep(3);
        assertThat(eval.output(TrmNames.PREDICTIONS).shape()).isEqualTo(Shape.of(2, CountingTask.LENGTH));
        assertThat(eval.output(TrmNames.PREDICTIONS).dtype()).isEqualTo(DType.I32);
        assertThat(eval.output(TrmNames.HALT_LOGIT).shape()).isEqualTo(Shape.of(2));
        assertThat(eval.output(TrmNames.NEXT_Y).shape()).isEqualTo(model.stateShape());
        assertThat(eval.output(TrmNames.LOSS).shape()).isEqualTo(Shape.scalar());
        for (int cycle = 0; cycle < 3; cycle++) {
            assertThat(eval.output(TrmNames.cyclePredictions(cycle)).shape()).isEqualTo(Shape.of(2, CountingTask.LENGTH));
            assertThat(eval.output(TrmNames.cycleEntropy(cycle)).shape()).isEqualTo(Shape.of(2));
            assertThat(eval.output(TrmNames.cycleDrift(cycle)).shape()).isEqualTo(Shape.of(2));
        }
        Graph train = TrmTrainGraph.compose(model, TrmTrainGraph.optimizer(c));
        assertThat(train.output(TrmNames.PUZZLE_ROWS_GRAD).shape()).isEqualTo(Shape.of(2, 8));
        assertThat(train.outputs()).containsKeys("new/" + TrmNames.EMBED_TOKENS, "new/opt/m/" + TrmNames.LM_HEAD);
    }
}
