package io.recurbench.scaffold;

import static io.recurbench.scaffold.TrmNames.*;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.NN;
import io.recurbench.api.Ops;
import io.recurbench.api.ParameterScope;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.RecursiveOperator;
import io.recurbench.api.task.Batch;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.trace.Tracer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * TRM's model traced into graphs for one supervision step of a batch, generic over the
 * {@link RecursiveOperator}. Follows {@code TinyRecursiveReasoningModel_ACTV1_Inner} in
 * SamsungSAILMontreal/TinyRecursiveModels {@code models/recursive_reasoning/trm.py}:
 * <ol>
 *   <li>{@code x = √D · [puzzle rows zero-padded to puzzle_emb_len tokens ; embed_tokens(inputs)]},
 *       with learned positions {@code 0.707106781·(x + pos)} before the scale if configured
 *       ({@code _input_embeddings});</li>
 *   <li>y (z_H) and z (z_L) come from the carry, or from the fixed vectors {@code init.y}/{@code init.z}
 *       (truncated normal, std 1) where {@code carry/reset} is 1 ({@code reset_carry});</li>
 *   <li>H cycles, each L times {@code z ← net(z + y + x)} then {@code y ← net(y + z)}, where {@code net}
 *       is the operator (which stacks its own layers: {@code L_level}); in the train graph the first
 *       H−1 cycles are cut from the gradient by {@code stopGradient} (TRM's {@code torch.no_grad()});</li>
 *   <li>LM head on y without the puzzle tokens; Q head on {@code y[:, 0]} (weights zero, bias −5),
 *       column 0 the halting logit ({@code no_ACT_continue}).</li>
 * </ol>
 * Losses follow {@code ACTLossHead} in {@code models/losses.py}: the answer loss averaged over each
 * example's labelled cells, plus 0.5 × BCE of the halting logit against "every cell correct", summed
 * over the batch and divided by the batch size (TRM scales the summed loss by {@code 1/global_batch_size}).
 */
public final class TrmModel {
    /** TRM's Q-head bias at initialisation: halting starts very unlikely (trm.py, "Q head special init"). */
    public static final float Q_HALT_BIAS_INIT = -5f;
    /** TRM's factor on learned positions, {@code 1/√2} written as in trm.py. */
    public static final float LEARNED_POSITION_SCALE = 0.707106781f;

    private final TrmConfig config;
    private final RecursiveOperator operator;
    private final int vocabularySize;
    private final int answerLength;
    private final int batchSize;

    /**
     * @param config         the model and training configuration
     * @param operator       the network applied at every recursion update, built for {@link #dims}
     * @param vocabularySize V, the task's number of tokens
     * @param answerLength   A, tokens per example without the puzzle-embedding tokens
     * @param batchSize      B, examples per compiled step
     */
    public TrmModel(TrmConfig config, RecursiveOperator operator, int vocabularySize, int answerLength, int batchSize) {
        this.config = config;
        this.operator = operator;
        this.vocabularySize = vocabularySize;
        this.answerLength = answerLength;
        this.batchSize = batchSize;
        if (vocabularySize < 2 || answerLength < 1 || batchSize < 1) {
            throw new IllegalArgumentException("TRM model needs vocabulary >= 2, answer length >= 1, batch >= 1; got "
                    + vocabularySize + ", " + answerLength + ", " + batchSize);
        }
    }

    /** The dimensions an operator is created for, given a config and a task's answer length. */
    public static ModelDims dims(TrmConfig config, int answerLength) {
        return new ModelDims(config.hiddenSize(), answerLength + config.puzzleEmbLen(), config.puzzleEmbLen(),
                config.heads(), config.expansion());
    }

    public TrmConfig config() {
        return config;
    }

    public int batchSize() {
        return batchSize;
    }

    public int vocabularySize() {
        return vocabularySize;
    }

    public int answerLength() {
        return answerLength;
    }

    /** S = puzzle tokens + answer tokens. */
    public int sequenceLength() {
        return config.puzzleEmbLen() + answerLength;
    }

    /** Width of a puzzle-embedding row, 0 when the model has none. */
    public int puzzleRowWidth() {
        return config.puzzleEmbLen() == 0 ? 0 : config.puzzleEmbNdim();
    }

    /** Shape of the carried states, {@code [B, S, D]}. */
    public Shape stateShape() {
        return Shape.of(batchSize, sequenceLength(), config.hiddenSize());
    }

    // ---- graphs --------------------------------------------------------------------------------

    /**
     * The forward graph of one supervision step with the training loss (H−1 cycles under
     * {@code stopGradient}); {@link TrmTrainGraph} adds backward and optimizer update.
     */
    public Graph trainForward() {
        return trace(config.hCycles(), true);
    }

    /**
     * The evaluation graph of one supervision step with {@code hCycles} latent cycles (the
     * config's H, or more for depth extrapolation): the outputs of {@link #trainForward} and, per
     * cycle c, {@link TrmNames#cyclePredictions}, {@link TrmNames#cycleEntropy}, {@link TrmNames#cycleDrift}.
     */
    public Graph evalStep(int hCycles) {
        if (hCycles < 1) {
            throw new IllegalArgumentException("H cycles must be >= 1, got " + hCycles);
        }
        return trace(hCycles, false);
    }

    private Graph trace(int hCycles, boolean train) {
        Tracer t = new Tracer();
        int b = batchSize;
        int s = sequenceLength();
        int d = config.hiddenSize();
        Tensor inputs = t.input(INPUTS, Shape.of(b, answerLength), DType.I32);
        Tensor labels = t.input(LABELS, Shape.of(b, answerLength), DType.I32);
        Tensor puzzleRows = puzzleRowWidth() > 0 ? t.input(PUZZLE_ROWS, Shape.of(b, puzzleRowWidth()), DType.F32) : null;
        Tensor carryY = t.input(CARRY_Y, stateShape(), DType.F32);
        Tensor carryZ = t.input(CARRY_Z, stateShape(), DType.F32);
        Tensor reset = t.input(RESET, Shape.of(b), DType.F32).reshape(b, 1, 1);

        Tensor x = inputEmbeddings(t, inputs, puzzleRows);
        Tensor initY = t.parameter(INIT_Y, Shape.of(d), Initializer.truncatedNormal(1.0));
        Tensor initZ = t.parameter(INIT_Z, Shape.of(d), Initializer.truncatedNormal(1.0));
        Tensor y = t.where(reset, initY, carryY);
        Tensor z = t.where(reset, initZ, carryZ);
        ParameterScope net = t.child(NET);

        for (int c = 0; c < hCycles; c++) {
            if (train && c == hCycles - 1 && hCycles > 1) {
                y = y.stopGradient();
                z = z.stopGradient();
            }
            Tensor previous = y;
            for (int l = 0; l < config.lCycles(); l++) {
                z = operator.apply(z.add(y.add(x)), net);
            }
            y = operator.apply(y.add(z), net);
            if (!train) {
                Tensor logits = lmHead(t, y);
                Tensor valid = labels.ne(t.scalarInt(Batch.IGNORE)).cast(DType.F32);
                t.output(cyclePredictions(c), argmax(t, logits));
                t.output(cycleEntropy(c), meanEntropy(logits, valid));
                t.output(cycleDrift(c), y.sub(previous).mul(y.sub(previous)).sum(1, 2).sqrt());
            }
        }
        heads(t, y, labels);
        t.output(NEXT_Y, y);
        t.output(NEXT_Z, z);
        return t.build();
    }

    private Tensor inputEmbeddings(Tracer t, Tensor inputs, Tensor puzzleRows) {
        int b = batchSize;
        int d = config.hiddenSize();
        Tensor table = t.parameter(EMBED_TOKENS, Shape.of(vocabularySize, d), Initializer.truncatedNormal(1.0 / Math.sqrt(d)));
        Tensor x = table.take(inputs);
        if (puzzleRows != null) {
            int padded = config.puzzleEmbLen() * d;
            Tensor rows = puzzleRows;
            if (padded > puzzleRowWidth()) {
                rows = t.concat(1, rows, t.zeros(Shape.of(b, padded - puzzleRowWidth())));
            }
            x = t.concat(1, rows.reshape(b, config.puzzleEmbLen(), d), x);
        }
        if (config.positions() == TrmConfig.PositionEncoding.LEARNED) {
            Tensor pos = t.parameter(EMBED_POSITIONS, Shape.of(sequenceLength(), d),
                    Initializer.truncatedNormal(1.0 / Math.sqrt(d)));
            x = x.add(pos).mul(LEARNED_POSITION_SCALE);
        }
        return x.mul((float) Math.sqrt(d));
    }

    private Tensor lmHead(Tracer t, Tensor y) {
        int d = config.hiddenSize();
        Tensor w = t.parameter(LM_HEAD, Shape.of(d, vocabularySize), Initializer.truncatedNormal(1.0 / Math.sqrt(d)));
        return y.slice(1, config.puzzleEmbLen(), sequenceLength()).matmul(w);
    }

    /** LM and Q heads, losses and metrics on the final y. */
    private void heads(Tracer t, Tensor y, Tensor labels) {
        int b = batchSize;
        int d = config.hiddenSize();
        Tensor logits = lmHead(t, y);
        Tensor qWeight = t.parameter(Q_HEAD_WEIGHT, Shape.of(d, 2), Initializer.zeros());
        Tensor qBias = t.parameter(Q_HEAD_BIAS, Shape.of(2), new Initializer.Constant(Q_HALT_BIAS_INIT));
        Tensor halt = y.slice(1, 0, 1).reshape(b, d).matmul(qWeight).add(qBias).slice(1, 0, 1).reshape(b);

        NN.Loss loss = switch (config.loss()) {
            case STABLEMAX -> NN.stableMaxCrossEntropy(logits, labels, Batch.IGNORE);
            case SOFTMAX -> NN.crossEntropy(logits, labels, Batch.IGNORE);
        };
        Tensor labelled = loss.valid().sum(-1);
        Tensor lmLoss = loss.perPosition().sum(-1).div(labelled.maximum(1f));
        Tensor predictions = argmax(t, logits);
        Tensor correct = predictions.eq(labels).cast(DType.F32).mul(loss.valid()).sum(-1);
        Tensor exact = correct.ge(labelled).cast(DType.F32);
        Tensor haltLoss = NN.softplus(halt).sub(halt.mul(exact));
        t.output(LOSS, lmLoss.add(haltLoss.mul(0.5f)).mean());
        t.output(LM_LOSS, lmLoss);
        t.output(HALT_LOSS, haltLoss);
        t.output(PREDICTIONS, predictions);
        t.output(HALT_LOGIT, halt);
        t.output(CORRECT_CELLS, correct);
        t.output(LABELLED_CELLS, labelled);
        t.output(EXACT, exact);
    }

    /** Index of the first maximum along the last axis, as I32 (what {@code torch.argmax} returns). */
    private Tensor argmax(Ops t, Tensor logits) {
        Tensor isMax = logits.ge(logits.max(true, -1));
        Tensor index = t.iota(logits.shape(), -1, DType.F32);
        Tensor candidates = t.where(isMax, index, t.scalar(logits.dim(-1)));
        return candidates.neg().max(-1).neg().cast(DType.I32);
    }

    /** Mean over labelled cells of the entropy of the answer distribution the loss uses. */
    private Tensor meanEntropy(Tensor logits, Tensor valid) {
        Tensor logp = switch (config.loss()) {
            case STABLEMAX -> NN.logStablemax(logits, -1);
            case SOFTMAX -> NN.logSoftmax(logits, -1);
        };
        Tensor entropy = logp.exp().mul(logp).sum(-1).neg();
        return entropy.mul(valid).sum(-1).div(valid.sum(-1).maximum(1f));
    }

    // ---- parameters ----------------------------------------------------------------------------

    /** Every parameter the graphs declare, in declaration order (operator's included). */
    public List<ParameterSpec> parameters() {
        return trainForward().parameters();
    }

    /** Whether {@code name} is trained by the optimizer ({@code init.y}/{@code init.z} are fixed buffers in TRM). */
    public static boolean trainable(String name) {
        return !name.equals(INIT_Y) && !name.equals(INIT_Z);
    }

    /** Number of trained graph parameters (the puzzle-embedding table, held in Java, not included). */
    public long trainableParameterCount() {
        return parameters().stream().filter(p -> trainable(p.name())).mapToLong(ParameterSpec::count).sum();
    }

    /**
     * Initial values of every parameter, each drawn from its initializer with a generator seeded
     * by {@code seed} and the parameter's name (so adding a parameter does not change the others).
     */
    public Map<String, HostTensor> initialParameters(long seed) {
        Map<String, HostTensor> values = new LinkedHashMap<>();
        for (ParameterSpec p : parameters()) {
            SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (p.name().hashCode() + 1L)));
            values.put(p.name(), HostTensor.of(p.shape(), p.initializer().sample(p.shape(), rng)));
        }
        return values;
    }
}
