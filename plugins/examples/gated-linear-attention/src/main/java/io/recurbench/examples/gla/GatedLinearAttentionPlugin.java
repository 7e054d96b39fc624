package io.recurbench.examples.gla;

import io.recurbench.api.ParameterScope;
import io.recurbench.api.Tensor;
import io.recurbench.api.layers.PostNorm;
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
 * An operator written as an outside plugin would be: against {@code recurbench-api} only, registered
 * in {@code META-INF/services/io.recurbench.api.operator.OperatorPlugin}, tested with the plugin test
 * kit. The network is {@code layers} × [gated linear attention → post-norm → SwiGLU → post-norm],
 * TRM-Att's layout with the attention replaced by {@link GatedLinearAttention} (Yang et al. 2024,
 * arXiv:2312.06635).
 */
public final class GatedLinearAttentionPlugin implements OperatorPlugin {

    public static final String NAME = "gated-linear-attention";

    private static final HyperParameterSpec SPEC = HyperParameterSpec.of("operator '" + NAME + "'",
            HyperParameter.integer("layers", 2, 1, 64, "GLA + SwiGLU blocks"),
            HyperParameter.integer("heads", 0, 0, 1024, "GLA heads; 0 = the model's attention heads"),
            HyperParameter.integer("key_dim", 0, 0, 1 << 16, "total key width H·d_k; 0 = D/2 as in the paper"),
            HyperParameter.integer("gate_rank", 16, 1, 1024, "rank of the forget-gate projection (paper: 16)"),
            HyperParameter.real("gate_temperature", 16, 1, 1024, "τ of α = σ(·)^(1/τ) (paper: 16)"),
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
        return "layers x [gated linear attention, SwiGLU], post-norm (Yang et al. 2024, arXiv:2312.06635)";
    }

    @Override
    public HyperParameterSpec hyperParameters() {
        return SPEC;
    }

    @Override
    public List<ParityKnob> parityKnobs() {
        return List.of(
                new ParityKnob("mlp_intermediate", 1, 1 << 16, "SwiGLU intermediate width (3·D parameters per unit per layer)"),
                new ParityKnob("layers", 1, 64, "number of GLA + SwiGLU blocks"));
    }

    @Override
    public RecursiveOperator create(ModelDims dims, HyperParameters params) {
        int d = dims.hiddenSize();
        int heads = params.getInt("heads") == 0 ? dims.heads() : params.getInt("heads");
        int keyDim = params.getInt("key_dim") == 0 ? Math.max(heads, d / 2) : params.getInt("key_dim");
        GatedLinearAttention mixer = new GatedLinearAttention(d, heads, keyDim, params.getInt("gate_rank"),
                params.getDouble("gate_temperature"), dims.normEps());
        int intermediate = params.getInt("mlp_intermediate");
        SwiGLU mlp = intermediate == 0 ? SwiGLU.trm(d, dims.expansion()) : new SwiGLU(d, intermediate);
        int layers = params.getInt("layers");
        double eps = dims.normEps();
        return (hidden, scope) -> {
            Tensor h = hidden;
            for (int i = 0; i < layers; i++) {
                ParameterScope layer = scope.child("layer" + i);
                h = PostNorm.apply(h, x -> mixer.apply(x, layer.child("gla")), eps);
                h = PostNorm.apply(h, x -> mlp.apply(x, layer.child("mlp")), eps);
            }
            return h;
        };
    }
}
