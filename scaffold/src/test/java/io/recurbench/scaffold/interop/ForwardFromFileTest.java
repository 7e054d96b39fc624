package io.recurbench.scaffold.interop;

import static io.recurbench.scaffold.interop.InteropFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.Executable;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.cpu.CpuBackend;
import io.recurbench.engine.io.SafetensorsFile;
import io.recurbench.scaffold.TrmConfig;
import io.recurbench.scaffold.TrmModel;
import io.recurbench.scaffold.TrmNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recurbench forward}: one supervision step from exported/imported weights and a batch file. */
class ForwardFromFileTest {
    @TempDir
    Path dir;

    private static final int[] TOKENS = {1, 5, 0, 3, 2, 2, 4, 1};
    private static final int[] PUZZLES = {3, 0};

    private static Map<String, HostTensor> batch() {
        return Map.of(ForwardFromFile.BATCH_INPUTS, HostTensor.ofInts(Shape.of(BATCH, ANSWER), TOKENS),
                ForwardFromFile.BATCH_PUZZLE_IDS, HostTensor.ofInts(Shape.of(BATCH), PUZZLES));
    }

    @Test
    void importedWeightsGiveTheOriginalForwardBitwise() throws IOException {
        for (TrmConfig config : new TrmConfig[] {transformer(), mlpMixer()}) {
            TrmModel model = model(config);
            Map<String, HostTensor> params = randomParameters(model, 11);
            Path file = dir.resolve(config.operator() + ".safetensors");
            TrmWeights.exportModel(file, config, params);
            Map<String, HostTensor> imported = TrmWeights.importWeights(file, TrmWeights.WeightSpec.of(model));
            CpuBackend cpu = new CpuBackend();
            ForwardFromFile.Outputs original = ForwardFromFile.forward(model, params, batch(), "batch", cpu);
            ForwardFromFile.Outputs again = ForwardFromFile.forward(model, imported, batch(), "batch", cpu);
            assertThat(again.logits().shape()).isEqualTo(Shape.of(BATCH, ANSWER, VOCAB));
            assertThat(bits(again.logits())).isEqualTo(bits(original.logits()));
            assertThat(bits(again.qHaltLogits())).isEqualTo(bits(original.qHaltLogits()));
            assertThat(bits(again.qContinueLogits())).isEqualTo(bits(original.qContinueLogits()));
        }
    }

    @Test
    void headsAgreeWithTheStepGraphsOwnHaltLogitAndPredictions() {
        TrmModel model = model(transformer());
        Map<String, HostTensor> params = randomParameters(model, 12);
        CpuBackend cpu = new CpuBackend();
        ForwardFromFile.Outputs out = ForwardFromFile.forward(model, params, batch(), "batch", cpu);
        Map<String, HostTensor> step;
        Map<String, HostTensor> feeds = new HashMap<>(params);
        feeds.remove(TrmNames.PUZZLE_TABLE);
        feeds.put(TrmNames.INPUTS, HostTensor.ofInts(Shape.of(BATCH, ANSWER), TOKENS));
        int[] ignored = new int[BATCH * ANSWER];
        Arrays.fill(ignored, -100);
        feeds.put(TrmNames.LABELS, HostTensor.ofInts(Shape.of(BATCH, ANSWER), ignored));
        int w = model.puzzleRowWidth();
        float[] rows = new float[BATCH * w];
        for (int i = 0; i < BATCH; i++) {
            System.arraycopy(params.get(TrmNames.PUZZLE_TABLE).f32(), PUZZLES[i] * w, rows, i * w, w);
        }
        feeds.put(TrmNames.PUZZLE_ROWS, HostTensor.of(Shape.of(BATCH, w), rows));
        feeds.put(TrmNames.RESET, HostTensor.of(Shape.of(BATCH), 1f, 1f));
        feeds.put(TrmNames.CARRY_Y, HostTensor.zeros(model.stateShape(), DType.F32));
        feeds.put(TrmNames.CARRY_Z, HostTensor.zeros(model.stateShape(), DType.F32));
        try (Executable exe = cpu.compile(model.evalStep(model.config().hCycles()))) {
            step = exe.run(feeds);
        }
        for (int b = 0; b < BATCH; b++) {
            assertThat(out.qHaltLogits().f32()[b]).isCloseTo(step.get(TrmNames.HALT_LOGIT).f32()[b], within(1e-5f));
        }
        int[] predictions = step.get(TrmNames.PREDICTIONS).i32();
        for (int cell = 0; cell < BATCH * ANSWER; cell++) {
            int best = 0;
            for (int v = 1; v < VOCAB; v++) {
                if (out.logits().f32()[cell * VOCAB + v] > out.logits().f32()[cell * VOCAB + best]) {
                    best = v;
                }
            }
            assertThat(predictions[cell]).as("cell %d", cell).isEqualTo(best);
        }
    }

