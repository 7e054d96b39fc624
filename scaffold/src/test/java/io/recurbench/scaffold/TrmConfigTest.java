package io.recurbench.scaffold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrmConfigTest {

    @Test
    void thePublishedPresetsCarryTrmsNumbers() {
        TrmConfig arc = TrmPresets.get("trm-arc");
        assertThat(arc.operator()).isEqualTo("transformer");
        assertThat(arc.hiddenSize()).isEqualTo(512);
        assertThat(arc.hCycles()).isEqualTo(3);
        assertThat(arc.lCycles()).isEqualTo(4);
        assertThat(arc.haltMaxSteps()).isEqualTo(16);
        assertThat(arc.haltExplorationProb()).isEqualTo(0.1);
        assertThat(arc.puzzleEmbLen()).isEqualTo(16);
        assertThat(arc.puzzleEmbLr()).isEqualTo(1e-2);
        assertThat(arc.positions()).isEqualTo(TrmConfig.PositionEncoding.ROPE);
        assertThat(arc.loss()).isEqualTo(TrmConfig.LossKind.STABLEMAX);
        assertThat(arc.optimizer()).isEqualTo(TrmConfig.OptimizerKind.ADAM_ATAN2);
        assertThat(arc.beta2()).isEqualTo(0.95);
        assertThat(arc.warmupSteps()).isEqualTo(2000);
        assertThat(arc.emaRate()).isEqualTo(0.999);
        assertThat(arc.source()).contains("TinyRecursiveModels");

        TrmConfig sudoku = TrmPresets.get("trm-sudoku");
        assertThat(sudoku.operator()).isEqualTo("mlp-mixer");
        assertThat(sudoku.lCycles()).isEqualTo(6);
        assertThat(sudoku.positions()).isEqualTo(TrmConfig.PositionEncoding.NONE);
        assertThat(sudoku.weightDecay()).isEqualTo(1.0);

        assertThat(TrmPresets.get("mamba2-hybrid-arc").operatorParams()).containsEntry("mixer", "attention");
        assertThat(TrmPresets.get("mamba2-hybrid-sudoku").operatorParams()).containsEntry("mixer", "mlp_t");
        assertThat(TrmPresets.get("cpu-tiny").hiddenSize()).isEqualTo(64);
        assertThat(TrmPresets.get("cpu-small").hiddenSize()).isEqualTo(128);
        TrmConfig sudoku9 = TrmPresets.get("cpu-sudoku9");
        assertThat(sudoku9.operator()).isEqualTo("mlp-mixer");
        assertThat(sudoku9.haltMaxSteps()).isEqualTo(4);
        assertThat(sudoku9.loss()).isEqualTo(TrmConfig.LossKind.SOFTMAX);
        assertThat(TrmPresets.all().values()).allSatisfy(c -> assertThat(c.source()).isNotBlank());
    }

    @Test
    void anUnknownPresetFailsListingTheKnownOnes() {
        assertThatThrownBy(() -> TrmPresets.get("trm-big"))
                .hasMessage("unknown TRM preset 'trm-big'; known presets: trm-arc, trm-sudoku, mamba2-hybrid-arc,"
                        + " mamba2-hybrid-sudoku, cpu-tiny, cpu-small, cpu-sudoku9");
    }

    @Test
    void everyFieldMapsToAndFromJson() throws Exception {
        TrmConfig c = TrmPresets.get("trm-sudoku");
        JsonNode json = TrmPresets.mapper().valueToTree(c);
        assertThat(json.fieldNames()).toIterable().containsExactly("operator", "operator_params", "hidden_size",
                "num_heads", "expansion", "H_cycles", "L_cycles", "halt_max_steps", "halt_exploration_prob",
                "puzzle_emb_len", "puzzle_emb_ndim", "pos_encodings", "loss_type", "optimizer", "lr", "beta1", "beta2",
                "weight_decay", "lr_warmup_steps", "puzzle_emb_lr", "puzzle_emb_weight_decay", "ema_rate", "batch_size",
                "seed", "source");
        assertThat(json.get("pos_encodings").asText()).isEqualTo("none");
        assertThat(json.get("optimizer").asText()).isEqualTo("adam-atan2");
        assertThat(TrmPresets.mapper().treeToValue(json, TrmConfig.class)).isEqualTo(c);
    }

    @Test
    void badConfigsFailInOneLineNamingTheField() throws Exception {
        String json = TrmPresets.mapper().writeValueAsString(TrmPresets.get("cpu-tiny"));
        assertThatThrownBy(() -> TrmPresets.parse(json.replace("\"seed\":", "\"hiden_size\":3,\"seed\":"), "run.json"))
                .hasMessageStartingWith("run.json: field 'hiden_size': unknown field; known fields: ");
        assertThatThrownBy(() -> TrmPresets.parse(json.replace("\"hidden_size\":64,", ""), "run.json"))
                .hasMessage("run.json: field 'hidden_size': missing (required)");
        assertThatThrownBy(() -> TrmPresets.parse(json.replace("\"H_cycles\":2", "\"H_cycles\":0"), "run.json"))
                .hasMessageContaining("TRM config 'H_cycles': expected >= 1, got 0");
        assertThatThrownBy(() -> TrmConfigOverrides.apply(TrmPresets.get("cpu-tiny"), Map.of("H", "0")))
                .hasMessageContaining("TRM config 'H_cycles': expected >= 1, got 0");
        assertThatThrownBy(() -> TrmConfigOverrides.apply(TrmPresets.get("cpu-tiny"), Map.of("heads", "3")))
                .hasMessageContaining("'num_heads': expected a positive divisor of hidden_size 64, got 3");
    }

    @Test
    void warmUpIsLinearThenConstant() {
        TrmConfig c = TrmPresets.get("trm-arc");
        assertThat(c.learningRate(1)).isEqualTo(1e-4 / 2000);
        assertThat(c.learningRate(1000)).isEqualTo(0.5e-4);
        assertThat(c.learningRate(2000)).isEqualTo(1e-4);
        assertThat(c.learningRate(50_000)).isEqualTo(1e-4);
    }
}
