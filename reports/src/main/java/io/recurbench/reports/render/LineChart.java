package io.recurbench.reports.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;

/**
 * A static SVG line chart: one polyline per series, a legend, optional vertical markers (e.g. the
 * trained depth) and ringed points (e.g. cognitive-static flags). The x axis is linear, or
 * logarithmic with a tick at every x that occurs (for pass@K over K = 1, 2, 5, 10, …).
 * Every data-bearing element has class {@code mark}, which the browser test counts.
 */
final class LineChart {
    static final int WIDTH = 680;
    static final int HEIGHT = 300;
    private static final int LEFT = 60;
    private static final int RIGHT = 170;
    private static final int TOP = 30;
    private static final int BOTTOM = 46;

    /**
     * One line.
     *
     * @param label   legend text
     * @param color   stroke colour
     * @param x       x values, ascending
     * @param y       y values
     * @param flagged x values whose points get a red ring
     */
    record Series(String label, String color, double[] x, double[] y, Set<Double> flagged) {}

    private final String id;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final List<Series> series = new ArrayList<>();
    private final List<Double> markerXs = new ArrayList<>();
    private final List<String> markerLabels = new ArrayList<>();

    LineChart(String id, String title, String xLabel, String yLabel, boolean logX) {
        this.id = id;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
    }

    LineChart add(Series s) {
        if (s.x().length != s.y().length) {
            throw new IllegalArgumentException("series " + s.label() + ": x and y differ in length");
        }
        series.add(s);
        return this;
    }

    /** A dashed vertical line at {@code x} with a label at its top. */
    LineChart marker(double x, String label) {
        markerXs.add(x);
        markerLabels.add(label);
        return this;
    }

    boolean isEmpty() {
        return series.stream().allMatch(s -> s.x().length == 0);
    }

    String svg() {
        double xlo = Double.POSITIVE_INFINITY;
        double xhi = Double.NEGATIVE_INFINITY;
        double ylo = Double.POSITIVE_INFINITY;
        double yhi = Double.NEGATIVE_INFINITY;
        TreeSet<Double> xs = new TreeSet<>();
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                xlo = Math.min(xlo, s.x()[i]);
                xhi = Math.max(xhi, s.x()[i]);
                ylo = Math.min(ylo, s.y()[i]);
                yhi = Math.max(yhi, s.y()[i]);
                xs.add(s.x()[i]);
            }
        }
        Axis yAxis = Axis.covering(ylo, yhi);
        Axis xAxis = logX ? null : Axis.covering(xlo, xhi);
        double logLo = logX ? Math.log10(xlo) : 0;
        double logHi = logX ? Math.log10(Math.max(xhi, xlo * 10)) : 1;
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        DoubleUnaryOperator px = v -> LEFT + plotW
                * (logX ? (Math.log10(v) - logLo) / (logHi - logLo) : xAxis.fraction(v));
        DoubleUnaryOperator py = v -> TOP + plotH * (1 - yAxis.fraction(v));

        StringBuilder out = new StringBuilder();
        out.append(Fmt.f("<svg class=\"chart\" data-chart=\"%s\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">\n",
                Fmt.html(id), WIDTH, HEIGHT, WIDTH, HEIGHT));
        out.append("<title>").append(Fmt.html(title)).append("</title>\n");
        out.append(Fmt.f("<text class=\"chart-title\" x=\"%d\" y=\"18\">%s</text>\n", LEFT, Fmt.html(title)));
        for (double t : yAxis.ticks()) {
            double y = py.applyAsDouble(t);
            out.append(Fmt.f("<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", LEFT, y, LEFT + plotW, y));
            out.append(Fmt.f("<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 6, y + 4, yAxis.label(t)));
        }
        Iterable<Double> xTicks = logX ? xs : xAxis.ticks();
        for (double t : xTicks) {
            double x = px.applyAsDouble(t);
            out.append(Fmt.f("<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x, TOP + plotH, x, TOP + plotH + 4));
            out.append(Fmt.f("<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", x, TOP + plotH + 16,
                    logX ? Fmt.num(t, 0) : xAxis.label(t)));
        }
        out.append(Fmt.f("<rect class=\"frame\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\"/>\n", LEFT, TOP, plotW, plotH));
        out.append(Fmt.f("<text class=\"axis-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                LEFT + plotW / 2, HEIGHT - 8, Fmt.html(xLabel)));
        out.append(Fmt.f("<text class=\"axis-label\" transform=\"rotate(-90)\" x=\"%.1f\" y=\"14\" text-anchor=\"middle\">%s</text>\n",
                -(TOP + plotH / 2), Fmt.html(yLabel)));
        for (int m = 0; m < markerXs.size(); m++) {
            double x = px.applyAsDouble(markerXs.get(m));
            out.append(Fmt.f("<line class=\"marker\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\"/>", x, TOP, x, TOP + plotH));
            out.append(Fmt.f("<text class=\"marker-label\" x=\"%.1f\" y=\"%d\">%s</text>\n", x + 3, TOP + 11, Fmt.html(markerLabels.get(m))));
        }
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            if (s.x().length == 0) {
                continue;
            }
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                pts.append(i == 0 ? "" : " ").append(Fmt.f("%.1f,%.1f", px.applyAsDouble(s.x()[i]), py.applyAsDouble(s.y()[i])));
            }
            out.append(Fmt.f("<polyline class=\"mark\" stroke=\"%s\" points=\"%s\"/>\n", s.color(), pts));
            for (int i = 0; i < s.x().length; i++) {
                double x = px.applyAsDouble(s.x()[i]);
                double y = py.applyAsDouble(s.y()[i]);
                out.append(Fmt.f("<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>", x, y, s.color()));
                if (s.flagged().contains(s.x()[i])) {
                    out.append(Fmt.f("<circle class=\"flag\" cx=\"%.1f\" cy=\"%.1f\" r=\"6\"/>", x, y));
                }
            }
            out.append('\n');
            double ly = TOP + 8 + 18 * k;
            double lx = WIDTH - RIGHT + 14;
            out.append(Fmt.f("<line class=\"legend-line\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", lx, ly, lx + 18, ly, s.color()));
            out.append(Fmt.f("<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">%s</text>\n", lx + 24, ly + 4, Fmt.html(s.label())));
        }
        if (series.stream().anyMatch(s -> !s.flagged().isEmpty())) {
            double ly = TOP + 8 + 18 * series.size();
            double lx = WIDTH - RIGHT + 14;
            out.append(Fmt.f("<circle class=\"flag\" cx=\"%.1f\" cy=\"%.1f\" r=\"6\"/>", lx + 9, ly));
            out.append(Fmt.f("<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">cognitive static</text>\n", lx + 24, ly + 4));
        }
        return out.append("</svg>").toString();
    }
}
