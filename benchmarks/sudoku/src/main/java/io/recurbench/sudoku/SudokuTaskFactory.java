package io.recurbench.sudoku;

import io.recurbench.api.task.Task;
import io.recurbench.api.task.TaskFactory;
import java.util.Map;

/**
 * Service entry point of the {@code sudoku} task. With no options it builds a small generated 6×6 task
 * (200 training puzzles × 9 views, 200 evaluation puzzles); the TRM Sudoku-Extreme recipe is
 * {@code source=<dir with train.csv,test.csv> box=3x3 train-puzzles=1000 augmentations=1000 eval-puzzles=all}.
 */
public final class SudokuTaskFactory implements TaskFactory {

    @Override
    public String name() {
        return SudokuTask.NAME;
    }

    @Override
    public String description() {
        return "Sudoku (4x4, 6x6, 9x9): Sudoku-Extreme CSV or generated unique puzzles, TRM encoding and shuffles; exact-puzzle and cell accuracy";
    }

    @Override
    public Map<String, String> options() {
        return SudokuOptions.help();
    }

    @Override
    public Task create(Map<String, String> options) {
        return new SudokuTask(SudokuOptions.parse(options));
    }
}
