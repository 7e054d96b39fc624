package io.recurbench.operators.parity;

import java.util.Locale;

/**
 * A parameter budget: a total count (operator + scaffold) and a relative tolerance.
 *
 * @param target    the total to match
 * @param tolerance allowed relative deviation, e.g. 0.005 for ±0.5%
 */
public record Budget(long target, double tolerance) {

    /** The default tolerance of a comparison, ±0.5%. */
    public static final double DEFAULT_TOLERANCE = 0.005;

    public Budget {
        if (target <= 0) {
            throw new IllegalArgumentException("budget must be positive, got " + target);
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("budget tolerance must be in [0, 1), got " + tolerance);
        }
    }

    /** Relative deviation of {@code count} from the target ({@code +0.0046} = 0.46% over). */
    public double delta(long count) {
        return (double) (count - target) / target;
    }

    public boolean admits(long count) {
        return Math.abs(count - target) <= tolerance * target;
    }

    /**
     * Parses {@code 6829058}, {@code 6,829,058}, {@code 6_829_058}, {@code 6.83M} or {@code 850k}
     * (k = 10³, M = 10⁶, G = 10⁹), failing with one line naming the text.
     */
    public static long parseCount(String text) {
        String t = text.trim().replace(",", "").replace("_", "").toUpperCase(Locale.ROOT);
        double scale = 1;
        if (t.endsWith("K")) {
            scale = 1e3;
        } else if (t.endsWith("M")) {
            scale = 1e6;
        } else if (t.endsWith("G") || t.endsWith("B")) {
            scale = 1e9;
        }
        if (scale != 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t) * scale;
            if (!(v >= 1) || v > Long.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return Math.round(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("budget '" + text + "': expected a count like 6829058, 6.83M or 850k");
        }
    }

    /** Parses {@code 0.5%} or {@code 0.005}. */
    public static double parseTolerance(String text) {
        String t = text.trim();
        try {
            return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tolerance '" + text + "': expected a fraction like 0.005 or a percentage like 0.5%");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d ±%.2f%%", target, tolerance * 100);
    }
}
