package io.recurbench.plugins;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tiny comparison of every accepted operator with {@link ProbeTraining}, each run isolated
 * ({@link RunIsolation}): a failing operator gets a failed row and the others still run. Renders the
 * rows and the refused plugins as Markdown, the shape a report gives them.
 */
public final class SmokeComparison {

    /** One operator's row. */
    public record Row(String operator, String source, long parameters, RunOutcome<ProbeTraining.Curve> outcome) {}

    private final ProbeTraining training;
    private final Duration timeout;

    public SmokeComparison(ProbeTraining training, Duration timeout) {
        this.training = training;
        this.timeout = timeout;
    }

    /** Runs every plugin, in order. */
    public List<Row> run(List<AcceptedPlugin> plugins) {
        List<Row> rows = new ArrayList<>();
        for (AcceptedPlugin p : plugins) {
            RunOutcome<ProbeTraining.Curve> outcome = RunIsolation.run(p.name(), timeout, p.loaded().loader(),
                    () -> training.train(p));
            rows.add(new Row(p.name(), p.loaded().source().label(), p.operatorParameters(), outcome));
        }
        return rows;
    }

    /** A Markdown table of the rows, then one line per refused plugin. */
    public static String markdown(List<Row> rows, List<RefusedPlugin> refused) {
        StringBuilder sb = new StringBuilder();
        sb.append("| operator | source | operator parameters | status | first loss | last loss |\n");
        sb.append("|---|---|---:|---|---:|---:|\n");
        for (Row r : rows) {
            switch (r.outcome()) {
                case RunOutcome.Ok<ProbeTraining.Curve> ok -> sb.append(String.format(Locale.ROOT,
                        "| %s | %s | %,d | ok | %.4f | %.4f |%n", r.operator(), r.source(), r.parameters(),
                        ok.value().first(), ok.value().last()));
                case RunOutcome.Failed<ProbeTraining.Curve> f -> sb.append(String.format(Locale.ROOT,
                        "| %s | %s | %,d | failed (%s): %s | | |%n", r.operator(), r.source(), r.parameters(),
                        f.kind().name().toLowerCase(Locale.ROOT), f.reason().replace("|", "\\|")));
            }
        }
        if (!refused.isEmpty()) {
            sb.append("\nRefused plugins:\n\n");
            for (RefusedPlugin r : refused) {
                sb.append("- ").append(r.line()).append('\n');
            }
        }
        return sb.toString();
    }
}
