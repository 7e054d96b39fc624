package io.recurbench.reports.render;

import java.util.List;

/**
 * The format-neutral outline of a report: {@link ReportDocument} builds it once from the analysis,
 * and {@link MarkdownRenderer} and {@link HtmlRenderer} print it. Text may hold {@code `code`} spans.
 */
sealed interface Block {

    /** A section heading; {@code anchor} is a stable HTML id. */
    record Heading(int level, String text, String anchor) implements Block {}

    record Paragraph(String text) implements Block {}

    record Bullets(List<String> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }
    }

    /**
     * A table of text cells.
     *
     * @param header  column titles
     * @param rows    rows, each as long as the header
     * @param numeric per column: right-align (numbers) or not
     */
    record Table(List<String> header, List<List<String>> rows, List<Boolean> numeric) implements Block {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            numeric = List.copyOf(numeric);
            for (List<String> row : rows) {
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("table row has " + row.size() + " cells for " + header.size() + " columns");
                }
            }
            if (numeric.size() != header.size()) {
                throw new IllegalArgumentException("alignment list does not match the header");
            }
        }
    }

    /** An inline SVG chart (HTML only; the Markdown report carries the same numbers in tables). */
    record Chart(String svg, String caption) implements Block {}
}
