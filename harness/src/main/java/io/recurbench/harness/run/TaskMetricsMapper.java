package io.recurbench.harness.run;

import io.recurbench.api.task.ExampleOutcome;
import io.recurbench.api.task.TaskScore;
import io.recurbench.reports.model.ArcMetrics;
import io.recurbench.reports.model.PerExample;
import io.recurbench.reports.model.SudokuMetrics;
import io.recurbench.reports.model.TaskMetrics;
import java.util.List;

/** Turns a task's own {@link TaskScore} into the results schema's {@link TaskMetrics} and per-example outcomes. */
public final class TaskMetricsMapper {
  private TaskMetricsMapper() {}

  /** What a score becomes in the results schema. */
  public record Mapped(TaskMetrics metrics, PerExample examples) {}

  /** The K whose per-example vector is recorded when the suite evaluates it: ARC's official pass@2. */
  static final int PREFERRED_PAIRED_K = 2;

  /**
   * Maps a score.
   * <ul>
   *   <li>Sudoku: exact accuracy over puzzles ({@code puzzles}, {@code puzzles_solved}) and cell accuracy
   *       over the blank cells ({@code blank_cells}, {@code blank_cells_correct}), as the sudoku task
   *       counts them; the per-example vector is {@code recorded} (exact per evaluation example).</li>
   *   <li>Any other task that reports {@link TaskScore#outcomes()} (ARC-AGI-1: one per test input):
   *       {@link ArcMetrics} with, for each K of {@code ks} (sorted, duplicates dropped), the number of
   *       outcomes correct within K; the per-example vector is {@code pass@2} when 2 is among the Ks,
   *       else {@code pass@K} at the smallest K, ids as the task gives them.</li>
   * </ul>
   *
   * @param ks       the suite's {@code evaluation.k}
   * @param recorded the harness's own per-example {@code exact} outcomes (used for Sudoku)
   */
  public static Mapped map(TaskScore score, List<Integer> ks, PerExample recorded) {
    if (score.task().equals("sudoku")) {
      return new Mapped(SudokuMetrics.of(count(score, "puzzles"), count(score, "puzzles_solved"),
          count(score, "blank_cells"), count(score, "blank_cells_correct")), recorded);
    }
    if (!score.outcomes().isEmpty()) {
      return passAtK(score.outcomes(), ks);
    }
    throw new IllegalArgumentException("task '" + score.task() + "': the harness maps sudoku scores and scores with"
        + " per-example outcomes; this scorer reports neither (counts " + score.counts().keySet() + ")");
  }

  private static Mapped passAtK(List<ExampleOutcome> outcomes, List<Integer> ks) {
    int[] sorted = ks.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    if (sorted.length == 0) {
      throw new IllegalArgumentException("evaluation.k: expected at least one K");
    }
    long[] solved = new long[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      for (ExampleOutcome o : outcomes) {
        if (o.correctWithin(sorted[i])) {
          solved[i]++;
        }
      }
    }
    int paired = sorted[0];
    for (int k : sorted) {
      if (k == PREFERRED_PAIRED_K) {
        paired = k;
      }
    }
    boolean[] bits = new boolean[outcomes.size()];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = outcomes.get(i).correctWithin(paired);
    }
    List<String> ids = outcomes.stream().map(ExampleOutcome::id).toList();
    return new Mapped(ArcMetrics.of(outcomes.size(), sorted, solved), PerExample.of("pass@" + paired, ids, bits));
  }

  private static long count(TaskScore score, String name) {
    Long v = score.counts().get(name);
    if (v == null) {
      throw new IllegalArgumentException("task '" + score.task() + "' score has no count '" + name + "'; it has "
          + score.counts().keySet());
    }
    return v;
  }
}
