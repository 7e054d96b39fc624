package io.recurbench.arc;

import io.recurbench.api.task.Batch;
import io.recurbench.api.task.ExampleOutcome;
import io.recurbench.api.task.Scorer;
import io.recurbench.api.task.TaskScore;
import io.recurbench.arc.TrmCodec.DecodeMode;
import io.recurbench.arc.TrmCodec.Decoded;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores predictions on the test split as TRM's {@code evaluators/arc.py} does: decode each predicted
 * canvas ({@link TrmCodec#decode}), map it back through the inverse of its view (inverse dihedral,
 * then inverse colour map), vote per test input ({@link VoteTally}), and count a test input as solved
 * at K when its true output is among the top K candidates. pass@K is, per task, the fraction of its
 * test inputs solved, averaged over all evaluation tasks (a task without predictions scores 0).
 *
 * <p>Also reported, as candidate diversity: the mean number of distinct candidates per test input,
 * the mean vote entropy (bits) and the mean vote share of the top candidate, over test inputs with at
 * least one valid prediction; and how many predictions decoded to no valid grid.
 *
 * <p>{@link TaskScore#outcomes()} holds one {@link ExampleOutcome} per test input of every evaluation
 * task, id {@code taskId#testIndex}, in evaluation order: the 1-based rank of the true output among the
 * ranked candidates, 0 when it is not among them (or there is none). It lets a harness compute pass@K
 * for any K over test inputs (not averaged per task) and pair runs input by input.
 */
public final class ArcScorer implements Scorer {

    /** The submission file name the ARC Prize expects. */
    public static final String SUBMISSION_FILE = "submission.json";

    private final String taskName;
    private final AugmentedDataset data;
    private final int[] passKs;
    private final DecodeMode decodeMode;
    private final VoteTally[][] tallies;
    private long predictions;

    ArcScorer(String taskName, AugmentedDataset data, int[] passKs, DecodeMode decodeMode) {
        this.taskName = taskName;
        this.data = data;
        this.passKs = passKs.clone();
        this.decodeMode = decodeMode;
        List<ArcPuzzle> eval = data.evaluationTasks();
        this.tallies = new VoteTally[eval.size()][];
        for (int e = 0; e < eval.size(); e++) {
            tallies[e] = new VoteTally[eval.get(e).test().size()];
            for (int t = 0; t < tallies[e].length; t++) {
                tallies[e][t] = new VoteTally();
            }
        }
    }

    @Override
    public void add(Batch batch, int[] predictedTokens, float[] confidence) {
        int n = TrmCodec.SEQUENCE_LENGTH;
        if (batch.sequenceLength() != n || predictedTokens.length != batch.size() * n || confidence.length != batch.size()) {
            throw new IllegalArgumentException("predictions do not match the batch: sequence " + batch.sequenceLength() + " (expected " + n
                    + "), tokens " + predictedTokens.length + " (expected " + batch.size() * n + "), confidence " + confidence.length
                    + " (expected " + batch.size() + ")");
        }
        for (int i = 0; i < batch.size(); i++) {
            ExampleId id = ExampleId.unpack(batch.exampleIds()[i]);
            if (!data.isEvaluation(id.task()) || id.task() >= data.tasks().size()
                    || id.view() >= data.viewCount(id.task()) || id.pair() >= data.tasks().get(id.task()).test().size()) {
                throw new IllegalArgumentException("example " + i + " of the batch is not from this task's evaluation split: " + id);
            }
            if (Float.isNaN(confidence[i])) {
                throw new IllegalArgumentException("confidence of example " + i + " is NaN");
            }
            VoteTally tally = tallies[id.task() - data.evaluationStart()][id.pair()];
            predictions++;
            switch (TrmCodec.decode(predictedTokens, i * n, decodeMode)) {
                case Decoded.Valid(Grid g) -> tally.vote(data.view(id.task(), id.view()).invert(g), confidence[i]);
                case Decoded.Invalid ignored -> tally.invalid();
            }
        }
    }

    @Override
    public TaskScore result() {
        List<ArcPuzzle> eval = data.evaluationTasks();
        double[] passSum = new double[passKs.length];
        long[] inputsCorrect = new long[passKs.length];
        long inputs = 0;
        long withCandidates = 0;
        long invalid = 0;
        double uniqueSum = 0;
        double entropySum = 0;
        double topShareSum = 0;
        List<ExampleOutcome> outcomes = new ArrayList<>();
        for (int e = 0; e < eval.size(); e++) {
            ArcPuzzle task = eval.get(e);
            int[] solved = new int[passKs.length];
            for (int t = 0; t < task.test().size(); t++) {
                VoteTally tally = tallies[e][t];
                inputs++;
                invalid += tally.invalidCount();
                List<VoteTally.Candidate> ranked = tally.ranked();
                if (ranked.isEmpty()) {
                    outcomes.add(new ExampleOutcome(task.id() + "#" + t, 0));
                    continue;
                }
                withCandidates++;
                uniqueSum += ranked.size();
                entropySum += tally.entropyBits();
                topShareSum += (double) ranked.getFirst().votes() / tally.validCount();
                Grid truth = task.test().get(t).output();
                int rank = -1;
                for (int r = 0; r < ranked.size(); r++) {
                    if (ranked.get(r).grid().equals(truth)) {
                        rank = r;
                        break;
                    }
                }
                outcomes.add(new ExampleOutcome(task.id() + "#" + t, rank + 1));
                for (int k = 0; k < passKs.length; k++) {
                    if (rank >= 0 && rank < passKs[k]) {
                        solved[k]++;
                        inputsCorrect[k]++;
                    }
                }
            }
            for (int k = 0; k < passKs.length; k++) {
                passSum[k] += (double) solved[k] / task.test().size();
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int k = 0; k < passKs.length; k++) {
            metrics.put("pass@" + passKs[k], eval.isEmpty() ? 0 : passSum[k] / eval.size());
            counts.put("test_inputs_correct@" + passKs[k], inputsCorrect[k]);
        }
        metrics.put("unique_candidates_per_input", withCandidates == 0 ? 0 : uniqueSum / withCandidates);
        metrics.put("vote_entropy_bits", withCandidates == 0 ? 0 : entropySum / withCandidates);
        metrics.put("top1_vote_share", withCandidates == 0 ? 0 : topShareSum / withCandidates);
        metrics.put("invalid_prediction_rate", predictions == 0 ? 0 : (double) invalid / predictions);
        counts.put("tasks", (long) eval.size());
        counts.put("test_inputs", inputs);
        counts.put("test_inputs_with_candidates", withCandidates);
        counts.put("predictions", predictions);
        counts.put("invalid_predictions", invalid);
        return new TaskScore(taskName, metrics, counts, outcomes);
    }

    /**
     * The ARC Prize submission for what was added so far: per evaluation task, per test input, the
     * top two candidates as {@code attempt_1} and {@code attempt_2}. With one candidate both
     * attempts are it; with none (no valid prediction) both are {@code [[0]]}, since the format needs
     * a grid.
     */
    public Map<String, List<Map<String, int[][]>>> submission() {
        Map<String, List<Map<String, int[][]>>> out = new LinkedHashMap<>();
        List<ArcPuzzle> eval = data.evaluationTasks();
        for (int e = 0; e < eval.size(); e++) {
            List<Map<String, int[][]>> attempts = new ArrayList<>();
            for (VoteTally tally : tallies[e]) {
                List<VoteTally.Candidate> ranked = tally.ranked();
                int[][] first = ranked.isEmpty() ? new int[][] {{0}} : ranked.get(0).grid().toRows();
                int[][] second = ranked.size() < 2 ? first : ranked.get(1).grid().toRows();
                Map<String, int[][]> entry = new LinkedHashMap<>();
                entry.put("attempt_1", first);
                entry.put("attempt_2", second);
                attempts.add(entry);
            }
            out.put(eval.get(e).id(), attempts);
        }
        return out;
    }

    /** Writes {@value #SUBMISSION_FILE} (temporary file, then atomic rename). */
    @Override
    public List<Path> writeArtifacts(Path directory) throws IOException {
        Path file = directory.resolve(SUBMISSION_FILE);
        SubmissionWriter.write(file, submission());
        return List.of(file);
    }
}
