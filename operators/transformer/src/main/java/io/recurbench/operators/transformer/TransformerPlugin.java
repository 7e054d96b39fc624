package io.recurbench.operators.transformer;

import io.recurbench.api.layers.SelfAttention;
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
 * The {@code transformer} operator: TRM's attention network (TRM-Att), {@code layers} ×
 * [non-causal multi-head self-attention → post-norm → SwiGLU → post-norm].
 *
 * <p>Sources: A. Jolicoeur-Martineau, "Less is More: Recursive Reasoning with Tiny Networks"
 * (arXiv:2510.04871, 2025) and its code, SamsungSAILMontreal/TinyRecursiveModels:
 * {@code models/recursive_reasoning/trm.py} ({@code TinyRecursiveReasoningModel_ACTV1Block}, non-{@code mlp_t}
 * branch; 2 {@code L_layers}) and {@code models/layers.py} ({@code Attention} with fused
 * {@code qkv_proj}, no biases, RoPE θ = 10000; {@code SwiGLU} with intermediate
 * {@code find_multiple(round(expansion·D·2/3), 256)}; {@code rms_norm} without weight, ε = 1e-5).
 * At D = 512, 8 heads, expansion 4 one layer holds 1,048,576 + 2,359,296 parameters.
 */
public final class TransformerPlugin implements OperatorPlugin {

    public static final String NAME = "transformer";

    private static final HyperParameterSpec SPEC = HyperParameterSpec.of("operator '" + NAME + "'",
            HyperParameter.integer("layers", 2, 1, 64, "attention + SwiGLU blocks (TRM: 2)"),
            HyperParameter.integer("mlp_intermediate", 0, 0, 1 << 20,
                    "SwiGLU intermediate size; 0 = TRM's rule from D and expansion"),
            HyperParameter.bool("rope", true, "rotary position embeddings (base 10000) on q and k"));

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
        return "TRM-Att: layers x [self-attention, SwiGLU], post-norm (Jolicoeur-Martineau 2025, arXiv:2510.04871)";
    }

    @Override
    public HyperParameterSpec hyperParameters() {
        return SPEC;
    }

    @Override
    public List<ParityKnob> parityKnobs() {
        return List.of(
                new ParityKnob("mlp_intermediate", 1, 1 << 16, "SwiGLU intermediate width (3·D parameters per unit per layer)"),
                new ParityKnob("layers", 1, 64, "number of attention + SwiGLU blocks"));
    }

    @Override
    public RecursiveOperator create(ModelDims dims, HyperParameters params) {
        int d = dims.hiddenSize();
        int intermediate = params.getInt("mlp_intermediate");
        SwiGLU mlp = intermediate == 0 ? SwiGLU.trm(d, dims.expansion()) : new SwiGLU(d, intermediate);
        boolean rope = params.getBool("rope");
        if (rope && dims.headDim() % 2 != 0) {
            throw new IllegalArgumentException("operator 'transformer': rope needs an even head size (hidden / heads),"
                    + " got " + dims.headDim());
        }
        SelfAttention attention = rope ? SelfAttention.trm(d, dims.heads()) : new SelfAttention(d, dims.heads(), null);
        return new TransformerOperator(params.getInt("layers"), attention, mlp, dims.normEps());
    }
}
