package io.recurbench.reports.analysis;

import io.recurbench.reports.SyntheticResults;
import io.recurbench.reports.model.CurvePoint;
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
import io.recurbench.reports.stats.McNemar;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SuiteAnalysisTest {
    private static final SuiteAnalysis FIXTURE = SuiteAnalysis.of(SyntheticResults.build());

    @Test
    void tasksAndOperatorsFollowFileOrder() {
        assertThat(FIXTURE.tasks()).extracting(TaskAnalysis::task).containsExactly(SyntheticResults.SUDOKU, SyntheticResults.ARC);
        TaskAnalysis sudoku = FIXTURE.tasks().getFirst();
        assertThat(sudoku.family()).isEqualTo("sudoku");
        assertThat(sudoku.primaryMetric()).isEqualTo("exact");
        assertThat(sudoku.operators()).extracting(OperatorAnalysis::name)
                .containsExactly("transformer", "mamba2-hybrid", "mlp-mixer", "wide-lstm");
        assertThat(sudoku.withResults()).hasSize(3);
        assertThat(FIXTURE.tasks().get(1).primaryMetric()).isEqualTo("pass@2");
    }

    @Test
    void headlineNumbersAgreeWithTheRunsMetrics() {
        Results results = SyntheticResults.build();
        for (TaskAnalysis task : FIXTURE.tasks()) {
            for (OperatorAnalysis op : task.withResults()) {
                List<Run> runs = results.runs().stream()
                        .filter(r -> r.task().equals(task.task()) && r.operator().equals(op.name()) && r.status().succeeded())
                        .toList();
                double meanRate = runs.stream().mapToDouble(r -> (double) r.examples().correctCount() / r.examples().ids().size())
                        .average().orElseThrow();
                assertThat(op.accuracy().point()).isCloseTo(meanRate, within(1e-12));
                assertThat(op.accuracy().ci().contains(op.accuracy().point())).isTrue();
                assertThat(op.correct()).isEqualTo(runs.stream().mapToLong(r -> r.examples().correctCount()).sum());
                assertThat(op.wilson().contains((double) op.correct() / op.examples())).isTrue();
                if (task.family().equals("sudoku")) {
                    assertThat(op.cellAccuracy()).isCloseTo(runs.stream()
                            .mapToDouble(r -> ((SudokuMetrics) r.metrics()).cellAccuracy()).average().orElseThrow(), within(1e-12));
                } else {
                    assertThat(op.passAtK()).extracting(OperatorAnalysis.KRate::k).containsExactly(1, 2, 5, 10);
                }
            }
        }
    }

    @Test
    void failedRunsAreExcludedAndPairsUseCommonSeeds() {
        TaskAnalysis arc = FIXTURE.tasks().get(1);
        OperatorAnalysis mlp = arc.operators().get(2);
        assertThat(mlp.ok()).hasSize(2);
        assertThat(mlp.failed()).singleElement().satisfies(r -> assertThat(r.status().reason()).contains("NaN"));
        assertThat(arc.pairs()).extracting(p -> p.a() + "/" + p.b() + "/" + p.seeds())
                .containsExactly("transformer/mamba2-hybrid/3", "transformer/mlp-mixer/2", "mamba2-hybrid/mlp-mixer/2");
        for (PairAnalysis p : arc.pairs()) {
            assertThat(p.holmP()).isGreaterThanOrEqualTo(p.comparison().pValue());
        }
    }

    @Test
    void fixtureOperatorWithStaticIsFlaggedOthersAreNot() {
        for (TaskAnalysis task : FIXTURE.tasks()) {
            for (OperatorAnalysis op : task.withResults()) {
                boolean expected = op.name().equals("mlp-mixer");
                assertThat(op.supervisionStatic().detected()).as(op.name()).isEqualTo(expected);
                assertThat(op.latentStatic().detected()).as(op.name()).isEqualTo(expected);
            }
        }
    }

    @Test
    void pairsAlignExamplesByIdNotByPosition() {
        // B lists the same three examples in another order; aligned by id, A and B agree everywhere.
        Results results = Results.of(suite(), List.of(entry("a"), entry("b")), List.of(
                run("a", List.of("p1", "p2", "p3"), "110"),
                run("b", List.of("p3", "p1", "p2"), "011")));
        PairAnalysis pair = SuiteAnalysis.of(results).tasks().getFirst().pairs().getFirst();
        assertThat(pair.comparison().discordant()).isEqualTo(new McNemar.Discordant(0, 0));
        assertThat(pair.comparison().difference().point()).isEqualTo(0.0);
        assertThat(pair.verdict()).isEqualTo("no resolved difference");
    }

    @Test
    void aClearDifferenceGetsAVerdict() {
        // 40 examples: a right on all, b on none → McNemar p = 2⁻³⁹, CI of the difference = [1, 1]
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add("p" + i);
        }
        Results results = Results.of(suite(), List.of(entry("a"), entry("b")),
                List.of(run("a", ids, "1".repeat(40)), run("b", ids, "0".repeat(40))));
        PairAnalysis pair = SuiteAnalysis.of(results).tasks().getFirst().pairs().getFirst();
        assertThat(pair.comparison().pValue()).isCloseTo(Math.pow(2, -39), within(1e-20));
        assertThat(pair.verdict()).isEqualTo("a better");
    }

    private static Suite suite() {
        return new Suite("t", "h", "g", "jdk", "os", "cpu", "dev", null, List.of(1L), 0.005, 1.0);
    }

    private static OperatorEntry entry(String name) {
        return OperatorEntry.measured(name, "sudoku-4x4", "p", "1", 100, 100, Status.ok());
    }

    private static Run run(String op, List<String> ids, String correct) {
        long solved = correct.chars().filter(c -> c == '1').count();
        List<DepthPoint> series = List.of(new DepthPoint(1, 0.5, 1.0, 0.0));
        return Run.ok(op, "sudoku-4x4", 1, SudokuMetrics.of(ids.size(), solved, ids.size() * 4L, solved * 4),
                new PerExample("exact", ids, correct), List.of(new CurvePoint(0, 1.0, 0.0)),
                new DepthMetrics(1, series, 1, series, List.of((long) ids.size())), new Throughput(1, 1), 1.0);
    }
}
