package io.recurbench.reports.render;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the report outline as one self-contained HTML5 page: inline CSS, inline SVG charts, no
 * script, no external reference of any kind, so it opens offline and can be attached to a paper's
 * supplementary material as is.
 */
final class HtmlRenderer {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;max-width:1100px;margin:24px auto;padding:0 16px}
            h1{font-size:26px}h2{font-size:21px;border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:36px}
            h3{font-size:17px;margin-top:26px}h4{font-size:15px;margin-top:18px}
            code{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f3f4f6;padding:1px 4px;border-radius:3px}
            table{border-collapse:collapse;margin:8px 0 16px;font-variant-numeric:tabular-nums}
            th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left}th{background:#f6f8fa}
            td.num,th.num{text-align:right;white-space:nowrap}
            figure{margin:12px 0}figcaption{color:#57606a;font-size:12.5px;max-width:680px}
            svg.chart{display:block;background:#fff;font:11px system-ui,sans-serif}
            svg .chart-title{font-size:13px;font-weight:600}svg .tick,svg .bar-value{fill:#444}
            svg .axis-label{fill:#333;font-size:12px}svg .grid{stroke:#e5e7eb}svg .axis{stroke:#888}
            svg .frame{fill:none;stroke:#888}svg polyline.mark{fill:none;stroke-width:2}
            svg .legend-line{stroke-width:3}svg .marker{stroke:#555;stroke-dasharray:5 4}
            svg .marker-label{fill:#555;font-size:10px}svg .flag{fill:none;stroke:#d00;stroke-width:2}
            """;

    private HtmlRenderer() {}

    static String render(String title, List<Block> blocks) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Fmt.html(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        for (Block block : blocks) {
            switch (block) {
                case Block.Heading h -> out.append(Fmt.f("<h%d id=\"%s\">%s</h%d>\n", h.level(), Fmt.html(h.anchor()),
                        inline(h.text()), h.level()));
                case Block.Paragraph p -> out.append("<p>").append(inline(p.text())).append("</p>\n");
                case Block.Bullets b -> {
                    out.append("<ul>\n");
                    b.items().forEach(item -> out.append("<li>").append(inline(item)).append("</li>\n"));
                    out.append("</ul>\n");
                }
                case Block.Table t -> table(t, out);
                case Block.Chart c -> out.append("<figure>\n").append(c.svg()).append("\n<figcaption>")
                        .append(inline(c.caption())).append("</figcaption>\n</figure>\n");
            }
        }
        return out.append("</body>\n</html>\n").toString();
    }

    private static void table(Block.Table t, StringBuilder out) {
        out.append("<table>\n<thead><tr>");
        for (int i = 0; i < t.header().size(); i++) {
            out.append(t.numeric().get(i) ? "<th class=\"num\">" : "<th>").append(inline(t.header().get(i))).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                out.append(t.numeric().get(i) ? "<td class=\"num\">" : "<td>").append(inline(row.get(i))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /** Escapes text and turns {@code `code`} spans into {@code <code>} elements. */
    private static String inline(String text) {
        Matcher m = CODE.matcher(Fmt.html(text));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("<code>" + m.group(1) + "</code>"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
