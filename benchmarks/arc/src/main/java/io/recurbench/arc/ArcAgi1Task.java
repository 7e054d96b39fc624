package io.recurbench.arc;

import io.recurbench.api.task.Batch;
import io.recurbench.api.task.Task;
import io.recurbench.arc.TrmCodec.DecodeMode;
import java.util.Arrays;
import java.util.Iterator;

/**
 * ARC-AGI-1 as a {@link Task}, following TRM's recipe: 30×30 token canvas ({@link TrmCodec}),
 * per-(task, view) puzzle embeddings, training on all training-set pairs and the evaluation tasks'
 * demonstrations ({@link AugmentedDataset}), group-wise sampling with translations
 * ({@link TrainingStream}), and voting over augmented views with pass@K ({@link ArcScorer}).
 */
public final class ArcAgi1Task implements Task {

    /** The name configs use. */
    public static final String NAME = "arc-agi-1";

    /**
     * Settings of the task.
     *
     * @param augmentations views per task besides the original (TRM: 1000)
     * @param planSeed      seed of the view plan (TRM: 42)
     * @param translate     random translations in training batches (TRM: on for the training split)
     * @param passKs        the K of the reported pass@K, ascending
     * @param decodeMode    how predictions are decoded
     */
    public record Config(int augmentations, long planSeed, boolean translate, int[] passKs, DecodeMode decodeMode) {

        /** TRM's published ARC settings with the pass@K list. */
        public static final Config TRM = new Config(1000, 42, true, new int[] {1, 2, 5, 10, 100, 1000}, DecodeMode.STRICT);

        public Config {
            if (augmentations < 0 || augmentations >= ExampleId.MAX_INDEX) {
                throw new IllegalArgumentException("augmentations must be in 0-" + (ExampleId.MAX_INDEX - 1) + ", got " + augmentations);
            }
            passKs = passKs.clone();
            if (passKs.length == 0) {
                throw new IllegalArgumentException("pass@K needs at least one K");
            }
            for (int i = 0; i < passKs.length; i++) {
                if (passKs[i] < 1 || (i > 0 && passKs[i] <= passKs[i - 1])) {
                    throw new IllegalArgumentException("pass@K values must be ascending and >= 1, got " + Arrays.toString(passKs));
                }
            }
        }

        @Override
        public int[] passKs() {
            return passKs.clone();
        }
    }

    private final AugmentedDataset data;
    private final Config config;
    private final long trainingExamples;

    public ArcAgi1Task(ArcDataset dataset, Config config) {
        this.config = config;
        this.data = new AugmentedDataset(dataset, config.augmentations(), config.planSeed());
        this.trainingExamples = data.trainingGroups().stream().mapToLong(g -> g.pairs().size()).sum();
    }

    /** The split and view plan behind the batches. */
    public AugmentedDataset data() {
        return data;
    }

    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int vocabularySize() {
        return TrmCodec.VOCABULARY;
    }

    @Override
    public int sequenceLength() {
        return TrmCodec.SEQUENCE_LENGTH;
    }

    @Override
    public int puzzleIdentifierCount() {
        return data.identifierCount();
    }

    /**
     * Examples per epoch in TRM's sense: every task visited once through one random view, so the
     * number of training-split pairs (3,081 for ARC-AGI-1: 1,302 + 416 training-set pairs, 1,363 evaluation demonstrations).
     */
    @Override
    public long trainingExampleCount() {
        return trainingExamples;
    }

    @Override
    public Iterator<Batch> trainingBatches(int batchSize, long seed) {
        return new TrainingStream(data, batchSize, seed, config.translate());
    }

    @Override
    public Iterator<Batch> evaluationBatches(int batchSize) {
        return new EvaluationStream(data, batchSize);
    }

    /** Evaluation examples: test inputs × views over the evaluation tasks. */
    public long evaluationExampleCount() {
        return EvaluationStream.size(data);
    }

    @Override
    public ArcScorer newScorer() {
        return new ArcScorer(NAME, data, config.passKs(), config.decodeMode());
    }
}
