package io.recurbench.reports.model;

/**
 * Sudoku accuracy: exact-puzzle accuracy (every blank filled correctly) and cell accuracy (over the
 * blank cells), each with the counts it was computed from.
 */
public record SudokuMetrics(long puzzles, long puzzlesCorrect, long cells, long cellsCorrect,
                            double exactAccuracy, double cellAccuracy) implements TaskMetrics {

    public SudokuMetrics {
        Check.positive("puzzles", puzzles);
        Check.nonNegative("puzzlesCorrect", puzzlesCorrect);
        Check.positive("cells", cells);
        Check.nonNegative("cellsCorrect", cellsCorrect);
        if (puzzlesCorrect > puzzles) {
            throw new IllegalArgumentException("puzzlesCorrect: " + puzzlesCorrect + " exceeds puzzles " + puzzles);
        }
        if (cellsCorrect > cells) {
            throw new IllegalArgumentException("cellsCorrect: " + cellsCorrect + " exceeds cells " + cells);
        }
        Check.unit("exactAccuracy", exactAccuracy);
        Check.unit("cellAccuracy", cellAccuracy);
        Check.ratio("exactAccuracy", exactAccuracy, puzzlesCorrect, puzzles);
        Check.ratio("cellAccuracy", cellAccuracy, cellsCorrect, cells);
    }

    /** Builds the record with both accuracies computed from the counts. */
    public static SudokuMetrics of(long puzzles, long puzzlesCorrect, long cells, long cellsCorrect) {
        return new SudokuMetrics(puzzles, puzzlesCorrect, cells, cellsCorrect,
                (double) puzzlesCorrect / puzzles, (double) cellsCorrect / cells);
    }

    @Override
    public long examples() {
        return puzzles;
    }
}
