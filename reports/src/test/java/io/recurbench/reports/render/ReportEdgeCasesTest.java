package io.recurbench.reports.render;

import io.recurbench.reports.ReportRenderer;
import io.recurbench.reports.model.DepthMetrics;
import io.recurbench.reports.model.DepthPoint;
import io.recurbench.reports.model.OperatorEntry;
import io.recurbench.reports.model.PerExample;
import io.recurbench.reports.model.Results;
import io.recurbench.reports.model.Run;
import io.recurbench.reports.model.Status;
import io.recurbench.reports.model.SudokuMetrics;
import io.recurbench.reports.model.Suite;
import io.recurbench.reports.model.Throughput;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Suites with little in them still render, and say what is missing instead of drawing nothing. */
class ReportEdgeCasesTest {
    private static final Suite SUITE = new Suite("edge", "h", "g", "jdk", "os", "cpu", "dev", "0.21.0", List.of(7L), 0.005, 3.0);

    @Test
    void suiteWhereEveryRunFailedOrWasRefused() {
        Results results = Results.of(SUITE, List.of(
                OperatorEntry.measured("a", "sudoku-4x4", "p", "1", 100, 100, Status.ok()),
                new OperatorEntry("b", "sudoku-4x4", "q", "2", null, 100, null, Status.refused("no such class"))),
                List.of(Run.failed("a", "sudoku-4x4", 7, "out of memory", List.of(), 1.0)));
        String md = ReportRenderer.markdown(results);
        assertThat(md).contains("No run of this task finished", "Fewer than two operators have results",
                "`a` on `sudoku-4x4`, seed 7: failed after 1.0 s — out of memory", "refused — no such class",
                "| a | 0/1 | — |", "| TVM | 0.21.0 |");
        assertThat(ReportRenderer.html(results)).doesNotContain("<svg");
    }

    @Test
    void singleOperatorWithoutLearningCurveGetsANoteInsteadOfAnEmptyChart() {
        List<DepthPoint> series = List.of(new DepthPoint(1, 0.5, 1.0, 0.0), new DepthPoint(2, 0.6, 0.9, 0.1));
        Run run = Run.ok("a", "sudoku-4x4", 7, SudokuMetrics.of(2, 1, 8, 5), new PerExample("exact", List.of("x", "y"), "10"),
                List.of(), new DepthMetrics(2, series, 1, series, List.of(1L, 1L)), new Throughput(10, 20), 2.0);
        Results results = Results.of(SUITE, List.of(OperatorEntry.measured("a", "sudoku-4x4", "p", "1", 100, 100, Status.ok())),
                List.of(run));
        String html = ReportRenderer.html(results);
        assertThat(html).contains("No data for this chart: Training loss against optimizer step.",
                "Fewer than two operators have results");
        // depth (3 supervision + 2 latent) and throughput (2) charts remain
        assertThat(html.split("<svg class=\"chart\"", -1)).hasSize(1 + 7);
        assertThat(ReportRenderer.markdown(results)).contains("None: every operator was accepted and every run finished.");
    }
}
