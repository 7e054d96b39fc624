package io.recurbench.scaffold.interop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.scaffold.Operators;
import io.recurbench.scaffold.TrmConfig;
import io.recurbench.scaffold.TrmModel;
import io.recurbench.scaffold.TrmPresets;
import io.recurbench.scaffold.TrmNames;
import io.recurbench.api.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Tiny TRM models for the interop tests: the cpu-tiny preset narrowed to D = 16. */
final class InteropFixtures {
    static final int VOCAB = 6;
    static final int ANSWER = 4;
    static final int BATCH = 2;
    static final int PUZZLE_IDS = 5;

    private InteropFixtures() {}

    /** cpu-tiny with D = 16, 2 heads, H = L = 2 and the given overrides (TRM's config keys). */
    static TrmConfig config(Map<String, Object> overrides) {
        ObjectNode node = TrmPresets.mapper().valueToTree(TrmPresets.get("cpu-tiny"));
        node.put("hidden_size", 16).put("num_heads", 2).put("H_cycles", 2).put("L_cycles", 2).put("batch_size", BATCH);
        overrides.forEach((k, v) -> node.set(k, TrmPresets.mapper().valueToTree(v)));
        return TrmPresets.mapper().convertValue(node, TrmConfig.class);
    }

    /** Transformer with rope and a puzzle embedding of 2 tokens whose 24-wide rows are zero-padded to 32. */
    static TrmConfig transformer() {
        return config(Map.of("operator", "transformer", "puzzle_emb_len", 2, "puzzle_emb_ndim", 24,
                "pos_encodings", "rope"));
    }

    /** Transformer with learned positions and no RoPE (TRM builds no rotary table unless pos_encodings is rope). */
    static TrmConfig learnedPositions() {
        return config(Map.of("operator", "transformer", "operator_params", Map.of("rope", false), "puzzle_emb_len", 1,
                "puzzle_emb_ndim", 16, "pos_encodings", "learned"));
    }

    /** TRM-MLP ({@code mlp_t}) without positions or puzzle embedding, as TRM's Sudoku run. */
    static TrmConfig mlpMixer() {
        return config(Map.of("operator", "mlp-mixer", "puzzle_emb_len", 0, "puzzle_emb_ndim", 0,
                "pos_encodings", "none"));
    }

    static TrmModel model(TrmConfig config) {
        return new TrmModel(config, Operators.create(config, ANSWER), VOCAB, ANSWER, BATCH);
    }

    /**
     * The model's random initialisation (TRM's initializers), with two changes so that nothing is
     * hidden: the Q-head weight, zero at init, drawn like the other linear weights (std 1/√D), and a
     * random puzzle table (zero at init in TRM) when the model has one. Initializer scale keeps the
     * recursion out of the chaotic regime that larger random weights put it in, where float32
     * rounding differences grow through the cycles.
     */
    static Map<String, HostTensor> randomParameters(TrmModel model, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, HostTensor> out = new LinkedHashMap<>(model.initialParameters(seed));
        int d = model.config().hiddenSize();
        out.put(TrmNames.Q_HEAD_WEIGHT, HostTensor.of(Shape.of(d, 2), gaussian(rng, 2 * d, 1 / Math.sqrt(d))));
        if (model.puzzleRowWidth() > 0) {
            Shape table = Shape.of(PUZZLE_IDS, model.puzzleRowWidth());
            out.put(TrmNames.PUZZLE_TABLE, HostTensor.of(table, gaussian(rng, table.intSize(), 1)));
        }
        return out;
    }

    private static float[] gaussian(SplittableRandom rng, int n, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (std * rng.nextGaussian());
        }
        return v;
    }
}
