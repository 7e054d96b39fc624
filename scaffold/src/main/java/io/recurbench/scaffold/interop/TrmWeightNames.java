package io.recurbench.scaffold.interop;

import io.recurbench.scaffold.TrmNames;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one table between our parameter names and the PyTorch state-dict names of TRM's
 * {@code TinyRecursiveReasoningModel_ACTV1} (SamsungSAILMontreal/TinyRecursiveModels,
 * {@code models/recursive_reasoning/trm.py} for the module tree, {@code models/layers.py} for
 * {@code CastedLinear.weight}, {@code CastedEmbedding.embedding_weight}, {@code Attention.qkv_proj/o_proj},
 * {@code SwiGLU.gate_up_proj/down_proj}; {@code models/sparse_embedding.py} for the persistent buffer
 * {@code weights}). {@code docs/interop.md} prints the same table.
 *
 * <p>Layouts: our {@code Linear} stores {@code weight [in, out]} and computes {@code x · W}; PyTorch's
 * {@code F.linear} stores {@code [out, in]} and computes {@code x · Wᵀ}, so every linear weight is
 * {@link Layout#TRANSPOSED}. The fused projections need no reordering beyond that: TRM splits
 * {@code qkv_proj}'s output as q, k, v, each head-major, and {@code gate_up_proj}'s as gate then up —
 * the column order of our {@code qkv} and {@code gate_up}. Embeddings, biases and state vectors
 * have the same layout on both sides.
 *
 * <p>{@code {i}} in a rule stands for a layer index, {@code layer<i>} on our side and
 * {@code layers.<i>} in TRM's {@code L_level}.
 */
public final class TrmWeightNames {
    private TrmWeightNames() {}

    /** How a tensor's layout differs between the two sides. */
    public enum Layout {
        /** Same shape and element order. */
        SAME,
        /** A 2-D matrix stored transposed: ours {@code [in, out]}, TRM's {@code [out, in]}. */
        TRANSPOSED
    }

    /** One row of the table: our name, TRM's name ({@code {i}} = layer index) and the layout change. */
    public record Rule(String ours, String trm, Layout layout) {}

    private static final String NET = TrmNames.NET + ".layer{i}.";
    private static final String L_LEVEL = "inner.L_level.layers.{i}.";

    /** The table, in the order of TRM's module tree. */
    public static final List<Rule> RULES = List.of(
            new Rule(TrmNames.EMBED_TOKENS, "inner.embed_tokens.embedding_weight", Layout.SAME),
            new Rule(TrmNames.EMBED_POSITIONS, "inner.embed_pos.embedding_weight", Layout.SAME),
            new Rule(TrmNames.LM_HEAD, "inner.lm_head.weight", Layout.TRANSPOSED),
            new Rule(TrmNames.Q_HEAD_WEIGHT, "inner.q_head.weight", Layout.TRANSPOSED),
            new Rule(TrmNames.Q_HEAD_BIAS, "inner.q_head.bias", Layout.SAME),
            new Rule(TrmNames.PUZZLE_TABLE, "inner.puzzle_emb.weights", Layout.SAME),
            new Rule(NET + "attn.qkv.weight", L_LEVEL + "self_attn.qkv_proj.weight", Layout.TRANSPOSED),
            new Rule(NET + "attn.out.weight", L_LEVEL + "self_attn.o_proj.weight", Layout.TRANSPOSED),
            new Rule(NET + "mlp_t.gate_up.weight", L_LEVEL + "mlp_t.gate_up_proj.weight", Layout.TRANSPOSED),
            new Rule(NET + "mlp_t.down.weight", L_LEVEL + "mlp_t.down_proj.weight", Layout.TRANSPOSED),
            new Rule(NET + "mlp.gate_up.weight", L_LEVEL + "mlp.gate_up_proj.weight", Layout.TRANSPOSED),
            new Rule(NET + "mlp.down.weight", L_LEVEL + "mlp.down_proj.weight", Layout.TRANSPOSED),
            new Rule(TrmNames.INIT_Y, "inner.H_init", Layout.SAME),
            new Rule(TrmNames.INIT_Z, "inner.L_init", Layout.SAME));

    /**
     * Prefixes TRM's training code puts in front of the model's names in a checkpoint:
     * {@code _orig_mod.} from {@code torch.compile} and {@code model.} from the {@code ACTLossHead}
     * wrapper ({@code pretrain.py} loads {@code "_orig_mod.model.inner.puzzle_emb.weights"}).
     */
    public static final List<String> TRAINING_PREFIXES = List.of("_orig_mod.", "model.");

    /** A name on the other side and how the tensor's layout changes on the way. */
    public record Mapped(String name, Layout layout) {}

    private record Compiled(Rule rule, Pattern ours, Pattern trm) {}

    private static final List<Compiled> COMPILED = RULES.stream()
            .map(r -> new Compiled(r, template(r.ours()), template(r.trm())))
            .toList();

    /** TRM's name for our parameter {@code ours}, empty when the table has no row for it. */
    public static Optional<Mapped> toTrm(String ours) {
        for (Compiled c : COMPILED) {
            Matcher m = c.ours().matcher(ours);
            if (m.matches()) {
                return Optional.of(new Mapped(fill(c.rule().trm(), m), c.rule().layout()));
            }
        }
        return Optional.empty();
    }

    /** Our name for TRM's {@code trm} (training prefixes already removed), empty when the table has no row. */
    public static Optional<Mapped> toOurs(String trm) {
        for (Compiled c : COMPILED) {
            Matcher m = c.trm().matcher(trm);
            if (m.matches()) {
                return Optional.of(new Mapped(fill(c.rule().ours(), m), c.rule().layout()));
            }
        }
        return Optional.empty();
    }

    /** {@code name} without the {@link #TRAINING_PREFIXES} it starts with (in that order). */
    public static String withoutTrainingPrefixes(String name) {
        String n = name;
        for (String p : TRAINING_PREFIXES) {
            if (n.startsWith(p)) {
                n = n.substring(p.length());
            }
        }
        return n;
    }

    /** A template with {@code {i}} as a regex: literal text, the index a captured decimal without leading zeros. */
    private static Pattern template(String t) {
        String[] parts = t.split("\\{i}", -1);
        StringBuilder re = new StringBuilder();
        for (int k = 0; k < parts.length; k++) {
            if (k > 0) {
                re.append("(0|[1-9][0-9]*)");
            }
            re.append(Pattern.quote(parts[k]));
        }
        return Pattern.compile(re.toString());
    }

    private static String fill(String template, Matcher m) {
        return m.groupCount() == 0 ? template : template.replace("{i}", m.group(1));
    }
}
