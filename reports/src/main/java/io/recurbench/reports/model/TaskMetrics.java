package io.recurbench.reports.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Final evaluation metrics of a run; the JSON property {@code kind} says which task family wrote them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SudokuMetrics.class, name = "sudoku"),
        @JsonSubTypes.Type(value = ArcMetrics.class, name = "arc")
})
public sealed interface TaskMetrics permits SudokuMetrics, ArcMetrics {

    /** Number of evaluated examples (puzzles, or ARC test inputs). */
    long examples();
}
