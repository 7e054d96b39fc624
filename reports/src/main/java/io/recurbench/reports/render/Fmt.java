package io.recurbench.reports.render;

import io.recurbench.reports.stats.Interval;

import java.util.Locale;

/** Fixed, locale-independent number formatting shared by both report formats. */
final class Fmt {
    private Fmt() {}

    static String f(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** A fraction as a percentage with one decimal: 0.1234 → "12.3%". */
    static String pct(double fraction) {
        return f("%.1f%%", 100 * fraction);
    }

    /** A signed fraction in percentage points: 0.05 → "+5.0 pp". */
    static String pp(double fraction) {
        return f("%+.1f pp", 100 * fraction);
    }

    /** An interval of fractions as percentages: "[10.2%, 30.0%]". */
    static String pctInterval(Interval i) {
        return "[" + pct(i.lower()) + ", " + pct(i.upper()) + "]";
    }

    /** An interval of signed fractions in percentage points: "[−1.0, +4.5] pp". */
    static String ppInterval(Interval i) {
        return f("[%+.1f, %+.1f] pp", 100 * i.lower(), 100 * i.upper());
    }

    /** A p-value: three decimals, or "<0.001". */
    static String p(double p) {
        return p < 0.001 ? "<0.001" : f("%.3f", p);
    }

    static String num(double x, int decimals) {
        return f("%." + decimals + "f", x);
    }

    /** An integer with thousands separators: 6829058 → "6,829,058". */
    static String count(long n) {
        return f("%,d", n);
    }

    /** A duration: "45.0 s", "12 min 3.5 s", "2 h 5 min". */
    static String duration(double seconds) {
        if (seconds < 60) {
            return f("%.1f s", seconds);
        }
        if (seconds < 3600) {
            long min = (long) (seconds / 60);
            return f("%d min %.1f s", min, seconds - 60 * min);
        }
        long h = (long) (seconds / 3600);
        return f("%d h %d min", h, (long) ((seconds - 3600 * h) / 60));
    }

    /** Escapes text for HTML and SVG (element content and attribute values). */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