    @Test
    void matchesAnIndependentTorchStyleReferenceOnTheExportedStateDict() throws IOException {
        for (TrmConfig config : new TrmConfig[] {transformer(), mlpMixer(), learnedPositions()}) {
            TrmModel model = model(config);
            Map<String, HostTensor> params = randomParameters(model, 13);
            Path file = dir.resolve("ref-" + config.operator() + ".safetensors");
            TrmWeights.exportModel(file, config, params);
            ForwardFromFile.Outputs ours = ForwardFromFile.forward(model, params, batch(), "batch", new CpuBackend());
            boolean mlpT = config.operator().equals("mlp-mixer");
            TorchStyleTrm reference = new TorchStyleTrm(SafetensorsFile.readAll(file), config.hiddenSize(), config.heads(),
                    config.puzzleEmbLen(), config.hCycles(), config.lCycles(), mlpT, 2,
                    config.positions() == TrmConfig.PositionEncoding.ROPE);
            for (int b = 0; b < BATCH; b++) {
                double[][] want = reference.forward(Arrays.copyOfRange(TOKENS, b * ANSWER, (b + 1) * ANSWER), PUZZLES[b]);
                for (int i = 0; i < ANSWER * VOCAB; i++) {
                    assertThat((double) ours.logits().f32()[b * ANSWER * VOCAB + i]).as("%s logits[%d][%d]",
                            config.operator(), b, i).isCloseTo(want[0][i], within(1e-3 * (1 + Math.abs(want[0][i]))));
                }
                assertThat((double) ours.qHaltLogits().f32()[b]).isCloseTo(want[1][0], within(1e-3 * (1 + Math.abs(want[1][0]))));
                assertThat((double) ours.qContinueLogits().f32()[b]).isCloseTo(want[1][1], within(1e-3 * (1 + Math.abs(want[1][1]))));
            }
        }
    }

    /** The batch file written byte by byte: inputs as I64 (what numpy/PyTorch give by default), ids as I32. */
    private Path handMadeBatch() throws IOException {
        String header = "{\"inputs\":{\"dtype\":\"I64\",\"shape\":[2,4],\"data_offsets\":[0,64]},"
                + "\"puzzle_identifiers\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[64,72]}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(new byte[] {(byte) h.length, 0, 0, 0, 0, 0, 0, 0});
        out.writeBytes(h);
        for (int t : TOKENS) { // little-endian int64, small non-negative values
            out.writeBytes(new byte[] {(byte) t, 0, 0, 0, 0, 0, 0, 0});
        }
        out.writeBytes(new byte[] {3, 0, 0, 0, 0, 0, 0, 0}); // puzzle ids 3, 0 as int32
        Path p = dir.resolve("batch.safetensors");
        Files.write(p, out.toByteArray());
        return p;
    }

