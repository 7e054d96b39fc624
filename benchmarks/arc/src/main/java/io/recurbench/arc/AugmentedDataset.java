package io.recurbench.arc;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * ARC-AGI-1 split as TRM's {@code build_arc_dataset.py} does for {@code --test-set-name evaluation},
 * with every task's augmented views planned and a puzzle identifier per view.
 *
 * <ul>
 *   <li>Tasks are numbered globally: the training set first, then the evaluation set.</li>
 *   <li><b>Training split</b>: one group per task — all pairs (demonstrations and tests) of a
 *       training-set task, only the demonstration pairs of an evaluation-set task.</li>
 *   <li><b>Test split</b>: the test pairs of the evaluation tasks (419 over 400 tasks).</li>
 *   <li><b>Views</b>: per task, the original plus up to {@code augmentations} distinct
 *       (dihedral, colour permutation) views ({@link ViewPlanner}). A view is told apart by the
 *       grids the model may see — all pairs of a training task; the demonstrations and test
 *       <i>inputs</i> of an evaluation task. (TRM also hashes the evaluation test outputs; leaving
 *       them out means no evaluation answer influences even which views exist.)</li>
 *   <li><b>Puzzle identifiers</b>: one per (task, view), shared by the training and test split so
 *       that the embedding learnt on an evaluation task's demonstrations is used on its test input;
 *       0 is TRM's blank identifier.</li>
 * </ul>
 */
public final class AugmentedDataset {

    /** One training group: a task and the pairs of it that are training data. */
    public record Group(int task, List<ArcPair> pairs) {
        public Group {
            pairs = List.copyOf(pairs);
        }
    }

    private final List<ArcPuzzle> tasks;
    private final int evaluationStart;
    private final List<Group> trainingGroups;
    private final long[][] views;
    private final int[] identifierBase;
    private final int identifierCount;

    /**
     * Plans the views of every task (in parallel; the result does not depend on the thread count).
     *
     * @param augmentations augmented views per task besides the original (TRM: 1000)
     * @param seed          seed of the view plan (TRM: 42)
     */
    public AugmentedDataset(ArcDataset data, int augmentations, long seed) {
        if (augmentations < 0) {
            throw new IllegalArgumentException("augmentations must be >= 0, got " + augmentations);
        }
        List<ArcPuzzle> all = new ArrayList<>(data.training());
        all.addAll(data.evaluation());
        this.tasks = List.copyOf(all);
        this.evaluationStart = data.training().size();
        List<Group> groups = new ArrayList<>(tasks.size());
        for (int t = 0; t < tasks.size(); t++) {
            ArcPuzzle p = tasks.get(t);
            List<ArcPair> pairs = new ArrayList<>(p.train());
            if (!isEvaluation(t)) {
                pairs.addAll(p.test());
            }
            groups.add(new Group(t, pairs));
        }
        this.trainingGroups = List.copyOf(groups);
        this.views = IntStream.range(0, tasks.size()).parallel()
                .mapToObj(t -> new ViewPlanner(visibleGrids(t)).plan(augmentations, seed, tasks.get(t).id()))
                .toArray(long[][]::new);
        this.identifierBase = new int[tasks.size()];
        int next = 1;
        for (int t = 0; t < tasks.size(); t++) {
            identifierBase[t] = next;
            next += views[t].length;
        }
        this.identifierCount = next;
    }

    /** The grids that tell the views of task {@code t} apart (never an evaluation test output). */
    List<Grid> visibleGrids(int t) {
        ArcPuzzle p = tasks.get(t);
        List<Grid> grids = new ArrayList<>();
        for (ArcPair pair : trainingGroups.get(t).pairs()) {
            grids.add(pair.input());
            grids.add(pair.output());
        }
        if (isEvaluation(t)) {
            p.test().forEach(pair -> grids.add(pair.input()));
        }
        return grids;
    }

    /** All tasks, training set first. */
    public List<ArcPuzzle> tasks() {
        return tasks;
    }

    /** Whether global task {@code t} belongs to the evaluation set. */
    public boolean isEvaluation(int t) {
        return t >= evaluationStart;
    }

    /** Global index of the first evaluation task. */
    public int evaluationStart() {
        return evaluationStart;
    }

    /** The evaluation tasks, in order. */
    public List<ArcPuzzle> evaluationTasks() {
        return tasks.subList(evaluationStart, tasks.size());
    }

    /** One group per task: the training split. */
    public List<Group> trainingGroups() {
        return trainingGroups;
    }

    /** Number of views of task {@code t} (the original included). */
    public int viewCount(int t) {
        return views[t].length;
    }

    /** View {@code v} of task {@code t}; view 0 is the original. */
    public Augmentation view(int t, int v) {
        return Augmentation.unpack(views[t][v]);
    }

    /** The puzzle identifier of view {@code v} of task {@code t}. */
    public int identifier(int t, int v) {
        return identifierBase[t] + v;
    }

    /** Identifiers in use plus the blank identifier 0. */
    public int identifierCount() {
        return identifierCount;
    }

    /** Views over all tasks. */
    public long totalViews() {
        return identifierCount - 1L;
    }
}
