package io.recurbench.reports.render;

import java.util.List;

/**
 * Prints the report outline as GitHub-flavoured Markdown. Charts are left out: every chart's
 * numbers are in the table that follows it, and {@code report.html} draws them.
 */
final class MarkdownRenderer {
    private MarkdownRenderer() {}

    static String render(List<Block> blocks) {
        StringBuilder out = new StringBuilder();
        for (Block block : blocks) {
            switch (block) {
                case Block.Heading h -> out.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
                case Block.Paragraph p -> out.append(p.text()).append("\n\n");
                case Block.Bullets b -> {
                    b.items().forEach(item -> out.append("- ").append(item).append('\n'));
                    out.append('\n');
                }
                case Block.Table t -> table(t, out);
                case Block.Chart c -> { }
            }
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static void table(Block.Table t, StringBuilder out) {
        row(t.header(), out);
        out.append('|');
        for (boolean numeric : t.numeric()) {
            out.append(numeric ? "---:|" : "---|");
        }
        out.append('\n');
        t.rows().forEach(r -> row(r, out));
        out.append('\n');
    }

    private static void row(List<String> cells, StringBuilder out) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        out.append('\n');
    }
}
