package io.recurbench.arc;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.task.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainingStreamTest {

    @Test
    void everyExampleIsAnAugmentedTrainingPairOfItsPuzzleIdentifier() {
        ArcAgi1Task task = RealData.trmTask();
        AugmentedDataset d = task.data();
        Iterator<Batch> it = task.trainingBatches(384, 11);
        Set<Integer> tasksSeen = new HashSet<>();
        int translated = 0;
        int examples = 0;
        for (int b = 0; b < 20; b++) { // 7680 examples: more than two epochs (3081 pairs each)
            Batch batch = it.next();
            assertThat(batch.size()).isEqualTo(384);
            assertThat(batch.sequenceLength()).isEqualTo(900);
            for (int i = 0; i < batch.size(); i++) {
                ExampleId id = ExampleId.unpack(batch.exampleIds()[i]);
                assertThat(batch.puzzleIds()[i]).isEqualTo(d.identifier(id.task(), id.view()));
                AugmentedDataset.Group group = d.trainingGroups().get(id.task());
                ArcPair pair = group.pairs().get(id.pair());
                Augmentation aug = d.view(id.task(), id.view());
                Canvases.Placed in = Canvases.input(batch, i);
                Canvases.Placed out = Canvases.label(batch, i);
                assertThat(aug.invert(in.grid())).isEqualTo(pair.input());
                assertThat(aug.invert(out.grid())).isEqualTo(pair.output());
                assertThat(in.row()).isEqualTo(out.row());
                assertThat(in.col()).isEqualTo(out.col());
                translated += in.row() + in.col() > 0 ? 1 : 0;
                tasksSeen.add(id.task());
                examples++;
            }
            int badTokens = 0;
            for (int k = 0; k < batch.labels().length; k++) {
                int label = batch.labels()[k];
                int input = batch.inputs()[k];
                badTokens += (label == Batch.IGNORE || (label >= 1 && label < 12)) && input >= 0 && input < 12 ? 0 : 1;
            }
            assertThat(badTokens).as("tokens outside the vocabulary, or PAD labels not IGNORE").isZero();
        }
        assertThat(tasksSeen).hasSize(800);
        assertThat(translated).isBetween(examples / 2, examples - 1);
    }

    @Test
    void noEvaluationTestOutputReachesATrainingBatch() {
        ArcAgi1Task task = RealData.trmTask();
        AugmentedDataset d = task.data();
        // Evaluation test outputs that are not also a grid of the training split (any task, any side).
        Set<Grid> trainingGrids = new HashSet<>();
        for (AugmentedDataset.Group g : d.trainingGroups()) {
            for (ArcPair p : g.pairs()) {
                trainingGrids.add(p.input());
                trainingGrids.add(p.output());
            }
        }
        Set<Grid> secret = new HashSet<>();
        for (ArcPuzzle p : d.evaluationTasks()) {
            p.test().forEach(pair -> secret.add(pair.output()));
        }
        secret.removeAll(trainingGrids);
        assertThat(secret).hasSizeGreaterThan(400);
        Iterator<Batch> it = task.trainingBatches(512, 3);
        for (int b = 0; b < 12; b++) { // two epochs
            Batch batch = it.next();
            for (int i = 0; i < batch.size(); i++) {
                ExampleId id = ExampleId.unpack(batch.exampleIds()[i]);
                Augmentation aug = d.view(id.task(), id.view());
                if (d.isEvaluation(id.task())) {
                    assertThat(id.pair()).isLessThan(d.tasks().get(id.task()).train().size());
                }
                assertThat(secret).doesNotContain(aug.invert(Canvases.label(batch, i).grid()), aug.invert(Canvases.input(batch, i).grid()));
            }
        }
    }

    @Test
    void trainingBatchesDoNotDependOnEvaluationTestOutputsAtAll() {
        // Replace every evaluation test output by garbage: the training stream must stay bit-identical.
        ArcDataset real = RealData.subset(40);
        List<ArcPuzzle> blanked = new ArrayList<>();
        for (ArcPuzzle p : real.evaluation()) {
            blanked.add(new ArcPuzzle(p.id(), p.train(),
                    p.test().stream().map(pair -> new ArcPair(pair.input(), Grid.of(new int[][] {{7, 3}}))).toList()));
        }
        ArcAgi1Task.Config config = new ArcAgi1Task.Config(200, 42, true, new int[] {1, 2}, TrmCodec.DecodeMode.STRICT);
        Iterator<Batch> a = new ArcAgi1Task(real, config).trainingBatches(100, 5);
        Iterator<Batch> b = new ArcAgi1Task(new ArcDataset(real.training(), blanked), config).trainingBatches(100, 5);
        for (int i = 0; i < 10; i++) {
            assertSameBatch(a.next(), b.next());
        }
    }

    @Test
    void isDeterministicForASeedAndDiffersAcrossSeeds() {
        ArcAgi1Task task = RealData.trmTask();
        Iterator<Batch> a = task.trainingBatches(64, 9);
        Iterator<Batch> b = task.trainingBatches(64, 9);
        Iterator<Batch> c = task.trainingBatches(64, 10);
        for (int i = 0; i < 5; i++) {
            Batch x = a.next();
            assertSameBatch(b.next(), x);
            assertThat(c.next().exampleIds()).isNotEqualTo(x.exampleIds());
        }
    }

    @Test
    void withoutTranslationEveryGridIsAtTheTopLeftAndBatchesMayExceedAnEpoch() {
        ArcAgi1Task.Config config = new ArcAgi1Task.Config(5, 42, false, new int[] {1}, TrmCodec.DecodeMode.STRICT);
        ArcAgi1Task task = new ArcAgi1Task(RealData.subset(3), config);
        Batch batch = task.trainingBatches(200, 1).next(); // an epoch here has under 30 pairs
        assertThat(batch.size()).isEqualTo(200);
        for (int i = 0; i < batch.size(); i++) {
            assertThat(Canvases.input(batch, i).row() + Canvases.input(batch, i).col()).isZero();
        }
    }

    private static void assertSameBatch(Batch actual, Batch expected) {
        // Arrays.equals rather than a recursive comparison: these are 100k-element arrays.
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(Arrays.equals(actual.inputs(), expected.inputs())).as("inputs").isTrue();
        assertThat(Arrays.equals(actual.labels(), expected.labels())).as("labels").isTrue();
        assertThat(actual.puzzleIds()).isEqualTo(expected.puzzleIds());
        assertThat(actual.exampleIds()).isEqualTo(expected.exampleIds());
    }
}
