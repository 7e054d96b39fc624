package io.recurbench.reports;

import io.recurbench.reports.analysis.SuiteAnalysis;
import io.recurbench.reports.model.Results;
import io.recurbench.reports.model.ResultsIo;
import io.recurbench.reports.render.ReportFormats;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Renders {@code report.md} and {@code report.html} from results. Output depends on the results
 * alone (no clock, no locale, fixed bootstrap seed), so re-rendering the same {@code results.json}
 * gives byte-identical reports.
 */
public final class ReportRenderer {
    /** File name of the Markdown report inside the output directory. */
    public static final String MARKDOWN = "report.md";
    /** File name of the HTML report inside the output directory. */
    public static final String HTML = "report.html";

    private ReportRenderer() {}

    /**
     * The files one rendering wrote.
     *
     * @param markdown {@code dir/report.md}
     * @param html     {@code dir/report.html}
     */
    public record Written(Path markdown, Path html) {}

    /**
     * Writes both reports into {@code dir} (created if missing), each atomically.
     *
     * @throws IllegalArgumentException when the results are valid one by one but cannot be analysed
     *                                  together (e.g. seeds of one operator trained to different depths)
     */
    public static Written render(Results results, Path dir) throws IOException {
        ReportFormats formats = ReportFormats.of(SuiteAnalysis.of(results));
        Path md = dir.resolve(MARKDOWN);
        Path html = dir.resolve(HTML);
        ResultsIo.writeAtomically(md, formats.markdown());
        ResultsIo.writeAtomically(html, formats.html());
        return new Written(md, html);
    }

    /** The Markdown report as text. */
    public static String markdown(Results results) {
        return ReportFormats.of(SuiteAnalysis.of(results)).markdown();
    }

    /** The HTML report as text. */
    public static String html(Results results) {
        return ReportFormats.of(SuiteAnalysis.of(results)).html();
    }
}
