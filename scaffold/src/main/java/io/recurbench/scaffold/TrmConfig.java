package io.recurbench.scaffold;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that fixes a TRM model and its training, in TRM's own vocabulary (names follow
 * {@code config/arch/trm.yaml} and {@code config/cfg_pretrain.yaml} of
 * SamsungSAILMontreal/TinyRecursiveModels). A record, so Jackson maps it from JSON/YAML directly
 * (snake_case property names, unknown properties rejected by {@link TrmPresets#mapper()}).
 *
 * @param operator              the operator plugin's name ({@code transformer}, {@code mlp-mixer}, …)
 * @param operatorParams        hyper-parameters for the plugin (parsed by its spec; missing → defaults)
 * @param hiddenSize            D ({@code hidden_size}; TRM: 512)
 * @param heads                 attention heads ({@code num_heads}; TRM: 8)
 * @param expansion             SwiGLU expansion ({@code expansion}; TRM: 4)
 * @param hCycles               H, latent recursions per supervision step ({@code H_cycles}; TRM: 3)
 * @param lCycles               L, z-updates per latent recursion ({@code L_cycles}; ARC 4, Sudoku 6)
 * @param haltMaxSteps          N_sup, supervision steps at most ({@code halt_max_steps}; TRM: 16)
 * @param haltExplorationProb   probability of a random minimum halting step ({@code halt_exploration_prob}; 0.1)
 * @param puzzleEmbLen          puzzle-embedding tokens prepended ({@code puzzle_emb_len}; TRM: 16); 0 = none
 * @param puzzleEmbNdim         width of a puzzle-embedding row ({@code puzzle_emb_ndim}; TRM: D), zero-padded
 *                              to {@code puzzleEmbLen · D}
 * @param positions             positional encoding ({@code pos_encodings})
 * @param loss                  answer loss ({@code loss_type}; TRM: stable-max)
 * @param optimizer             parameter optimizer (TRM: AdamATan2)
 * @param lr                    peak learning rate ({@code lr}; TRM: 1e-4)
 * @param beta1                 ({@code beta1}; 0.9)
 * @param beta2                 ({@code beta2}; 0.95)
 * @param weightDecay           decoupled weight decay ({@code weight_decay}; ARC 0.1, Sudoku 1.0)
 * @param warmupSteps           linear warm-up steps, then constant ({@code lr_warmup_steps}; 2000, {@code lr_min_ratio} 1)
 * @param puzzleEmbLr           sign-SGD learning rate of the puzzle-embedding rows ({@code puzzle_emb_lr}; ARC 1e-2)
 * @param puzzleEmbWeightDecay  its decoupled decay ({@code puzzle_emb_weight_decay}; ARC 0.1)
 * @param emaRate               EMA of weights used for evaluation ({@code ema_rate}; 0.999)
 * @param batchSize             examples per train step ({@code global_batch_size}; TRM: 768)
 * @param seed                  seed of parameter initialisation, data order and halting exploration
 * @param source                where the numbers come from (citation), for reports
 */
public record TrmConfig(
        @JsonProperty("operator") String operator,
        @JsonProperty("operator_params") Map<String, Object> operatorParams,
        @JsonProperty("hidden_size") int hiddenSize,
        @JsonProperty("num_heads") int heads,
        @JsonProperty("expansion") double expansion,
        @JsonProperty("H_cycles") int hCycles,
        @JsonProperty("L_cycles") int lCycles,
        @JsonProperty("halt_max_steps") int haltMaxSteps,
        @JsonProperty("halt_exploration_prob") double haltExplorationProb,
        @JsonProperty("puzzle_emb_len") int puzzleEmbLen,
        @JsonProperty("puzzle_emb_ndim") int puzzleEmbNdim,
        @JsonProperty("pos_encodings") PositionEncoding positions,
        @JsonProperty("loss_type") LossKind loss,
        @JsonProperty("optimizer") OptimizerKind optimizer,
        @JsonProperty("lr") double lr,
        @JsonProperty("beta1") double beta1,
        @JsonProperty("beta2") double beta2,
        @JsonProperty("weight_decay") double weightDecay,
        @JsonProperty("lr_warmup_steps") int warmupSteps,
        @JsonProperty("puzzle_emb_lr") double puzzleEmbLr,
        @JsonProperty("puzzle_emb_weight_decay") double puzzleEmbWeightDecay,
        @JsonProperty("ema_rate") double emaRate,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("seed") long seed,
        @JsonProperty("source") String source) {

    /** How positions are encoded ({@code pos_encodings} in TRM). */
    public enum PositionEncoding {
        /** Rotary embeddings inside the operator's attention; the scaffold adds nothing. */
        @JsonProperty("rope") ROPE,
        /** A learned table {@code [S, D]} added to the embeddings, the sum scaled by 1/√2 (TRM). */
        @JsonProperty("learned") LEARNED,
        /** No positional information from the scaffold (TRM's {@code mlp_t} Sudoku run). */
        @JsonProperty("none") NONE
    }

    /** The answer loss ({@code models/losses.py} in TRM). */
    public enum LossKind {
        /** {@code stablemax_cross_entropy}, TRM's choice. */
        @JsonProperty("stablemax") STABLEMAX,
        /** {@code softmax_cross_entropy}. */
        @JsonProperty("softmax") SOFTMAX
    }

    /** The parameter optimizer. */
    public enum OptimizerKind {
        /** {@code adam_atan2.AdamATan2}, what TRM's {@code pretrain.py} uses. */
        @JsonProperty("adam-atan2") ADAM_ATAN2,
        /** PyTorch's AdamW (ε = 1e-8). */
        @JsonProperty("adamw") ADAMW
    }

    public TrmConfig {
        Objects.requireNonNull(operator, "operator");
        operatorParams = operatorParams == null ? Map.of() : Map.copyOf(operatorParams);
        positions = positions == null ? PositionEncoding.ROPE : positions;
        loss = loss == null ? LossKind.STABLEMAX : loss;
        optimizer = optimizer == null ? OptimizerKind.ADAM_ATAN2 : optimizer;
        source = source == null ? "" : source;
        require(hiddenSize > 0, "hidden_size", "a positive width", hiddenSize);
        require(heads > 0 && hiddenSize % heads == 0, "num_heads", "a positive divisor of hidden_size " + hiddenSize, heads);
        require(expansion > 0, "expansion", "> 0", expansion);
        require(hCycles >= 1, "H_cycles", ">= 1", hCycles);
        require(lCycles >= 1, "L_cycles", ">= 1", lCycles);
        require(haltMaxSteps >= 1, "halt_max_steps", ">= 1", haltMaxSteps);
        require(haltExplorationProb >= 0 && haltExplorationProb <= 1, "halt_exploration_prob", "in [0, 1]", haltExplorationProb);
        require(puzzleEmbLen >= 0, "puzzle_emb_len", ">= 0", puzzleEmbLen);
        require(puzzleEmbNdim >= 0 && puzzleEmbNdim <= puzzleEmbLen * hiddenSize, "puzzle_emb_ndim",
                "in [0, puzzle_emb_len * hidden_size = " + puzzleEmbLen * hiddenSize + "]", puzzleEmbNdim);
        require(lr > 0, "lr", "> 0", lr);
        require(beta1 >= 0 && beta1 < 1, "beta1", "in [0, 1)", beta1);
        require(beta2 >= 0 && beta2 < 1, "beta2", "in [0, 1)", beta2);
        require(weightDecay >= 0, "weight_decay", ">= 0", weightDecay);
        require(warmupSteps >= 0, "lr_warmup_steps", ">= 0", warmupSteps);
        require(puzzleEmbLr >= 0, "puzzle_emb_lr", ">= 0", puzzleEmbLr);
        require(puzzleEmbWeightDecay >= 0, "puzzle_emb_weight_decay", ">= 0", puzzleEmbWeightDecay);
        require(emaRate >= 0 && emaRate < 1, "ema_rate", "in [0, 1)", emaRate);
        require(batchSize >= 1, "batch_size", ">= 1", batchSize);
    }

    /** Learning rate of update {@code step} (1-based): linear warm-up, then constant (TRM's {@code lr_min_ratio = 1}). */
    public double learningRate(long step) {
        return warmupSteps == 0 || step >= warmupSteps ? lr : lr * step / warmupSteps;
    }

    /** A copy with another operator and its hyper-parameters. */
    public TrmConfig withOperator(String name, Map<String, Object> params) {
        return new TrmConfig(name, params, hiddenSize, heads, expansion, hCycles, lCycles, haltMaxSteps,
                haltExplorationProb, puzzleEmbLen, puzzleEmbNdim, positions, loss, optimizer, lr, beta1, beta2,
                weightDecay, warmupSteps, puzzleEmbLr, puzzleEmbWeightDecay, emaRate, batchSize, seed, source);
    }

    /** A copy with another batch size and seed. */
    public TrmConfig withBatch(int newBatchSize, long newSeed) {
        return new TrmConfig(operator, operatorParams, hiddenSize, heads, expansion, hCycles, lCycles, haltMaxSteps,
                haltExplorationProb, puzzleEmbLen, puzzleEmbNdim, positions, loss, optimizer, lr, beta1, beta2,
                weightDecay, warmupSteps, puzzleEmbLr, puzzleEmbWeightDecay, emaRate, newBatchSize, newSeed, source);
    }

    /** A copy with another recursion depth (depth extrapolation, small tests). */
    public TrmConfig withDepth(int newHCycles, int newLCycles, int newHaltMaxSteps) {
        return new TrmConfig(operator, operatorParams, hiddenSize, heads, expansion, newHCycles, newLCycles,
                newHaltMaxSteps, haltExplorationProb, puzzleEmbLen, puzzleEmbNdim, positions, loss, optimizer, lr, beta1,
                beta2, weightDecay, warmupSteps, puzzleEmbLr, puzzleEmbWeightDecay, emaRate, batchSize, seed, source);
    }

    /** A copy with another optimizer schedule. */
    public TrmConfig withOptimizer(OptimizerKind kind, double newLr, double newWeightDecay, int newWarmupSteps) {
        return new TrmConfig(operator, operatorParams, hiddenSize, heads, expansion, hCycles, lCycles, haltMaxSteps,
                haltExplorationProb, puzzleEmbLen, puzzleEmbNdim, positions, loss, kind, newLr, beta1, beta2,
                newWeightDecay, newWarmupSteps, puzzleEmbLr, puzzleEmbWeightDecay, emaRate, batchSize, seed, source);
    }

    private static void require(boolean ok, String field, String expected, Object got) {
        if (!ok) {
            throw new IllegalArgumentException("TRM config '" + field + "': expected " + expected + ", got " + got);
        }
    }
}
