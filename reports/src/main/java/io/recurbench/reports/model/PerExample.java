package io.recurbench.reports.model;

import java.util.HashSet;
import java.util.List;

/**
 * Per-example correctness of a run, the raw material of paired tests and of the bootstrap over
 * examples. Two runs are paired example by example through the ids.
 *
 * @param metric  which binary outcome is recorded: {@code exact} (Sudoku puzzle fully solved) or
 *                {@code pass@K} (ARC test input solved within K attempts)
 * @param ids     example ids (puzzle id, or {@code taskId#testIndex} for ARC), distinct
 * @param correct one character per id, {@code '1'} correct and {@code '0'} wrong
 */
public record PerExample(String metric, List<String> ids, String correct) {

    public PerExample {
        Check.text("metric", metric);
        if (!metric.equals("exact") && !metric.matches("pass@[1-9][0-9]*")) {
            throw new IllegalArgumentException("metric: expected \"exact\" or \"pass@K\", got \"" + metric + "\"");
        }
        ids = Check.list("ids", ids);
        Check.present("correct", correct);
        if (correct.length() != ids.size()) {
            throw new IllegalArgumentException("correct: has " + correct.length() + " characters for "
                    + ids.size() + " ids");
        }
        for (int i = 0; i < correct.length(); i++) {
            char c = correct.charAt(i);
            if (c != '0' && c != '1') {
                throw new IllegalArgumentException("correct: character " + i + " is '" + c + "', expected '0' or '1'");
            }
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            throw new IllegalArgumentException("ids: expected distinct example ids");
        }
    }

    /** Builds the record from a boolean vector. */
    public static PerExample of(String metric, List<String> ids, boolean[] correct) {
        StringBuilder bits = new StringBuilder(correct.length);
        for (boolean b : correct) {
            bits.append(b ? '1' : '0');
        }
        return new PerExample(metric, ids, bits.toString());
    }

    /** The correctness of example {@code i}. */
    public boolean correctAt(int i) {
        return correct.charAt(i) == '1';
    }

    /** Number of correct examples. */
    public long correctCount() {
        return correct.chars().filter(c -> c == '1').count();
    }

    /** The K of a {@code pass@K} metric, or 0 for {@code exact}. */
    public int passK() {
        return metric.startsWith("pass@") ? Integer.parseInt(metric.substring(5)) : 0;
    }
}
