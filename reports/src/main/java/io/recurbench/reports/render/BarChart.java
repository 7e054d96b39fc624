package io.recurbench.reports.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A static SVG horizontal bar chart with the value printed at the end of each bar. Bars have class
 * {@code mark}, which the browser test counts.
 */
final class BarChart {
    static final int WIDTH = 680;
    private static final int LEFT = 150;
    private static final int RIGHT = 90;
    private static final int TOP = 30;
    private static final int BAR = 20;
    private static final int GAP = 8;

    private record Bar(String label, String color, double value) {}

    private final String id;
    private final String title;
    private final String unit;
    private final List<Bar> bars = new ArrayList<>();

    BarChart(String id, String title, String unit) {
        this.id = id;
        this.title = title;
        this.unit = unit;
    }

    BarChart add(String label, String color, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("bar " + label + ": value must be finite and >= 0, got " + value);
        }
        bars.add(new Bar(label, color, value));
        return this;
    }

    boolean isEmpty() {
        return bars.isEmpty();
    }

    String svg() {
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
        Axis axis = Axis.covering(0, max > 0 ? max : 1);
        int height = TOP + bars.size() * (BAR + GAP) + 28;
        double plotW = WIDTH - LEFT - RIGHT;
        StringBuilder out = new StringBuilder();
        out.append(Fmt.f("<svg class=\"chart\" data-chart=\"%s\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">\n",
                Fmt.html(id), WIDTH, height, WIDTH, height));
        out.append("<title>").append(Fmt.html(title)).append("</title>\n");
        out.append(Fmt.f("<text class=\"chart-title\" x=\"%d\" y=\"18\">%s</text>\n", LEFT, Fmt.html(title)));
        double bottom = TOP + bars.size() * (BAR + GAP);
        for (double t : axis.ticks()) {
            double x = LEFT + plotW * axis.fraction(t);
            out.append(Fmt.f("<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\"/>", x, TOP, x, bottom));
            out.append(Fmt.f("<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", x, bottom + 14, axis.label(t)));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = TOP + i * (BAR + GAP);
            double w = plotW * axis.fraction(b.value());
            out.append(Fmt.f("<text class=\"bar-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 8, y + 14, Fmt.html(b.label())));
            out.append(Fmt.f("<rect class=\"mark\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", LEFT, y, w, BAR, b.color()));
            out.append(Fmt.f("<text class=\"bar-value\" x=\"%.1f\" y=\"%.1f\">%s %s</text>\n", LEFT + w + 6, y + 14,
                    Fmt.num(b.value(), 1), Fmt.html(unit)));
        }
        return out.append("</svg>").toString();
    }
}
