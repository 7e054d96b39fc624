package io.recurbench.sudoku;

import io.recurbench.api.task.Batch;
import io.recurbench.api.task.Scorer;
import io.recurbench.api.task.TaskScore;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores predicted grids against the evaluation answers, as TRM reports Sudoku: a puzzle counts as solved only if
 * every cell (givens included) is predicted exactly. Metrics, each present once at least one puzzle is scored:
 * <ul>
 *   <li>{@code exact_accuracy} = {@code puzzles_solved / puzzles}</li>
 *   <li>{@code cell_accuracy} = {@code cells_correct / cells} over all cells</li>
 *   <li>{@code blank_cell_accuracy} = {@code blank_cells_correct / blank_cells}, the cells the model had to fill</li>
 * </ul>
 * Counts also include {@code eval_puzzles}, the size of the evaluation set, so that a partial evaluation shows.
 * The answer is looked up by the example id, never read from the batch's labels.
 */
final class SudokuScorer implements Scorer {

    private final BoxShape shape;
    private final List<Puzzle> eval;
    private final BitSet scored = new BitSet();
    private long puzzles;
    private long solved;
    private long cells;
    private long cellsCorrect;
    private long blankCells;
    private long blankCorrect;

    SudokuScorer(BoxShape shape, List<Puzzle> eval) {
        this.shape = shape;
        this.eval = eval;
    }

    @Override
    public void add(Batch batch, int[] predictedTokens, float[] confidence) {
        int length = shape.cellCount();
        if (batch.sequenceLength() != length) {
            throw new IllegalArgumentException("batch sequence length " + batch.sequenceLength() + ", expected " + length);
        }
        if (predictedTokens.length != batch.size() * length) {
            throw new IllegalArgumentException("predictions have " + predictedTokens.length + " tokens, expected "
                    + batch.size() + " x " + length);
        }
        for (int i = 0; i < batch.size(); i++) {
            long id = batch.exampleIds()[i];
            if (id < 0 || id >= eval.size()) {
                throw new IllegalArgumentException("example id " + id + " is not one of the " + eval.size()
                        + " evaluation puzzles");
            }
            if (scored.get((int) id)) {
                throw new IllegalStateException("evaluation puzzle " + id + " was scored twice");
            }
            scored.set((int) id);
            Puzzle puzzle = eval.get((int) id);
            boolean allRight = true;
            for (int cell = 0; cell < length; cell++) {
                boolean right = predictedTokens[i * length + cell] == SudokuEncoding.token(puzzle.answer()[cell]);
                allRight &= right;
                cells++;
                cellsCorrect += right ? 1 : 0;
                if (puzzle.question()[cell] == 0) {
                    blankCells++;
                    blankCorrect += right ? 1 : 0;
                }
            }
            puzzles++;
            solved += allRight ? 1 : 0;
        }
    }

    @Override
    public TaskScore result() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (puzzles > 0) {
            metrics.put("exact_accuracy", solved / (double) puzzles);
            metrics.put("cell_accuracy", cellsCorrect / (double) cells);
            metrics.put("blank_cell_accuracy", blankCells == 0 ? 1.0 : blankCorrect / (double) blankCells);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("eval_puzzles", (long) eval.size());
        counts.put("puzzles", puzzles);
        counts.put("puzzles_solved", solved);
        counts.put("cells", cells);
        counts.put("cells_correct", cellsCorrect);
        counts.put("blank_cells", blankCells);
        counts.put("blank_cells_correct", blankCorrect);
        return new TaskScore(SudokuTask.NAME, metrics, counts);
    }
}
