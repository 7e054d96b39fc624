package io.recurbench.scaffold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.cpu.CpuBackend;
import io.recurbench.scaffold.interop.TrmWeights;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export-weights from a trainer's EMA weights and puzzle table, import back into evaluator arrays. */
class TrainerWeightsExportTest {

    @Test
    void trainedEmaWeightsAndPuzzleTableSurviveExportAndImport(@TempDir Path dir) throws Exception {
        CountingTask task = new CountingTask(3);
        TrmConfig c = TestModels.withHidden(TestModels.tiny(4, 3), 8, 2);
        TrmModel model = TestModels.model(c, task);
        try (Trainer t = Trainer.start(model, "transformer", task, new CpuBackend(), Trainer.Options.quiet())) {
            t.train(2);
            Path file = dir.resolve("ema.safetensors");
            TrmWeights.exportModel(file, c, TrmWeights.shaped(model, t.emaParameters(), t.puzzleTable()));
            Map<String, HostTensor> back = TrmWeights.importWeights(file, TrmWeights.WeightSpec.of(model));
            Map<String, float[]> flat = TrmWeights.flat(back);
            assertThat(flat.keySet()).containsExactlyInAnyOrderElementsOf(t.emaParameters().keySet());
            t.emaParameters().forEach((name, v) -> assertThat(flat.get(name)).as(name).isEqualTo(v));
            if (model.puzzleRowWidth() > 0) {
                assertThat(back.get(TrmNames.PUZZLE_TABLE).f32()).isEqualTo(t.puzzleTable());
            }
            assertThatThrownBy(() -> TrmWeights.shaped(model, Map.of(), t.puzzleTable()))
                    .hasMessageStartingWith("parameter '").hasMessageContaining("got none");
        }
    }
}
