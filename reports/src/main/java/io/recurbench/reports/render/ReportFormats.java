package io.recurbench.reports.render;

import io.recurbench.reports.analysis.SuiteAnalysis;

import java.util.List;

/**
 * Both printed forms of one report outline.
 *
 * @param markdown {@code report.md}
 * @param html     {@code report.html}
 */
public record ReportFormats(String markdown, String html) {

    /** Builds the outline once and prints it in both formats. */
    public static ReportFormats of(SuiteAnalysis analysis) {
        List<Block> blocks = ReportDocument.build(analysis);
        return new ReportFormats(MarkdownRenderer.render(blocks),
                HtmlRenderer.render("RecurBench report: " + analysis.results().suite().name(), blocks));
    }
}
