package io.recurbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.task.ExampleOutcome;
import io.recurbench.api.task.TaskScore;
import io.recurbench.reports.analysis.SuiteAnalysis;
import io.recurbench.reports.model.ArcMetrics;
import io.recurbench.reports.model.DepthMetrics;
import io.recurbench.reports.model.DepthPoint;
import io.recurbench.reports.model.OperatorEntry;
import io.recurbench.reports.model.PerExample;
import io.recurbench.reports.model.Results;
import io.recurbench.reports.model.ResultsIo;
import io.recurbench.reports.model.Run;
import io.recurbench.reports.model.Status;
import io.recurbench.reports.model.Suite;
import io.recurbench.reports.model.SudokuMetrics;
import io.recurbench.reports.model.Throughput;
import io.recurbench.reports.render.ReportFormats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Synthetic scorer output in, results-schema metrics out; no training. */
class TaskMetricsMapperTest {

  private static final String ARC = "arc-agi-1";

  /** Ranks of the truth for five test inputs, as an ARC scorer reports them. */
  private static TaskScore arcScore(int... ranks) {
    List<ExampleOutcome> outcomes = new ArrayList<>();
    String[] ids = {"a#0", "b#0", "b#1", "c#0", "d#0"};
    for (int i = 0; i < ranks.length; i++) {
      outcomes.add(new ExampleOutcome(ids[i], ranks[i]));
    }
    return new TaskScore(ARC, Map.of("pass@1", 0.0), Map.of("test_inputs", (long) ranks.length), outcomes);
  }

  @Test
  void arcOutcomesBecomePassAtKOverTestInputsForTheSuitesKs() {
    // Ranks 2, 1, 0, 2, 5: within 1 -> 1 input; within 2 -> 3; within 5 -> 4. Ks given unsorted with a duplicate.
    var mapped = TaskMetricsMapper.map(arcScore(2, 1, 0, 2, 5), List.of(5, 1, 2, 1), null);
    ArcMetrics m = (ArcMetrics) mapped.metrics();
    assertThat(m.testInputs()).isEqualTo(5);
    assertThat(m.passAtK()).containsExactly(new ArcMetrics.PassAtK(1, 1, 0.2), new ArcMetrics.PassAtK(2, 3, 0.6),
        new ArcMetrics.PassAtK(5, 4, 0.8));
    assertThat(mapped.examples()).isEqualTo(new PerExample("pass@2", List.of("a#0", "b#0", "b#1", "c#0", "d#0"), "11010"));
  }

  @Test
  void withoutKTwoThePerExampleVectorUsesTheSmallestK() {
    var mapped = TaskMetricsMapper.map(arcScore(2, 1, 0, 2, 5), List.of(10, 3), null);
    assertThat(mapped.examples().metric()).isEqualTo("pass@3");
    assertThat(mapped.examples().correct()).isEqualTo("11010");
    assertThat(((ArcMetrics) mapped.metrics()).solvedAt(10)).isEqualTo(4);
  }

  @Test
  void sudokuKeepsTheRecordedExactVectorAndAScoreWithoutOutcomesIsRefused() {
    PerExample recorded = new PerExample("exact", List.of("1", "2"), "10");
    var mapped = TaskMetricsMapper.map(new TaskScore("sudoku", Map.of(), Map.of("puzzles", 2L, "puzzles_solved", 1L,
        "blank_cells", 10L, "blank_cells_correct", 7L)), List.of(1, 2), recorded);
    assertThat(mapped.metrics()).isEqualTo(SudokuMetrics.of(2, 1, 10, 7));
    assertThat(mapped.examples()).isSameAs(recorded);
    assertThatThrownBy(() -> TaskMetricsMapper.map(new TaskScore("maze", Map.of(), Map.of("cells", 3L)), List.of(1), recorded))
        .hasMessageContaining("task 'maze'").hasMessageContaining("[cells]");
  }

  @Test
  void mappedArcRunsRoundTripThroughResultsJsonAndRenderAPassAtKSection() {
    List<Long> seeds = List.of(1L, 2L);
    Suite suite = new Suite("arc-mapper", "sha256:00", "0000000000000000000000000000000000000000", "jdk", "os", "cpu",
        "test", null, seeds, 0.005, 10.0);
    List<OperatorEntry> operators = new ArrayList<>();
    List<Run> runs = new ArrayList<>();
    int[][][] ranks = {{{1, 1, 0, 2, 3}, {1, 2, 0, 1, 0}}, {{0, 2, 0, 0, 1}, {2, 0, 0, 3, 0}}};
    String[] names = {"transformer", "mlp-mixer"};
    for (int o = 0; o < names.length; o++) {
      operators.add(OperatorEntry.measured(names[o], ARC, "plugin-" + names[o], "0.1.0", 1000, 1000, Status.ok()));
      for (int s = 0; s < seeds.size(); s++) {
        var mapped = TaskMetricsMapper.map(arcScore(ranks[o][s]), List.of(1, 2, 5), null);
        runs.add(Run.ok(names[o], ARC, seeds.get(s), mapped.metrics(), mapped.examples(), List.of(), depth(),
            new Throughput(100, 200), 1.0));
      }
    }
    Results results = Results.of(suite, operators, runs);
    String json = ResultsIo.toJson(results);
    Results back = ResultsIo.parse(json, "results.json");
    assertThat(back).isEqualTo(results);
    assertThat(ResultsIo.toJson(back)).isEqualTo(json);
    ReportFormats report = ReportFormats.of(SuiteAnalysis.of(back, 200, 7, io.recurbench.reports.analysis.CognitiveStatic.DEFAULT));
    assertThat(report.html()).contains("pass@K").contains("<svg");
    assertThat(report.markdown()).contains("pass@K").contains("pass@5");
  }

  @Test
  void evaluationAugmentationsBecomeTheTaskOptionWhenTheTaskDeclaresIt() {
    var arc = new io.recurbench.arc.ArcTaskFactory();
    var sudoku = new io.recurbench.sudoku.SudokuTaskFactory();
    assertThat(SuiteRunner.taskOptions(arc, suite(Map.of("data", "x"), 8))).containsExactlyInAnyOrderEntriesOf(
        Map.of("data", "x", "augmentations", "8"));
    assertThat(SuiteRunner.taskOptions(arc, suite(Map.of("data", "x"), null))).isEqualTo(Map.of("data", "x"));
    assertThat(SuiteRunner.taskOptions(sudoku, suite(Map.of(), 8))).isEmpty();
    assertThatThrownBy(() -> SuiteRunner.taskOptions(arc, suite(Map.of("augmentations", "3"), 8)))
        .hasMessage("evaluation.augmentations (8) conflicts with task option augmentations=3");
  }

  private static io.recurbench.harness.config.SuiteConfig suite(Map<String, String> options, Integer views) {
    return new io.recurbench.harness.config.SuiteConfig("s", "", new io.recurbench.harness.config.SuiteConfig.TaskSpec(
        "t", options), List.of(), null, null, "cpu", List.of(1L), null,
        new io.recurbench.harness.config.SuiteConfig.EvalSpec(8, views, List.of(1, 2), List.of(1), null), null);
  }

  private static DepthMetrics depth() {
    List<DepthPoint> points = List.of(new DepthPoint(1, 0.2, 1.0, 0.0), new DepthPoint(2, 0.2, 1.0, 0.0));
    return new DepthMetrics(1, points, 1, points, List.of(0L, 0L));
  }
}
