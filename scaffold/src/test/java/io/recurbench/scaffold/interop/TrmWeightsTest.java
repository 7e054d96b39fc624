package io.recurbench.scaffold.interop;

import static io.recurbench.scaffold.interop.InteropFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.io.SafetensorsFile;
import io.recurbench.engine.io.SafetensorsWriter;
import io.recurbench.scaffold.TrmConfig;
import io.recurbench.scaffold.TrmModel;
import io.recurbench.scaffold.TrmNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TRM name table and {@code import-weights}/{@code export-weights}: the expected names and
 * shapes are written out from TRM's module tree by hand ({@code trm.py}, {@code layers.py}), not
 * derived from the table under test.
 */
class TrmWeightsTest {
    @TempDir
    Path dir;

    /** TRM's SwiGLU width for hidden 16, expansion 4: round(16·4·2/3) = 43, up to a multiple of 256. */
    private static final int TRM_INTER_16 = 256;

    @Test
    void transformerParametersGetTrmsStateDictNamesAndShapes() throws IOException {
        TrmModel model = model(transformer());
        Path file = dir.resolve("w.safetensors");
        TrmWeights.exportWeights(file, randomParameters(model, 1), Map.of());
        Map<String, Shape> expected = new TreeMap<>();
        expected.put("inner.embed_tokens.embedding_weight", Shape.of(VOCAB, 16));
        expected.put("inner.lm_head.weight", Shape.of(VOCAB, 16));
        expected.put("inner.q_head.weight", Shape.of(2, 16));
        expected.put("inner.q_head.bias", Shape.of(2));
        expected.put("inner.H_init", Shape.of(16));
        expected.put("inner.L_init", Shape.of(16));
        expected.put("inner.puzzle_emb.weights", Shape.of(PUZZLE_IDS, 24));
        for (int i = 0; i < 2; i++) {
            String l = "inner.L_level.layers." + i + ".";
            expected.put(l + "self_attn.qkv_proj.weight", Shape.of(3 * 16, 16));
            expected.put(l + "self_attn.o_proj.weight", Shape.of(16, 16));
            expected.put(l + "mlp.gate_up_proj.weight", Shape.of(2 * TRM_INTER_16, 16));
            expected.put(l + "mlp.down_proj.weight", Shape.of(16, TRM_INTER_16));
        }
        assertThat(shapesIn(file)).isEqualTo(expected);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.metadata()).containsEntry("format", "pt");
        }
    }

    @Test
    void mlpMixerParametersGetTrmsMlpTNames() throws IOException {
        TrmModel model = model(mlpMixer());
        Path file = dir.resolve("w.safetensors");
        TrmWeights.exportWeights(file, randomParameters(model, 2), Map.of());
        int s = ANSWER; // no puzzle tokens: mlp_t mixes the 4 answer positions
        int interT = 256; // round(4·4·2/3) = 11 -> 256
        Map<String, Shape> shapes = shapesIn(file);
        assertThat(shapes).containsEntry("inner.L_level.layers.1.mlp_t.gate_up_proj.weight", Shape.of(2 * interT, s))
                .containsEntry("inner.L_level.layers.1.mlp_t.down_proj.weight", Shape.of(s, interT))
                .containsEntry("inner.L_level.layers.0.mlp.gate_up_proj.weight", Shape.of(2 * TRM_INTER_16, 16))
                .doesNotContainKey("inner.puzzle_emb.weights")
                .hasSize(6 + 4 * 2);
    }

    @Test
    void linearWeightsAreStoredTransposedAsPyTorchDoes() throws IOException {
        TrmModel model = model(transformer());
        Map<String, HostTensor> params = randomParameters(model, 3);
        float[] lm = new float[16 * VOCAB]; // ours [D, V]: W[d][v] = 1000·d + v
        for (int d = 0; d < 16; d++) {
            for (int v = 0; v < VOCAB; v++) {
                lm[d * VOCAB + v] = 1000 * d + v;
            }
        }
        params.put(TrmNames.LM_HEAD, HostTensor.of(Shape.of(16, VOCAB), lm));
        Path file = dir.resolve("w.safetensors");
        TrmWeights.exportWeights(file, params, Map.of());
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            float[] trm = f.read("inner.lm_head.weight").f32(); // TRM [V, D]: row v is output v
            for (int v = 0; v < VOCAB; v++) {
                for (int d = 0; d < 16; d++) {
                    assertThat(trm[v * 16 + d]).isEqualTo(1000f * d + v);
                }
            }
            assertThat(f.read("inner.q_head.bias").f32()).isEqualTo(params.get(TrmNames.Q_HEAD_BIAS).f32());
        }
    }

    @Test
    void exportThenImportGivesBackEveryValueBitwise() throws IOException {
        for (TrmConfig config : new TrmConfig[] {transformer(), mlpMixer()}) {
            TrmModel model = model(config);
            Map<String, HostTensor> params = randomParameters(model, 4);
            Path file = dir.resolve(config.operator() + ".safetensors");
            TrmWeights.exportModel(file, config, params);
            Map<String, HostTensor> back = TrmWeights.importWeights(file, TrmWeights.WeightSpec.of(model));
            assertThat(back.keySet()).containsExactlyInAnyOrderElementsOf(params.keySet());
            params.forEach((name, t) -> {
                assertThat(back.get(name).shape()).as(name).isEqualTo(t.shape());
                assertThat(back.get(name).f32()).as(name).isEqualTo(t.f32());
            });
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                assertThat(TrmWeights.configFrom(f.metadata(), file)).isEqualTo(config);
            }
        }
    }

    @Test
    void trainingCheckpointPrefixesAreRemovedOnImport() throws IOException {
        TrmModel model = model(mlpMixer());
        Map<String, HostTensor> params = randomParameters(model, 5);
        Map<String, HostTensor> compiled = new LinkedHashMap<>();
        TrmWeights.toTrm(params, "test").forEach((k, v) -> compiled.put("_orig_mod.model." + k, v));
        Path file = dir.resolve("ckpt.safetensors");
        SafetensorsWriter.write(file, compiled, Map.of());
        Map<String, HostTensor> back = TrmWeights.importWeights(file, TrmWeights.WeightSpec.of(model));
        assertThat(back.get(TrmNames.INIT_Y).f32()).isEqualTo(params.get(TrmNames.INIT_Y).f32());
        assertThat(back).hasSameSizeAs(params);
    }

    /**
     * A file shaped like a converted TRM training checkpoint: names under {@code _orig_mod.model.},
     * the state buffers {@code H_init}/{@code L_init} in bfloat16 (TRM's default forward_dtype),
     * everything else float32 — laid out here byte by byte, not by our writer.
     */
    @Test
    void importsATrmCheckpointWithBfloat16StateBuffers() throws IOException {
        TrmModel model = model(transformer());
        Map<String, HostTensor> trm = new TreeMap<>(TrmWeights.toTrm(randomParameters(model, 7), "test"));
        StringBuilder header = new StringBuilder("{");
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        Map<String, float[]> expected = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : trm.entrySet()) {
            boolean bf16 = e.getKey().endsWith("_init");
            float[] v = e.getValue().f32();
            float[] want = new float[v.length];
            long begin = data.size();
            for (int i = 0; i < v.length; i++) {
                int bits = Float.floatToRawIntBits(v[i]);
                int bytes = bf16 ? 2 : 4;
                int stored = bf16 ? bits >>> 16 : bits;           // bfloat16 = the upper 16 bits
                want[i] = bf16 ? Float.intBitsToFloat(bits & 0xFFFF0000) : v[i];
                for (int k = 0; k < bytes; k++) {
                    data.write(stored >>> (8 * k));                // little-endian
                }
            }
            header.append(header.length() > 1 ? "," : "").append('"').append("_orig_mod.model.").append(e.getKey())
                    .append("\":{\"dtype\":\"").append(bf16 ? "BF16" : "F32").append("\",\"shape\":")
                    .append(Arrays.toString(e.getValue().shape().dims()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(begin).append(',').append(data.size()).append("]}");
            expected.put(TrmWeightNames.toOurs(e.getKey()).orElseThrow().name(), want);
        }
        byte[] h = header.append('}').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        for (int k = 0; k < 8; k++) {
            file.write((int) ((long) h.length >>> (8 * k)));
        }
        file.writeBytes(h);
        file.writeBytes(data.toByteArray());
        Path p = dir.resolve("trm-ckpt.safetensors");
        java.nio.file.Files.write(p, file.toByteArray());

        Map<String, HostTensor> back = TrmWeights.importWeights(p, TrmWeights.WeightSpec.of(model));
        assertThat(back.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(expected.get(TrmNames.INIT_Y)).isNotEqualTo(randomParameters(model, 7).get(TrmNames.INIT_Y).f32());
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            HostTensor t = back.get(e.getKey());
            float[] ours = TrmWeights.toTrm(Map.of(e.getKey(), t), "test").values().iterator().next().f32();
            assertThat(ours).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void everyMismatchIsReportedInOneLine() throws IOException {
        TrmModel model = model(transformer());
        Map<String, HostTensor> trm = new LinkedHashMap<>(TrmWeights.toTrm(randomParameters(model, 6), "test"));
        trm.remove("inner.L_level.layers.1.mlp.down_proj.weight");
        trm.put("inner.embed_pos.embedding_weight", HostTensor.of(Shape.of(6, 16), new float[96]));
        trm.put("inner.rotary_emb.cos_cached", HostTensor.of(Shape.of(6, 8), new float[48]));
        trm.put("inner.q_head.weight", HostTensor.of(Shape.of(16, 2), new float[32]));
        trm.put("inner.puzzle_emb.weights", HostTensor.of(Shape.of(PUZZLE_IDS, 16), new float[PUZZLE_IDS * 16]));
        Path file = dir.resolve("bad.safetensors");
        SafetensorsWriter.write(file, trm, Map.of());
        assertThatThrownBy(() -> TrmWeights.importWeights(file, TrmWeights.WeightSpec.of(model)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": TRM weights do not fit the model: ")
                .hasMessageContainingAll(
                        "missing [inner.L_level.layers.1.mlp.down_proj.weight]",
                        "not in this model [inner.embed_pos.embedding_weight]",
                        "no row in the TRM name table [inner.rotary_emb.cos_cached]",
                        "inner.q_head.weight has shape [16, 2], expected [2, 16]",
                        "inner.puzzle_emb.weights has shape [5, 16], expected [ids, 24]")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void parametersWithoutATrmCounterpartAreRefusedOnExport() {
        Map<String, HostTensor> params = Map.of(
                "net.layer0.mamba.in_proj.weight", HostTensor.of(Shape.of(1), 1f),
                TrmNames.INIT_Y, HostTensor.of(Shape.of(1), 1f));
        assertThatThrownBy(() -> TrmWeights.exportWeights(dir.resolve("m.safetensors"), params, Map.of()))
                .hasMessageContaining("no TRM name for parameters [net.layer0.mamba.in_proj.weight]");
    }

    @Test
    void namesMapBothWaysForEveryDeclaredParameter() {
        for (TrmConfig config : new TrmConfig[] {transformer(), mlpMixer()}) {
            for (ParameterSpec p : model(config).parameters()) {
                String trm = TrmWeightNames.toTrm(p.name()).orElseThrow().name();
                assertThat(TrmWeightNames.toOurs(trm).orElseThrow().name()).isEqualTo(p.name());
            }
        }
        assertThat(TrmWeightNames.toOurs("inner.L_level.layers.01.mlp.down_proj.weight")).isEmpty();
        assertThat(TrmWeightNames.toOurs("inner.L_level.layers.12.mlp.down_proj.weight").orElseThrow().name())
                .isEqualTo("net.layer12.mlp.down.weight");
    }

    private static Map<String, Shape> shapesIn(Path file) throws IOException {
        Map<String, Shape> out = new TreeMap<>();
        SafetensorsFile.readAll(file).forEach((k, v) -> out.put(k, v.shape()));
        return out;
    }
}