    @Test
    void runReadsABatchFileAndWritesTrmsOutputs() throws IOException {
        TrmConfig config = transformer();
        TrmModel model = model(config);
        Map<String, HostTensor> params = randomParameters(model, 14);
        Path weights = dir.resolve("w.safetensors");
        TrmWeights.exportModel(weights, config, params);
        Path out = dir.resolve("out.safetensors");
        ForwardFromFile.run(weights, handMadeBatch(), out, null, new CpuBackend());
        ForwardFromFile.Outputs direct = ForwardFromFile.forward(model, params, batch(), "batch", new CpuBackend());
        try (SafetensorsFile f = SafetensorsFile.open(out)) {
            assertThat(f.names()).containsExactlyInAnyOrder("logits", "q_halt_logits", "q_continue_logits");
            assertThat(f.entry("logits").shape()).containsExactly((long) BATCH, (long) ANSWER, (long) VOCAB);
            assertThat(bits(f.read("logits"))).isEqualTo(bits(direct.logits()));
            assertThat(bits(f.read("q_halt_logits"))).isEqualTo(bits(direct.qHaltLogits()));
            assertThat(TrmWeights.configFrom(f.metadata(), out)).isEqualTo(config);
        }
    }

    @Test
    void mainTakesTheConfigFromTheWeightsMetadata() throws IOException {
        TrmConfig config = mlpMixer();
        TrmModel model = model(config);
        Map<String, HostTensor> params = randomParameters(model, 16);
        Path weights = dir.resolve("w.safetensors");
        TrmWeights.exportModel(weights, config, params);
        Path out = dir.resolve("main-out.safetensors");
        ForwardFromFile.main(new String[] {"--weights", weights.toString(), "--batch", handMadeBatch().toString(),
                "--out", out.toString()});
        ForwardFromFile.Outputs direct = ForwardFromFile.forward(model, params, batch(), "batch", new CpuBackend());
        assertThat(bits(SafetensorsFile.readAll(out).get("logits"))).isEqualTo(bits(direct.logits()));
        assertThatThrownBy(() -> ForwardFromFile.main(new String[] {"--weights", weights.toString()}))
                .hasMessage("forward: --batch is required");
    }

    @Test
    void badBatchesAreNamed() throws IOException {
        TrmConfig config = transformer();
        TrmModel model = model(config);
        Map<String, HostTensor> params = randomParameters(model, 15);
        CpuBackend cpu = new CpuBackend();
        assertThatThrownBy(() -> ForwardFromFile.forward(model, params,
                Map.of("inputs", HostTensor.ofInts(Shape.of(BATCH, ANSWER), TOKENS)), "b.safetensors", cpu))
                .hasMessage("b.safetensors: tensor 'puzzle_identifiers' missing (the batch holds [inputs])");
        int[] tooBig = TOKENS.clone();
        tooBig[5] = VOCAB;
        assertThatThrownBy(() -> ForwardFromFile.forward(model, params,
                Map.of("inputs", HostTensor.ofInts(Shape.of(BATCH, ANSWER), tooBig),
                        "puzzle_identifiers", HostTensor.ofInts(Shape.of(BATCH), PUZZLES)), "b.safetensors", cpu))
                .hasMessage("b.safetensors: tensor 'inputs': token 6 outside the vocabulary [0, 6)");
        assertThatThrownBy(() -> ForwardFromFile.forward(model, params,
                Map.of("inputs", HostTensor.ofInts(Shape.of(BATCH, ANSWER), TOKENS),
                        "puzzle_identifiers", HostTensor.ofInts(Shape.of(BATCH), 0, PUZZLE_IDS)), "b.safetensors", cpu))
                .hasMessage("b.safetensors: tensor 'puzzle_identifiers': id 5 of example 1 outside the puzzle table's 5 rows");
        Path noConfig = dir.resolve("plain.safetensors");
        TrmWeights.exportWeights(noConfig, params, Map.of());
        assertThatThrownBy(() -> ForwardFromFile.run(noConfig, handMadeBatch(), dir.resolve("o.safetensors"), null, cpu))
                .hasMessageContaining("no 'recurbench.trm_config' in __metadata__");
    }

    private static int[] bits(HostTensor t) {
        int[] out = new int[t.f32().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.floatToRawIntBits(t.f32()[i]);
        }
        return out;
    }
}
