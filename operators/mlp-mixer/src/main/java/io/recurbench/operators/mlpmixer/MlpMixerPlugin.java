package io.recurbench.operators.mlpmixer;

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
 * The {@code mlp-mixer} operator: TRM's attention-free network ({@code mlp_t}, TRM-MLP, the paper's
 * best Sudoku-Extreme operator at 87.4%), {@code layers} × [SwiGLU across the sequence axis with
 * residual and RMSNorm taken on the transposed {@code [B, D, S]} tensor → SwiGLU across channels →
 * post-norm]. No positional encoding: the sequence MLP's weights are position-specific.
 *
 * <p>Sources: A. Jolicoeur-Martineau, "Less is More: Recursive Reasoning with Tiny Networks"
 * (arXiv:2510.04871, 2025), section "Attention-free architecture for tasks with small fixed context
 * length"; code SamsungSAILMontreal/TinyRecursiveModels, {@code models/recursive_reasoning/trm.py}
 * ({@code mlp_t} branch of {@code TinyRecursiveReasoningModel_ACTV1Block}: {@code SwiGLU(hidden_size =
 * seq_len + puzzle_emb_len)} applied to {@code hidden_states.transpose(1, 2)}). Token mixing by an
 * MLP over positions follows Tolstikhin et al., "MLP-Mixer" (arXiv:2105.01601, 2021). At the Sudoku
 * shape (S = 81 + 16, D = 512, expansion 4) one layer holds 148,992 + 2,359,296 parameters.
 */
public final class MlpMixerPlugin implements OperatorPlugin {

    public static final String NAME = "mlp-mixer";

    private static final HyperParameterSpec SPEC = HyperParameterSpec.of("operator '" + NAME + "'",
            HyperParameter.integer("layers", 2, 1, 64, "sequence-MLP + channel-SwiGLU blocks (TRM: 2)"),
            HyperParameter.integer("mlp_intermediate", 0, 0, 1 << 20,
                    "channel SwiGLU intermediate size; 0 = TRM's rule from D and expansion"),
            HyperParameter.integer("seq_intermediate", 0, 0, 1 << 20,
                    "sequence SwiGLU intermediate size; 0 = TRM's rule from S and expansion"));

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
        return "TRM-MLP (mlp_t): layers x [SwiGLU across positions, SwiGLU across channels], post-norm"
                + " (Jolicoeur-Martineau 2025, arXiv:2510.04871)";
    }

    @Override
    public HyperParameterSpec hyperParameters() {
        return SPEC;
    }

    @Override
    public List<ParityKnob> parityKnobs() {
        return List.of(
                new ParityKnob("mlp_intermediate", 1, 1 << 16, "channel SwiGLU width (3·D parameters per unit per layer)"),
                new ParityKnob("seq_intermediate", 1, 1 << 16, "sequence SwiGLU width (3·S parameters per unit per layer)"),
                new ParityKnob("layers", 1, 64, "number of blocks"));
    }

    @Override
    public RecursiveOperator create(ModelDims dims, HyperParameters params) {
        int d = dims.hiddenSize();
        int s = dims.sequenceLength();
        int channel = params.getInt("mlp_intermediate");
        int sequence = params.getInt("seq_intermediate");
        SwiGLU channelMlp = channel == 0 ? SwiGLU.trm(d, dims.expansion()) : new SwiGLU(d, channel);
        SwiGLU sequenceMlp = sequence == 0 ? SwiGLU.trm(s, dims.expansion()) : new SwiGLU(s, sequence);
        return new MlpMixerOperator(params.getInt("layers"), new SequenceMixingMlp(sequenceMlp, dims.normEps()),
                channelMlp, dims.normEps());
    }
}
