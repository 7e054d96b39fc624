package io.recurbench.reports.analysis;

import java.util.List;

/**
 * The analysis of one task of a suite.
 *
 * @param task          task id
 * @param family        {@code sudoku} or {@code arc} (from the runs' metrics kind); {@code none}
 *                      when no run of the task succeeded
 * @param primaryMetric the per-example metric all runs of the task recorded ({@code exact}, {@code pass@2}, …)
 * @param operators     every operator entered for the task (refused ones included), in file order
 * @param pairs         paired comparisons of all operators with results, in operator order (A before B)
 * @param notes         one line per pair that could not be compared, and why
 */
public record TaskAnalysis(String task, String family, String primaryMetric, List<OperatorAnalysis> operators,
                           List<PairAnalysis> pairs, List<String> notes) {

    /** Operators with at least one successful run. */
    public List<OperatorAnalysis> withResults() {
        return operators.stream().filter(OperatorAnalysis::hasResults).toList();
    }
}
