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
import io.recurbench.scaffold.ReferenceBackend;
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
            ReferenceBackend reference = new ReferenceBackend();
            ForwardFromFile.Outputs original = ForwardFromFile.forward(model, params, batch(), "batch", reference);
            ForwardFromFile.Outputs again = ForwardFromFile.forward(model, imported, batch(), "batch", reference);
            assertThat(again.logits().shape()).isEqualTo(Shape.of(BATCH, ANSWER, VOCAB));
            assertThat(bits(again.logits())).isEqualTo(bits(original.logits()));
            assertThat(bits(again.qHaltLogits())).isEqualTo(bits(original.qHaltLogits()));
            assertThat(bits(again.qContinueLogits())).isEqualTo(bits(original.qContinueLogits()));
            assertClose(ForwardFromFile.forward(model, imported, batch(), "batch", new CpuBackend()), original);
        }
    }

    /**
     * The CPU backend within float32 rounding of the reference: not bitwise, since the reference
     * computes in float64 and rounds only its outputs (see {@link ReferenceBackend}).
     */
    private static void assertClose(ForwardFromFile.Outputs got, ForwardFromFile.Outputs want) {
        float[][] g = {got.logits().f32(), got.qHaltLogits().f32(), got.qContinueLogits().f32()};
        float[][] w = {want.logits().f32(), want.qHaltLogits().f32(), want.qContinueLogits().f32()};
        for (int k = 0; k < 3; k++) {
            assertThat(g[k]).hasSameSizeAs(w[k]);
            for (int i = 0; i < g[k].length; i++) {
                assertThat(g[k][i]).as("output %d [%d]", k, i).isCloseTo(w[k][i], within(1e-4f * (1 + Math.abs(w[k][i]))));
            }
        }
    }

    @Test
    void headsAgreeWithTheStepGraphsOwnHaltLogitAndPredictions() {
        TrmModel model = model(transformer());
        Map<String, HostTensor> params = randomParameters(model, 12);
        ReferenceBackend reference = new ReferenceBackend();
        ForwardFromFile.Outputs out = ForwardFromFile.forward(model, params, batch(), "batch", reference);
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
        try (Executable exe = reference.compile(model.evalStep(model.config().hCycles()))) {
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

    /**
     * Our graph against {@link TorchStyleTrm} on the exported state dict: evaluated in float64 by
     * the reference interpreter it agrees to float32 output rounding (measured ≤ 2e-7), on the CPU
     * backend to float32 accumulation error (measured ≤ 2e-5, logits of magnitude ≤ 2.5).
     */
    @Test
    void matchesAnIndependentTorchStyleReferenceOnTheExportedStateDict() throws IOException {
        for (TrmConfig config : new TrmConfig[] {transformer(), mlpMixer(), learnedPositions()}) {
            TrmModel model = model(config);
            Map<String, HostTensor> params = randomParameters(model, 13);
            Path file = dir.resolve("ref-" + config.operator() + config.positions() + ".safetensors");
            TrmWeights.exportModel(file, config, params);
            boolean mlpT = config.operator().equals("mlp-mixer");
            TorchStyleTrm torch = new TorchStyleTrm(SafetensorsFile.readAll(file), config.hiddenSize(), config.heads(),
                    config.puzzleEmbLen(), config.hCycles(), config.lCycles(), mlpT, 2,
                    config.positions() == TrmConfig.PositionEncoding.ROPE);
            ForwardFromFile.Outputs cpu = ForwardFromFile.forward(model, params, batch(), "batch", new CpuBackend());
            ForwardFromFile.Outputs f64 = ForwardFromFile.forward(model, params, batch(), "batch", new ReferenceBackend());
            for (int b = 0; b < BATCH; b++) {
                double[][] want = torch.forward(Arrays.copyOfRange(TOKENS, b * ANSWER, (b + 1) * ANSWER), PUZZLES[b]);
                double[] wantAll = new double[ANSWER * VOCAB + 2];
                System.arraycopy(want[0], 0, wantAll, 0, ANSWER * VOCAB);
                wantAll[ANSWER * VOCAB] = want[1][0];
                wantAll[ANSWER * VOCAB + 1] = want[1][1];
                for (Object[] run : new Object[][] {{"cpu", cpu, 1e-4}, {"f64", f64, 1e-6}}) {
                    ForwardFromFile.Outputs o = (ForwardFromFile.Outputs) run[1];
                    double tolerance = (double) run[2];
                    float[] gotAll = new float[ANSWER * VOCAB + 2];
                    System.arraycopy(o.logits().f32(), b * ANSWER * VOCAB, gotAll, 0, ANSWER * VOCAB);
                    gotAll[ANSWER * VOCAB] = o.qHaltLogits().f32()[b];
                    gotAll[ANSWER * VOCAB + 1] = o.qContinueLogits().f32()[b];
                    for (int i = 0; i < gotAll.length; i++) {
                        assertThat((double) gotAll[i]).as("%s %s/%s example %d output %d", run[0], config.operator(),
                                config.positions(), b, i).isCloseTo(wantAll[i], within(tolerance * (1 + Math.abs(wantAll[i]))));
                    }
                }
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
        ForwardFromFile.run(weights, handMadeBatch(), out, null, new ReferenceBackend());
        ForwardFromFile.Outputs direct = ForwardFromFile.forward(model, params, batch(), "batch", new ReferenceBackend());
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
        ForwardFromFile.Outputs direct = ForwardFromFile.forward(model, params, batch(), "batch", new ReferenceBackend());
        Map<String, HostTensor> written = SafetensorsFile.readAll(out);
        assertClose(new ForwardFromFile.Outputs(written.get("logits"), written.get("q_halt_logits"),
                written.get("q_continue_logits")), direct);
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
