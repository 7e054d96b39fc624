package io.recurbench.reports.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear chart axis over "nice" tick values (steps of 1, 2 or 5 × 10ᵏ) that cover the data.
 *
 * @param min      first tick (the axis start)
 * @param max      last tick (the axis end)
 * @param ticks    tick values from min to max
 * @param decimals decimals needed to print a tick
 */
record Axis(double min, double max, List<Double> ticks, int decimals) {

    /** An axis covering {@code [lo, hi]} with about five ticks; a zero span is widened. */
    static Axis covering(double lo, double hi) {
        if (hi - lo < 1e-12) {
            double pad = Math.max(0.05, Math.abs(lo) * 0.1);
            lo -= pad;
            hi += pad;
        }
        double raw = (hi - lo) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double normalized = raw / magnitude;
        double step = (normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10) * magnitude;
        long first = (long) Math.floor(lo / step + 1e-9);
        long last = (long) Math.ceil(hi / step - 1e-9);
        List<Double> ticks = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            ticks.add(k * step);
        }
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
        return new Axis(first * step, last * step, ticks, decimals);
    }

    /** Position of {@code v} as a fraction of the axis length. */
    double fraction(double v) {
        return (v - min) / (max - min);
    }

    String label(double tick) {
        return Fmt.num(tick, decimals);
    }
}
