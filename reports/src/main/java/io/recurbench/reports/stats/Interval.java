package io.recurbench.reports.stats;

/**
 * A closed interval {@code [lower, upper]}.
 */
public record Interval(double lower, double upper) {
    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("interval lower " + lower + " > upper " + upper);
        }
    }

    /** Whether {@code x} lies in the interval (bounds included). */
    public boolean contains(double x) {
        return lower <= x && x <= upper;
    }

    /** Whether the interval excludes zero, i.e. a difference is resolved at this level. */
    public boolean excludesZero() {
        return lower > 0 || upper < 0;
    }
}
