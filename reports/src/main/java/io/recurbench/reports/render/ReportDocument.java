package io.recurbench.reports.render;

import io.recurbench.reports.analysis.CognitiveStatic;
import io.recurbench.reports.analysis.DepthProfile;
import io.recurbench.reports.analysis.OperatorAnalysis;
import io.recurbench.reports.analysis.PairAnalysis;
import io.recurbench.reports.analysis.SuiteAnalysis;
import io.recurbench.reports.analysis.TaskAnalysis;
import io.recurbench.reports.model.CurvePoint;
import io.recurbench.reports.model.DepthPoint;
import io.recurbench.reports.model.OperatorEntry;
import io.recurbench.reports.model.Results;
import io.recurbench.reports.model.Run;
import io.recurbench.reports.model.Suite;
import io.recurbench.reports.stats.HierarchicalBootstrap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Builds the report's outline (headings, tables, charts) from a {@link SuiteAnalysis}. Both
 * formats print this one outline, so the Markdown and HTML reports always show the same numbers.
 */
final class ReportDocument {
    /** The learning-curve table shows at most this many steps (evenly spaced, last included). */
    private static final int CURVE_ROWS = 12;

    private final SuiteAnalysis analysis;
    private final Palette palette;
    private final List<Block> blocks = new ArrayList<>();

    private ReportDocument(SuiteAnalysis analysis) {
        this.analysis = analysis;
        this.palette = new Palette(analysis.results());
    }

    static List<Block> build(SuiteAnalysis analysis) {
        ReportDocument doc = new ReportDocument(analysis);
        doc.header();
        doc.problems();
        for (TaskAnalysis task : analysis.tasks()) {
            doc.task(task);
        }
        return List.copyOf(doc.blocks);
    }

