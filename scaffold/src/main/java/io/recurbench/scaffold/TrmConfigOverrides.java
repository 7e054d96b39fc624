package io.recurbench.scaffold;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Applies command-line style overrides ({@code hidden=64}, {@code H=2}, …) to a config through its
 * JSON form, so every field is reachable and validated by the record's constructor.
 */
public final class TrmConfigOverrides {
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("hidden", "hidden_size"), Map.entry("heads", "num_heads"), Map.entry("H", "H_cycles"),
            Map.entry("L", "L_cycles"), Map.entry("halt-max", "halt_max_steps"), Map.entry("batch", "batch_size"),
            Map.entry("lr", "lr"), Map.entry("warmup", "lr_warmup_steps"), Map.entry("seed", "seed"),
            Map.entry("weight-decay", "weight_decay"), Map.entry("loss", "loss_type"), Map.entry("explore", "halt_exploration_prob"),
            Map.entry("puzzle-len", "puzzle_emb_len"), Map.entry("puzzle-ndim", "puzzle_emb_ndim"),
            Map.entry("positions", "pos_encodings"), Map.entry("ema", "ema_rate"), Map.entry("optimizer", "optimizer"));

    private TrmConfigOverrides() {}

    /** {@code config} with every option named in {@link #ALIASES} replaced; other keys are ignored. */
    public static TrmConfig apply(TrmConfig config, Map<String, String> options) {
        ObjectNode node = TrmPresets.mapper().valueToTree(config);
        options.forEach((key, value) -> {
            String field = ALIASES.get(key);
            if (field != null) {
                node.put(field, value);
            }
        });
        if (options.containsKey("hidden") && !options.containsKey("puzzle-ndim") && config.puzzleEmbLen() > 0) {
            // TRM's puzzle_emb_ndim defaults to hidden_size: keep one row per token width.
            node.put("puzzle_emb_ndim", Integer.parseInt(options.get("hidden")) * Math.min(1, config.puzzleEmbLen()));
        }
        try {
            return TrmPresets.mapper().treeToValue(node, TrmConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("bad TRM config override: " + e.getOriginalMessage());
        }
    }
}
