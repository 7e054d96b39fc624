package io.recurbench.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recurbench.api.task.Batch;
import io.recurbench.api.task.ExampleOutcome;
import io.recurbench.api.task.TaskScore;
import io.recurbench.arc.TrmCodec.DecodeMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArcScorerTest {

    private static final int N = TrmCodec.SEQUENCE_LENGTH;

    // Asymmetric, many-coloured grids so that every planned view is distinct.
    private static final Grid DEMO_IN = Grid.of(new int[][] {{1, 2, 3}, {4, 5, 6}});
    private static final Grid DEMO_OUT = Grid.of(new int[][] {{6, 5}, {4, 3}, {2, 1}});
    private static final Grid TA = Grid.of(new int[][] {{1, 1}, {2, 0}});
    private static final Grid TB1 = Grid.of(new int[][] {{3}});
    private static final Grid TB2 = Grid.of(new int[][] {{4, 4, 4}});
    private static final Grid TC = Grid.of(new int[][] {{5, 6}});
    private static final Grid TD = Grid.of(new int[][] {{7}});
    private static final Grid X = Grid.of(new int[][] {{9, 9}, {9, 9}});
    private static final Grid Y = Grid.of(new int[][] {{8}});
    private static final Grid Z = Grid.of(new int[][] {{0, 0}});

    @TempDir
    Path tmp;

    private static ArcPuzzle task(String id, Grid... testOutputs) {
        List<ArcPair> tests = new ArrayList<>();
        for (int i = 0; i < testOutputs.length; i++) {
            tests.add(new ArcPair(Grid.of(new int[][] {{1 + i, 2}, {3, 4}}), testOutputs[i]));
        }
        return new ArcPuzzle(id, List.of(new ArcPair(DEMO_IN, DEMO_OUT)), tests);
    }

    /** Four evaluation tasks (B has two test inputs), 4 views each: original + 3 augmentations. */
    private static ArcAgi1Task handMadeTask() {
        ArcDataset data = new ArcDataset(List.of(task("train0", TA)), List.of(task("a", TA), task("b", TB1, TB2), task("c", TC), task("d", TD)));
        ArcAgi1Task task = new ArcAgi1Task(data, new ArcAgi1Task.Config(3, 42, true, new int[] {1, 2}, DecodeMode.STRICT));
        for (int t = 1; t <= 4; t++) {
            assertThat(task.data().viewCount(t)).isEqualTo(4);
        }
        return task;
    }

    /** A prediction as the model would emit it for view {@code v} of global task {@code t}: in the view's frame. */
    private static void predict(List<long[]> ids, List<int[]> canvases, List<Float> conf, AugmentedDataset d,
                                int t, int v, int test, Grid answer, double confidence) {
        ids.add(new long[] {new ExampleId(t, v, test).pack()});
        canvases.add(answer == null ? new int[N] : TrmCodec.encode(d.view(t, v).apply(answer)));
        conf.add((float) confidence);
    }

    private static void addAll(ArcScorer scorer, List<long[]> ids, List<int[]> canvases, List<Float> conf) {
        int size = ids.size();
        int[] tokens = new int[size * N];
        long[] exampleIds = new long[size];
        float[] c = new float[size];
        for (int i = 0; i < size; i++) {
            System.arraycopy(canvases.get(i), 0, tokens, i * N, N);
            exampleIds[i] = ids.get(i)[0];
            c[i] = conf.get(i);
        }
        Batch batch = new Batch(size, N, new int[size * N], new int[size * N], new int[size], exampleIds);
        scorer.add(batch, tokens, c);
    }

    @Test
    void passAtOneAndTwoMatchValuesComputedByHand() throws IOException {
        ArcAgi1Task task = handMadeTask();
        AugmentedDataset d = task.data();
        ArcScorer scorer = task.newScorer();
        List<long[]> ids = new ArrayList<>();
        List<int[]> canvases = new ArrayList<>();
        List<Float> conf = new ArrayList<>();
        // Task a (global 1): X and the truth tie at 2 votes; X has the higher mean confidence (0.85 vs 0.25).
        predict(ids, canvases, conf, d, 1, 0, 0, X, 0.9);
        predict(ids, canvases, conf, d, 1, 1, 0, TA, 0.2);
        predict(ids, canvases, conf, d, 1, 2, 0, TA, 0.3);
        predict(ids, canvases, conf, d, 1, 3, 0, X, 0.8);
        // Task b (global 2), input 0: truth 2 votes, Y 1 vote, one invalid canvas. Input 1: all invalid.
        predict(ids, canvases, conf, d, 2, 0, 0, TB1, 0.1);
        predict(ids, canvases, conf, d, 2, 1, 0, TB1, 0.1);
        predict(ids, canvases, conf, d, 2, 2, 0, Y, 0.9);
        predict(ids, canvases, conf, d, 2, 3, 0, null, 0.9);
        for (int v = 0; v < 4; v++) {
            predict(ids, canvases, conf, d, 2, v, 1, null, 0.5);
        }
        // Task c (global 3): a full tie (1 vote, confidence 0.5 each); Z was seen first.
        predict(ids, canvases, conf, d, 3, 0, 0, Z, 0.5);
        predict(ids, canvases, conf, d, 3, 1, 0, TC, 0.5);
        // Task d (global 4): no predictions at all.
        addAll(scorer, ids, canvases, conf);

        TaskScore s = scorer.result();
        // pass@1: a 0, b 1/2, c 0, d 0 -> 0.5 / 4. pass@2: a 1, b 1/2, c 1, d 0 -> 2.5 / 4.
        assertThat(s.metrics().get("pass@1")).isEqualTo(0.125);
        assertThat(s.metrics().get("pass@2")).isEqualTo(0.625);
        assertThat(s.counts()).containsEntry("test_inputs_correct@1", 1L).containsEntry("test_inputs_correct@2", 3L)
                .containsEntry("tasks", 4L).containsEntry("test_inputs", 5L).containsEntry("test_inputs_with_candidates", 3L)
                .containsEntry("predictions", 14L).containsEntry("invalid_predictions", 5L);
        // Per test input, rank of the truth: a 2nd (behind X), b#0 1st, b#1 none, c 2nd (behind Z), d none.
        assertThat(s.outcomes()).containsExactly(new ExampleOutcome("a#0", 2), new ExampleOutcome("b#0", 1),
                new ExampleOutcome("b#1", 0), new ExampleOutcome("c#0", 2), new ExampleOutcome("d#0", 0));
        assertThat(s.outcomes().stream().map(o -> o.correctWithin(1))).containsExactly(false, true, false, false, false);
        assertThat(s.outcomes().stream().map(o -> o.correctWithin(2))).containsExactly(true, true, false, true, false);
        // Diversity over a, b[0], c: 2 candidates each; entropies 1, H(2/3, 1/3), 1 bits; top shares 1/2, 2/3, 1/2.
        double h = -(2.0 / 3) * Math.log(2.0 / 3) / Math.log(2) - (1.0 / 3) * Math.log(1.0 / 3) / Math.log(2);
        assertThat(s.metrics().get("unique_candidates_per_input")).isEqualTo(2.0);
        assertThat(s.metrics().get("vote_entropy_bits")).isCloseTo((2 + h) / 3, within(1e-12));
        assertThat(s.metrics().get("top1_vote_share")).isCloseTo((0.5 + 2.0 / 3 + 0.5) / 3, within(1e-12));
        assertThat(s.metrics().get("invalid_prediction_rate")).isCloseTo(5.0 / 14, within(1e-12));

        List<Path> files = scorer.writeArtifacts(tmp.resolve("out"));
        assertThat(files).containsExactly(tmp.resolve("out").resolve("submission.json"));
        assertThat(Files.list(tmp.resolve("out"))).containsExactly(files.getFirst()); // no temporary file left
        Map<String, List<Map<String, int[][]>>> sub = new ObjectMapper().readValue(files.getFirst().toFile(), new TypeReference<>() {
        });
        assertThat(sub.keySet()).containsExactly("a", "b", "c", "d");
        assertAttempts(sub.get("a").get(0), X, TA);
        assertThat(sub.get("b")).hasSize(2);
        assertAttempts(sub.get("b").get(0), TB1, Y);
        assertAttempts(sub.get("b").get(1), Grid.of(new int[][] {{0}}), Grid.of(new int[][] {{0}}));
        assertAttempts(sub.get("c").get(0), Z, TC);
        assertAttempts(sub.get("d").get(0), Grid.of(new int[][] {{0}}), Grid.of(new int[][] {{0}}));
    }

    private static void assertAttempts(Map<String, int[][]> entry, Grid first, Grid second) {
        assertThat(entry.keySet()).containsExactly("attempt_1", "attempt_2");
        assertThat(Grid.of(entry.get("attempt_1"))).isEqualTo(first);
        assertThat(Grid.of(entry.get("attempt_2"))).isEqualTo(second);
    }

    @Test
    void anOracleOnSomeRealTasksScoresExactlyTheirShare() {
        // Real ARC-AGI-1 with 8 augmentations: answer every view of every 3rd evaluation task correctly
        // (for multi-input tasks only the first input), the rest with a wrong grid that outvotes nothing.
        ArcAgi1Task task = new ArcAgi1Task(RealData.dataset(), new ArcAgi1Task.Config(8, 42, false, new int[] {1, 2, 1000}, DecodeMode.STRICT));
        AugmentedDataset d = task.data();
        ArcScorer scorer = task.newScorer();
        Grid wrong = Grid.of(new int[][] {{0, 1}, {1, 0}, {0, 0}, {1, 1}, {0, 1}});
        double expected = 0;
        long expectedInputs = 0;
        for (int e = 0; e < 400; e += 3) {
            int tests = d.evaluationTasks().get(e).test().size();
            expected += 1.0 / tests;
            expectedInputs++;
        }
        expected /= 400;
        Iterator<Batch> it = task.evaluationBatches(500);
        while (it.hasNext()) {
            Batch b = it.next();
            int[] tokens = new int[b.size() * N];
            float[] conf = new float[b.size()];
            for (int i = 0; i < b.size(); i++) {
                ExampleId id = ExampleId.unpack(b.exampleIds()[i]);
                int e = id.task() - d.evaluationStart();
                boolean oracle = e % 3 == 0 && id.pair() == 0;
                Grid answer = oracle ? d.tasks().get(id.task()).test().get(0).output() : wrong;
                TrmCodec.encode(d.view(id.task(), id.view()).apply(answer), 0, 0, tokens, i * N);
                conf[i] = 0.5f;
            }
            scorer.add(b, tokens, conf);
        }
        TaskScore s = scorer.result();
        assertThat(s.metrics().get("pass@1")).isCloseTo(expected, within(1e-12));
        assertThat(s.metrics().get("pass@1000")).isCloseTo(expected, within(1e-12));
        assertThat(s.counts()).containsEntry("test_inputs_correct@1", expectedInputs).containsEntry("invalid_predictions", 0L)
                .containsEntry("test_inputs", 419L).containsEntry("predictions", task.evaluationExampleCount());
        assertThat(s.metrics().get("unique_candidates_per_input")).isEqualTo(1.0);
        assertThat(s.metrics().get("top1_vote_share")).isEqualTo(1.0);
    }

    @Test
    void rejectsPredictionsThatDoNotFitTheBatchOrTheSplit() {
        ArcAgi1Task task = handMadeTask();
        ArcScorer scorer = task.newScorer();
        Batch batch = new Batch(1, N, new int[N], new int[N], new int[1], new long[] {new ExampleId(0, 0, 0).pack()});
        assertThatThrownBy(() -> scorer.add(batch, new int[N], new float[1]))
                .hasMessageContaining("not from this task's evaluation split");
        assertThatThrownBy(() -> scorer.add(batch, new int[N - 1], new float[1]))
                .hasMessageStartingWith("predictions do not match the batch");
    }
}