    private void header() {
        Results r = analysis.results();
        Suite s = r.suite();
        heading(1, "RecurBench report: " + s.name(), "top");
        paragraph("Rendered from `results.json` (schema `" + r.schema() + "` v" + r.version() + "). Intervals are 95%; "
                + "accuracy CIs come from a hierarchical bootstrap over seeds, then examples (" + HierarchicalBootstrap.DEFAULT_RESAMPLES
                + " resamples, fixed seed). How to read each section: `docs/reports.md`.");
        heading(2, "Suite", "suite");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("config hash", "`" + s.configHash() + "`"));
        rows.add(List.of("git commit", "`" + s.gitSha() + "`"));
        rows.add(List.of("backend", s.backend()));
        rows.add(List.of("device", s.device()));
        rows.add(List.of("TVM", s.tvmVersion() == null ? "— (not used)" : s.tvmVersion()));
        rows.add(List.of("JDK", s.jdk()));
        rows.add(List.of("OS", s.os()));
        rows.add(List.of("seeds", String.join(", ", s.seeds().stream().map(String::valueOf).toList())));
        rows.add(List.of("parameter budget tolerance", "±" + Fmt.num(100 * s.budgetTolerance(), 2) + "%"));
        rows.add(List.of("wall time", Fmt.duration(s.wallTimeSeconds())));
        blocks.add(new Block.Table(List.of("item", "value"), rows, List.of(false, false)));
    }

    private void problems() {
        Results r = analysis.results();
        List<String> items = new ArrayList<>();
        for (OperatorEntry e : r.operators()) {
            if (!e.status().succeeded()) {
                items.add("`" + e.operator() + "` (" + e.plugin() + " " + e.pluginVersion() + ") on `" + e.task()
                        + "`: refused — " + e.status().reason());
            }
        }
        for (Run run : r.runs()) {
            if (!run.status().succeeded()) {
                items.add("`" + run.operator() + "` on `" + run.task() + "`, seed " + run.seed() + ": failed after "
                        + Fmt.duration(run.wallTimeSeconds()) + " — " + run.status().reason());
            }
        }
        heading(2, "Refused plugins and failed runs", "problems");
        if (items.isEmpty()) {
            paragraph("None: every operator was accepted and every run finished.");
        } else {
            paragraph("Refused operators have no runs; failed runs are left out of every statistic below.");
            blocks.add(new Block.Bullets(items));
        }
    }

    private void task(TaskAnalysis task) {
        String id = anchor(task.task());
        heading(2, "Task `" + task.task() + "`", id);
        paragraph(switch (task.family()) {
            case "sudoku" -> "Sudoku. Primary metric: exact-puzzle accuracy (every blank filled correctly); "
                    + "cell accuracy over blank cells alongside.";
            case "arc" -> "ARC-AGI-1. Primary metric: " + task.primaryMetric() + " (a test input counts as solved "
                    + "when the expected grid is among the " + task.primaryMetric().substring(5) + " top-voted predictions).";
            default -> "No run of this task finished, so there are no metrics.";
        });
        parity(task, id);
        headline(task, id);
        pairs(task, id);
        if (task.family().equals("arc")) {
            passAtK(task, id);
        }
        if (!task.withResults().isEmpty()) {
            learningCurves(task, id);
            depth(task, id);
            throughput(task, id);
        }
    }

    private void parity(TaskAnalysis task, String id) {
        heading(3, "Parameter parity", id + "-parity");
        double tol = analysis.results().suite().budgetTolerance();
        List<List<String>> rows = new ArrayList<>();
        for (OperatorAnalysis op : task.operators()) {
            OperatorEntry e = op.entry();
            boolean known = e.parameterCount() != null;
            rows.add(List.of(e.operator(), e.plugin(), e.pluginVersion(),
                    known ? Fmt.count(e.parameterCount()) : "—", Fmt.count(e.budget()),
                    known ? Fmt.f("%+.2f%%", 100 * e.budgetDelta()) : "—",
                    known ? (Math.abs(e.budgetDelta()) <= tol + 1e-12 ? "yes" : "no") : "—",
                    e.status().succeeded() ? "ok" : "refused"));
        }
        blocks.add(new Block.Table(List.of("operator", "plugin", "version", "parameters", "budget", "Δ budget",
                "within ±" + Fmt.num(100 * tol, 2) + "%", "status"), rows,
                List.of(false, false, false, true, true, true, false, false)));
    }

    private void headline(TaskAnalysis task, String id) {
        heading(3, "Headline", id + "-headline");
        boolean sudoku = task.family().equals("sudoku");
        paragraph("Mean over seeds of " + task.primaryMetric() + " accuracy with its 95% hierarchical bootstrap CI "
                + "(seeds, then examples). The Wilson interval pools all examples of all seeds and so ignores "
                + "seed-to-seed variance: it is the narrower, example-only view.");
        List<String> header = new ArrayList<>(List.of("operator", "seeds ok", task.primaryMetric() + " accuracy",
                "95% CI (bootstrap)", "Wilson 95% (pooled)", "correct / examples"));
        if (sudoku) {
            header.add("cell accuracy");
        }
        List<List<String>> rows = new ArrayList<>();
        for (OperatorAnalysis op : task.operators()) {
            List<String> row = new ArrayList<>();
            row.add(op.name());
            int attempted = op.ok().size() + op.failed().size();
            row.add(op.entry().status().succeeded() ? op.ok().size() + "/" + attempted : "refused");
            if (op.hasResults()) {
                row.add(Fmt.pct(op.accuracy().point()));
                row.add(Fmt.pctInterval(op.accuracy().ci()));
                row.add(Fmt.pctInterval(op.wilson()));
                row.add(op.correct() + " / " + op.examples());
                if (sudoku) {
                    row.add(Fmt.pct(op.cellAccuracy()));
                }
            } else {
                row.addAll(Collections.nCopies(header.size() - 2, "—"));
            }
            rows.add(row);
        }
        List<Boolean> numeric = new ArrayList<>(List.of(false, true, true, true, true, true));
        if (sudoku) {
            numeric.add(true);
        }
        blocks.add(new Block.Table(header, rows, numeric));
    }

    private void pairs(TaskAnalysis task, String id) {
        heading(3, "Paired comparisons", id + "-pairs");
        if (task.pairs().isEmpty() && task.notes().isEmpty()) {
            paragraph("Fewer than two operators have results: nothing to compare.");
            return;
        }
        paragraph("Δ = A − B in percentage points with a paired hierarchical bootstrap CI (both operators scored on "
                + "the same resampled seeds and examples). McNemar: exact two-sided test on the examples only one of "
                + "the two got right, pooled over common seeds; Holm-adjusted across the " + task.pairs().size()
                + " pairs of this task. A verdict needs Holm p < " + PairAnalysis.ALPHA + " and a CI that excludes 0.");
        List<List<String>> rows = new ArrayList<>();
        for (PairAnalysis p : task.pairs()) {
            var c = p.comparison();
            rows.add(List.of(p.a(), p.b(), String.valueOf(p.seeds()), String.valueOf(p.examples()),
                    Fmt.pp(c.difference().point()), Fmt.ppInterval(c.difference().ci()),
                    String.valueOf(c.discordant().aRightBWrong()), String.valueOf(c.discordant().aWrongBRight()),
                    Fmt.p(c.pValue()), Fmt.p(p.holmP()), p.verdict()));
        }
        blocks.add(new Block.Table(List.of("A", "B", "seeds", "examples/seed", "Δ accuracy", "95% CI", "only A right",
                "only B right", "McNemar p", "Holm p", "verdict"), rows,
                List.of(false, false, true, true, true, true, true, true, true, true, false)));
        if (!task.notes().isEmpty()) {
            blocks.add(new Block.Bullets(task.notes()));
        }
    }

    private void passAtK(TaskAnalysis task, String id) {
        heading(3, "pass@K", id + "-passk");
        TreeSet<Integer> ks = new TreeSet<>();
        task.withResults().forEach(op -> op.passAtK().forEach(r -> ks.add(r.k())));
        LineChart chart = new LineChart(id + "-passk", "pass@K (mean over seeds)", "K (attempts, log scale)",
                "fraction solved", true);
        List<List<String>> rows = new ArrayList<>();
        for (OperatorAnalysis op : task.withResults()) {
            chart.add(new LineChart.Series(op.name(), palette.color(op.name()),
                    op.passAtK().stream().mapToDouble(OperatorAnalysis.KRate::k).toArray(),
                    op.passAtK().stream().mapToDouble(OperatorAnalysis.KRate::rate).toArray(), Set.of()));
            List<String> row = new ArrayList<>(List.of(op.name()));
            for (int k : ks) {
                row.add(op.passAtK().stream().filter(r -> r.k() == k).findFirst().map(r -> Fmt.pct(r.rate())).orElse("—"));
            }
            rows.add(row);
        }
        chart(chart, "pass@K against K for each operator; higher is better, and the gap between K = 1 and "
                + "large K shows how much voting over augmented views recovers.");
        List<String> header = new ArrayList<>(List.of("operator"));
        ks.forEach(k -> header.add("pass@" + k));
        List<Boolean> numeric = new ArrayList<>(List.of(false));
        ks.forEach(k -> numeric.add(true));
        blocks.add(new Block.Table(header, rows, numeric));
    }

    private void learningCurves(TaskAnalysis task, String id) {
        heading(3, "Learning curves", id + "-curves");
        List<OperatorAnalysis> ops = task.withResults();
        chart(curveChart(id + "-loss", "training loss (mean over seeds)", "loss", ops, CurvePoint::loss),
                "Training loss against optimizer step.");
        chart(curveChart(id + "-train-accuracy", "training accuracy (mean over seeds)", "accuracy", ops, CurvePoint::accuracy),
                "Training-batch accuracy of the primary metric against optimizer step.");
        TreeSet<Long> steps = new TreeSet<>();
        ops.forEach(op -> op.learningCurve().forEach(p -> steps.add(p.step())));
        List<Long> shown = evenlySpaced(new ArrayList<>(steps), CURVE_ROWS);
        List<String> header = new ArrayList<>(List.of("step"));
        List<Boolean> numeric = new ArrayList<>(List.of(true));
        for (OperatorAnalysis op : ops) {
            header.add(op.name() + " loss");
            header.add(op.name() + " acc");
            numeric.add(true);
            numeric.add(true);
        }
        List<List<String>> rows = new ArrayList<>();
        for (long step : shown) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(step)));
            for (OperatorAnalysis op : ops) {
                CurvePoint p = op.learningCurve().stream().filter(c -> c.step() == step).findFirst().orElse(null);
                row.add(p == null ? "—" : Fmt.num(p.loss(), 4));
                row.add(p == null ? "—" : Fmt.pct(p.accuracy()));
            }
            rows.add(row);
        }
        blocks.add(new Block.Table(header, rows, numeric));
    }

    private LineChart curveChart(String chartId, String title, String yLabel, List<OperatorAnalysis> ops,
                              ToDoubleFunction<CurvePoint> y) {
        LineChart chart = new LineChart(chartId, title, "step", yLabel, false);
        for (OperatorAnalysis op : ops) {
            chart.add(new LineChart.Series(op.name(), palette.color(op.name()),
                    op.learningCurve().stream().mapToDouble(CurvePoint::step).toArray(),
                    op.learningCurve().stream().mapToDouble(y).toArray(), Set.of()));
        }
        return chart;
    }

    private void depth(TaskAnalysis task, String id) {
        heading(3, "Recursion depth", id + "-depth");
        CognitiveStatic rule = CognitiveStatic.DEFAULT;
        paragraph("Evaluation at every supervision step and latent cycle, past the depth each operator was trained "
                + "with (dashed line). A depth is flagged as cognitive static (red ring, ⚠) when, relative to the "
                + "trained depth, accuracy fell by at least " + Fmt.num(100 * rule.minAccuracyDrop(), 1)
                + " points and mean entropy rose by at least " + Fmt.num(rule.minEntropyRise(), 2) + " nats.");
        List<OperatorAnalysis> ops = task.withResults();
        depthAxis(id + "-sup", "Supervision steps", "supervision step", ops, OperatorAnalysis::supervision,
                OperatorAnalysis::supervisionStatic, true);
        depthAxis(id + "-lat", "Latent cycles", "latent cycle", ops, OperatorAnalysis::latent,
                OperatorAnalysis::latentStatic, false);
        heading(4, "Cognitive static", id + "-static");
        List<List<String>> rows = new ArrayList<>();
        for (OperatorAnalysis op : ops) {
            rows.add(staticRow(op.name(), "supervision steps", op.supervision(), op.supervisionStatic()));
            rows.add(staticRow(op.name(), "latent cycles", op.latent(), op.latentStatic()));
        }
        blocks.add(new Block.Table(List.of("operator", "axis", "trained depth", "accuracy at trained",
                "entropy at trained", "deepest evaluated", "accuracy there", "entropy there", "flagged depths", "verdict"),
                rows, List.of(false, false, true, true, true, true, true, true, false, false)));
        heading(4, "Halting", id + "-halting");
        paragraph("Examples whose Q-halt head first chose to stop at each supervision step (summed over seeds).");
        int steps = ops.stream().mapToInt(op -> op.halting().size()).max().orElse(0);
        List<List<String>> hRows = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(s + 1)));
            for (OperatorAnalysis op : ops) {
                row.add(s < op.halting().size() ? String.valueOf(op.halting().get(s)) : "—");
            }
            hRows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("halt at step"));
        ops.forEach(op -> header.add(op.name()));
        blocks.add(new Block.Table(header, hRows, Collections.nCopies(header.size(), true)));
    }

    private static List<String> staticRow(String op, String axis, DepthProfile profile, CognitiveStatic.Verdict v) {
        DepthPoint ref = v.reference();
        DepthPoint last = profile.points().getLast();
        String verdict = !v.evaluatedBeyond() ? "not evaluated beyond training"
                : v.detected() ? "⚠ static from depth " + v.flagged().getFirst() : "stable";
        return List.of(op, axis, String.valueOf(v.trainedDepth()), Fmt.pct(ref.accuracy()), Fmt.num(ref.meanEntropy(), 3),
                String.valueOf(last.depth()), Fmt.pct(last.accuracy()), Fmt.num(last.meanEntropy(), 3),
                v.flagged().isEmpty() ? "—" : String.join(", ", v.flagged().stream().map(String::valueOf).toList()),
                verdict);
    }

    private void depthAxis(String chartId, String title, String xLabel, List<OperatorAnalysis> ops,
                           Function<OperatorAnalysis, DepthProfile> profile,
                           Function<OperatorAnalysis, CognitiveStatic.Verdict> verdict, boolean withDrift) {
        heading(4, title, chartId);
        Set<Integer> trained = new TreeSet<>();
        ops.forEach(op -> trained.add(profile.apply(op).trainedDepth()));
        chart(depthChart(chartId + "-accuracy", title + ": accuracy", xLabel, "accuracy", ops, profile, verdict,
                trained, DepthPoint::accuracy), "Accuracy of the answer read out after each " + xLabel + ".");
        chart(depthChart(chartId + "-entropy", title + ": mean entropy (nats)", xLabel, "entropy (nats)", ops, profile,
                verdict, trained, DepthPoint::meanEntropy), "Mean entropy of the predicted answer distribution.");
        if (withDrift) {
            chart(depthChart(chartId + "-drift", title + ": state-norm drift", xLabel, "relative change of ‖z‖", ops,
                    profile, verdict, trained, DepthPoint::stateNormDrift),
                    "Relative change of the latent state's norm from the previous step; growth past training signals divergence.");
        }
        int depths = ops.stream().mapToInt(op -> profile.apply(op).points().size()).max().orElse(0);
        List<String> header = new ArrayList<>(List.of(xLabel));
        List<Boolean> numeric = new ArrayList<>(List.of(true));
        for (OperatorAnalysis op : ops) {
            header.add(op.name() + " acc");
            header.add(op.name() + " H");
            header.add(op.name() + " drift");
            numeric.addAll(List.of(true, true, true));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int d = 1; d <= depths; d++) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(d)));
            for (OperatorAnalysis op : ops) {
                DepthProfile p = profile.apply(op);
                if (d > p.points().size()) {
                    row.addAll(List.of("—", "—", "—"));
                    continue;
                }
                DepthPoint pt = p.points().get(d - 1);
                String mark = (d == p.trainedDepth() ? " (T)" : "") + (verdict.apply(op).flags(d) ? " ⚠" : "");
                row.add(Fmt.pct(pt.accuracy()) + mark);
                row.add(Fmt.num(pt.meanEntropy(), 3));
                row.add(Fmt.num(pt.stateNormDrift(), 3));
            }
            rows.add(row);
        }
        paragraph("(T) marks each operator's trained depth; ⚠ marks a flagged depth. H = mean entropy in nats.");
        blocks.add(new Block.Table(header, rows, numeric));
    }

    private LineChart depthChart(String chartId, String title, String xLabel, String yLabel, List<OperatorAnalysis> ops,
                              Function<OperatorAnalysis, DepthProfile> profile,
                              Function<OperatorAnalysis, CognitiveStatic.Verdict> verdict, Set<Integer> trained,
                              ToDoubleFunction<DepthPoint> y) {
        LineChart chart = new LineChart(chartId, title, xLabel, yLabel, false);
        for (OperatorAnalysis op : ops) {
            List<DepthPoint> pts = profile.apply(op).points();
            Set<Double> flagged = new HashSet<>();
            verdict.apply(op).flagged().forEach(d -> flagged.add((double) d));
            chart.add(new LineChart.Series(op.name(), palette.color(op.name()),
                    pts.stream().mapToDouble(DepthPoint::depth).toArray(), pts.stream().mapToDouble(y).toArray(), flagged));
        }
        trained.forEach(t -> chart.marker(t, "trained"));
        return chart;
    }

    private void throughput(TaskAnalysis task, String id) {
        heading(3, "Throughput", id + "-throughput");
        BarChart train = new BarChart(id + "-train-rate", "training throughput (mean over seeds)", "ex/s");
        BarChart eval = new BarChart(id + "-eval-rate", "evaluation throughput (mean over seeds)", "ex/s");
        List<List<String>> rows = new ArrayList<>();
        for (OperatorAnalysis op : task.withResults()) {
            train.add(op.name(), palette.color(op.name()), op.trainRate());
            eval.add(op.name(), palette.color(op.name()), op.evalRate());
            rows.add(List.of(op.name(), Fmt.num(op.trainRate(), 1), Fmt.num(op.evalRate(), 1),
                    Fmt.duration(op.wallTimeSeconds())));
        }
        chart(train.svg(), "Training examples per second on " + analysis.results().suite().backend() + " ("
                + analysis.results().suite().device() + ").");
        chart(eval.svg(), "Evaluation examples per second (all augmented views and supervision steps).");
        blocks.add(new Block.Table(List.of("operator", "train ex/s", "eval ex/s", "wall time (all runs)"), rows,
                List.of(false, true, true, true)));
    }

    private void heading(int level, String text, String anchor) {
        blocks.add(new Block.Heading(level, text, anchor));
    }

    private void paragraph(String text) {
        blocks.add(new Block.Paragraph(text));
    }

    /** A line chart, or a note when no series has a point (an empty chart would have no axes to draw). */
    private void chart(LineChart chart, String caption) {
        if (chart.isEmpty()) {
            paragraph("No data for this chart: " + caption);
        } else {
            chart(chart.svg(), caption);
        }
    }

    private void chart(String svg, String caption) {
        blocks.add(new Block.Chart(svg, caption));
    }

    private static String anchor(String text) {
        return "task-" + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** At most {@code max} values, evenly spaced over the list, first and last included. */
    static <T> List<T> evenlySpaced(List<T> values, int max) {
        if (values.size() <= max) {
            return values;
        }
        List<T> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            out.add(values.get((int) Math.round(i * (values.size() - 1) / (double) (max - 1))));
        }
        return out;
    }
}
