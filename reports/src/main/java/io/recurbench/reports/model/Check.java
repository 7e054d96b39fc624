package io.recurbench.reports.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Validation helpers for the results records. Each check names the field it guards, so a bad file
 * yields one line that says which value was wrong and what was expected; {@link ResultsIo} prefixes
 * the JSON path of the enclosing object.
 */
final class Check {
    private Check() {}

    static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": expected a non-empty string");
        }
        return value;
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": expected a value, got null");
        }
        return value;
    }

    /** An unmodifiable copy with no null elements (an absent list is an error, not an empty list). */
    static <T> List<T> list(String field, List<T> values) {
        present(field, values);
        List<T> copy = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            copy.add(present(field + "[" + i + "]", values.get(i)));
        }
        return Collections.unmodifiableList(copy);
    }

    static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + ": expected a finite number, got " + value);
        }
        return value;
    }

    static double nonNegative(String field, double value) {
        finite(field, value);
        if (value < 0) {
            throw new IllegalArgumentException(field + ": expected >= 0, got " + value);
        }
        return value;
    }

    static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + ": expected >= 0, got " + value);
        }
        return value;
    }

    static long positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": expected > 0, got " + value);
        }
        return value;
    }

    static double unit(String field, double value) {
        finite(field, value);
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(field + ": expected a fraction in [0, 1], got " + value);
        }
        return value;
    }

    /** A stored ratio must agree with the counts it was computed from (to rounding). */
    static void ratio(String field, double value, long numerator, long denominator) {
        double expected = denominator == 0 ? 0.0 : (double) numerator / denominator;
        if (Math.abs(value - expected) > 1e-9) {
            throw new IllegalArgumentException(field + ": " + value + " disagrees with its counts "
                    + numerator + "/" + denominator + " = " + expected);
        }
    }
}
