package io.recurbench.reports.render;

import io.recurbench.reports.model.OperatorEntry;
import io.recurbench.reports.model.Results;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One colour per operator for the whole report, in order of first appearance: the Okabe–Ito
 * palette (Okabe &amp; Ito 2008), distinguishable under the common colour-vision deficiencies.
 */
final class Palette {
    private static final String[] COLORS = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
            "#F0E442", "#000000"};
    private final Map<String, String> byOperator = new LinkedHashMap<>();

    Palette(Results results) {
        for (OperatorEntry e : results.operators()) {
            byOperator.computeIfAbsent(e.operator(), k -> COLORS[byOperator.size() % COLORS.length]);
        }
    }

    String color(String operator) {
        return byOperator.getOrDefault(operator, "#777777");
    }
}
