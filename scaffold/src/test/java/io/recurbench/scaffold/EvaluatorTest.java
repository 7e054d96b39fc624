package io.recurbench.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recurbench.engine.cpu.CpuBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {

    @Test
    void evaluationRunsEveryStepAndReportsEachLatentCycleOfTheLast(@TempDir Path dir) throws Exception {
        CountingTask task = new CountingTask(3);
        TrmConfig c = TestModels.withHidden(TestModels.tiny(4, 3), 8, 2);
        Path metrics = dir.resolve("metrics.jsonl");
        try (Trainer t = Trainer.start(TestModels.model(c, task), "transformer", task, new CpuBackend(),
                     new Trainer.Options(null, 0, new JsonlMetricsSink(metrics), null, 1, null));
             Evaluator e = new Evaluator(c, Operators.create(c, task.sequenceLength()), task, new CpuBackend(), 4)) {
            t.train(3);
            EvalReport r = e.evaluate(t.emaParameters(), t.puzzleTable());
            assertThat(r.examples()).isEqualTo(5);                      // 3 + 2, the second batch padded
            assertThat(r.score().counts()).containsEntry("examples", 5L);
            assertThat(r.perStep()).extracting(EvalReport.StepResult::step).containsExactly(1, 2, 3);
            assertThat(r.lastStepCycles()).extracting(EvalReport.CycleResult::cycle).containsExactly(1, 2);
            EvalReport.CycleResult last = r.lastStepCycles().getLast();
            assertThat(last.cellAccuracy()).isEqualTo(r.perStep().getLast().cellAccuracy());
            assertThat(last.exactAccuracy()).isEqualTo(r.exactAccuracy());
            assertThat(last.meanEntropy()).isCloseTo(r.perStep().getLast().meanEntropy(), org.assertj.core.data.Offset.offset(1e-9));
            for (EvalReport.CycleResult cycle : r.lastStepCycles()) {
                assertThat(cycle.meanEntropy()).isBetween(0.0, Math.log(CountingTask.VOCABULARY) + 1e-6);
                assertThat(cycle.meanDrift()).isPositive();
            }
            // Fresh initialisation: the Q head's bias −5 and zero weights hold the halting logit at −5 before training.
            try (Trainer fresh = Trainer.start(TestModels.model(c, task), "transformer", task, new CpuBackend(), Trainer.Options.quiet())) {
                EvalReport r0 = e.evaluate(fresh.parameters(), fresh.puzzleTable());
                assertThat(r0.perStep()).allSatisfy(s -> assertThat(s.meanHaltLogit()).isEqualTo(-5.0));
            }

            List<EvalReport> deeper = e.depthExtrapolation(t.emaParameters(), t.puzzleTable(), 1, 2, 4);
            assertThat(deeper).extracting(EvalReport::supervisionSteps).containsExactly(3, 6, 3, 12, 3);
            assertThat(deeper).extracting(EvalReport::hCycles).containsExactly(2, 2, 4, 2, 8);
            assertThat(deeper.get(2).lastStepCycles()).hasSize(4);
        }
        List<String> lines = Files.readAllLines(metrics);
        assertThat(lines).hasSize(3);
        JsonNode first = new ObjectMapper().readTree(lines.getFirst());
        assertThat(first.get("kind").asText()).isEqualTo("step");
        assertThat(first.get("step").asLong()).isEqualTo(1);
        assertThat(first.get("loss").isNumber()).isTrue();
    }
}
