package io.recurbench.harness.run;

import io.recurbench.api.task.TaskScore;
import io.recurbench.reports.model.SudokuMetrics;
import io.recurbench.reports.model.TaskMetrics;

/** Turns a task's own {@link TaskScore} into the results schema's {@link TaskMetrics}. */
public final class TaskMetricsMapper {
  private TaskMetricsMapper() {}

  /**
   * Sudoku: exact accuracy over puzzles ({@code puzzles}, {@code puzzles_solved}) and cell accuracy
   * over the blank cells ({@code blank_cells}, {@code blank_cells_correct}), as the sudoku task counts them.
   */
  public static TaskMetrics of(TaskScore score) {
    if (score.task().equals("sudoku")) {
      return SudokuMetrics.of(count(score, "puzzles"), count(score, "puzzles_solved"), count(score, "blank_cells"),
          count(score, "blank_cells_correct"));
    }
    throw new IllegalArgumentException("task '" + score.task() + "': the harness maps only sudoku scores to results"
        + " metrics so far (its scorer reports " + score.counts().keySet() + ")");
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
