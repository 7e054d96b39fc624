package io.recurbench.operators.mamba2;

import io.recurbench.api.layers.SelfAttention;
import io.recurbench.api.layers.SequenceMixingMlp;
import io.recurbench.api.layers.SwiGLU;
import io.recurbench.api.operator.HyperParameter;
import io.recurbench.api.operator.HyperParameterSpec;
import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.api.operator.ParityKnob;
import io.recurbench.api.operator.RecursiveOperator;
import java.util.List;

/**
 * The {@code mamba2-hybrid} operator: the Mamba-2 hybrid recursive block, {@code layers} ×
 * [Mamba-2 → Mamba-2 → mixer → SwiGLU], each sub-layer post-norm, where the mixer is
 * self-attention (the ARC hybrid) or TRM's sequence MLP {@code mlp_t} (the Sudoku hybrid). One layer
 * reaches parameter parity with TRM-Att's two: 6,860,386 vs 6,829,058 at the ARC configuration
 * (the paper's 6.86M vs 6.83M).
 *
 * <p>Sources: the Mamba-2 sub-layer is {@code Mamba2} of state-spaces/mamba
 * ({@code mamba_ssm/modules/mamba2.py}, defaults d_state 128, headdim 64, expand 2, ngroups 1,
 * d_conv 4, chunk_size 256) and its SSD scan {@code ssd_minimal.py} (Dao &amp; Gu, "Transformers are
 * SSMs: Generalized Models and Efficient Algorithms Through Structured State Space Duality", ICML 2024,
 * arXiv:2405.21060); the scaffold, attention, SwiGLU and post-norm are TRM's
 * (Jolicoeur-Martineau, arXiv:2510.04871; SamsungSAILMontreal/TinyRecursiveModels). The hybrid
 * block in the TRM scaffold, at parity with TRM-Att (6.83M vs 6.86M), is that of W. Wang and F. Reid,
 * "Tiny Recursive Reasoning with Mamba-2 Attention Hybrid" (arXiv:2602.12078, LIT workshop at ICLR 2026).
 */
public final class Mamba2HybridPlugin implements OperatorPlugin {

    public static final String NAME = "mamba2-hybrid";

    private static final HyperParameterSpec SPEC = HyperParameterSpec.of("operator '" + NAME + "'",
            HyperParameter.integer("layers", 1, 1, 64, "[Mamba-2, Mamba-2, mixer, SwiGLU] blocks"),
            HyperParameter.choice("mixer", "attention", List.of("attention", "mlp_t"),
                    "third sub-layer: self-attention (ARC) or sequence MLP (Sudoku)"),
            HyperParameter.integer("d_state", 128, 1, 4096, "SSM state size N per head"),
            HyperParameter.integer("head_dim", 64, 1, 4096, "channels per SSD head"),
            HyperParameter.integer("expand", 2, 1, 64, "d_inner = expand · D"),
            HyperParameter.integer("n_groups", 1, 1, 1024, "groups sharing B and C"),
            HyperParameter.integer("d_conv", 4, 1, 64, "causal depthwise conv kernel"),
            HyperParameter.integer("chunk", 256, 1, 1 << 16, "SSD chunk length (speed only)"),
            HyperParameter.choice("direction", "forward", List.of("forward", "bidirectional"),
                    "causal scan (paper) or forward + reversed scan (our extension)"),
            HyperParameter.integer("mlp_intermediate", 0, 0, 1 << 20,
                    "SwiGLU intermediate size; 0 = TRM's rule from D and expansion"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String description() {
        return "Mamba-2 hybrid: layers x [Mamba-2, Mamba-2, attention | mlp_t, SwiGLU], post-norm"
                + " (Wang & Reid 2026, arXiv:2602.12078; SSD: Dao & Gu 2024, arXiv:2405.21060)";
    }

    @Override
    public HyperParameterSpec hyperParameters() {
        return SPEC;
    }

    @Override
    public List<ParityKnob> parityKnobs() {
        return List.of(
                new ParityKnob("d_state", 1, 4096, "SSM state size (2·G·(D + d_conv + 1) parameters per unit per Mamba-2)"),
                new ParityKnob("expand", 1, 16, "Mamba-2 inner width d_inner = expand · D"),
                new ParityKnob("mlp_intermediate", 1, 1 << 16, "SwiGLU intermediate width"),
                new ParityKnob("layers", 1, 64, "number of hybrid blocks"));
    }

    @Override
    public RecursiveOperator create(ModelDims dims, HyperParameters params) {
        int d = dims.hiddenSize();
        Mamba2Config config = new Mamba2Config(d, params.getInt("d_state"), params.getInt("head_dim"),
                params.getInt("expand"), params.getInt("n_groups"), params.getInt("d_conv"), params.getInt("chunk"),
                params.getString("direction").equals("bidirectional"));
        int intermediate = params.getInt("mlp_intermediate");
        SwiGLU mlp = intermediate == 0 ? SwiGLU.trm(d, dims.expansion()) : new SwiGLU(d, intermediate);
        boolean attention = params.getString("mixer").equals("attention");
        if (attention && dims.headDim() % 2 != 0) {
            throw new IllegalArgumentException("operator 'mamba2-hybrid': the attention mixer's rotary embedding needs"
                    + " an even head size (hidden / heads), got " + dims.headDim());
        }
        return new Mamba2HybridOperator(params.getInt("layers"), new Mamba2Layer(config, dims.normEps()),
                attention ? SelfAttention.trm(d, dims.heads()) : null,
                attention ? null : SequenceMixingMlp.trm(dims.sequenceLength(), dims.expansion(), dims.normEps()),
                mlp, dims.normEps());
    }
}
