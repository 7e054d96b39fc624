package io.recurbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recurbench.harness.CliRun;
import io.recurbench.harness.CopyInputScaffold;
import io.recurbench.harness.TestApp;
import io.recurbench.harness.WrongShapePlugin;
import io.recurbench.harness.config.ConfigLoader;
import io.recurbench.harness.config.ConfigWriter;
import io.recurbench.reports.model.OperatorEntry;
import io.recurbench.reports.model.Results;
import io.recurbench.reports.model.ResultsIo;
import io.recurbench.reports.model.Run;
import io.recurbench.reports.model.SudokuMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestration of {@code compare} over a scaffold test double ({@link CopyInputScaffold}):
 * files of a run directory, refusals, failure isolation, stop and resume, re-rendering. Training
 * itself is exercised end to end in {@code QuickCompareTest} with the real scaffold.
 */
class CompareCommandTest {
  static final String SUITE = """
      name: orchestration
      task: {name: sudoku, options: {box: 2x2, train-puzzles: 20, augmentations: 1, eval-puzzles: 12}}
      operators:
        - name: transformer
        - name: mlp-mixer
          solve: mlp_intermediate
      budget: {tolerance: 5%}
      scaffold: {preset: test-tiny}
      seeds: [0, 1]
      training: {steps: 4, log-every: 1}
      evaluation: {batch-size: 5, depth-factors: [1, 2]}
      """;

  @TempDir
  Path tmp;

  private Path suite(String yaml) throws Exception {
    Path file = tmp.resolve("suite.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void writesTheRunDirectoryAndListsARefusedPlugin() throws Exception {
    ClassLoader withBadPlugin = TestApp.withOperatorPlugins(tmp.resolve("cp"), List.of(WrongShapePlugin.class));
    var app = TestApp.with(new CopyInputScaffold(), withBadPlugin);
    Path out = tmp.resolve("run");
    Path withBad = suite(SUITE.replace("solve: mlp_intermediate", "solve: mlp_intermediate\n  - name: wrong-shape"));
    CliRun run = CliRun.with(app, "compare", withBad.toString(), "--out", out.toString(), "--progress", "log");
    assertThat(run.exitCode()).as(run.err()).isZero();

    Results results = ResultsIo.read(out.resolve("results.json"));
    assertThat(results.operators()).extracting(OperatorEntry::operator)
        .containsExactly("transformer", "mlp-mixer", "wrong-shape");
    OperatorEntry refused = results.operators().get(2);
    assertThat(refused.status().succeeded()).isFalse();
    assertThat(refused.status().reason()).contains("a recursive operator must return F32 [B, S, D]");
    assertThat(results.operators().get(0).status().succeeded()).isTrue();
    assertThat(Math.abs(results.operators().get(1).budgetDelta())).isLessThanOrEqualTo(0.05);
    assertThat(results.runs()).extracting(r -> r.operator() + "/" + r.seed())
        .containsExactly("transformer/0", "transformer/1", "mlp-mixer/0", "mlp-mixer/1");
    for (Run r : results.runs()) {
      assertThat(r.status().succeeded()).isTrue();
      assertThat(r.learningCurve()).hasSize(4);
      SudokuMetrics m = (SudokuMetrics) r.metrics();
      assertThat(m.puzzles()).isEqualTo(12);
      // Copying the input leaves every blank wrong: no puzzle and no blank cell is right.
      assertThat(m.puzzlesCorrect()).isZero();
      assertThat(m.cellsCorrect()).isZero();
      assertThat(r.examples().ids()).hasSize(12);
    }
    assertThat(out.resolve("report.html")).isNotEmptyFile();
    assertThat(out.resolve("report.md")).content().contains("transformer").contains("wrong-shape");
    assertThat(out.resolve("runs/transformer/seed-1/metrics.jsonl")).content().hasLineCount(4);

    var manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    var config = app.getInstance(ConfigLoader.class).parse(Files.readString(out.resolve("config.yaml")), "c", "c");
    assertThat(manifest.get("configHash").asText()).isEqualTo(ConfigWriter.hash(config))
        .isEqualTo(results.suite().configHash());
    assertThat(manifest.get("backend").asText()).isEqualTo("cpu");
    assertThat(manifest.get("seeds").toString()).isEqualTo("[0,1]");
    assertThat(manifest.get("jdk").asText()).contains(System.getProperty("java.runtime.version"));
    assertThat(run.out()).contains("transformer").contains("mlp-mixer").contains("refused");
  }

  @Test
  void aFailingRunIsRecordedAndTheOthersProceed() throws Exception {
    var app = TestApp.with(new CopyInputScaffold("mlp-mixer", 3));
    Path out = tmp.resolve("run");
    CliRun run = CliRun.with(app, "compare", suite(SUITE).toString(), "--out", out.toString(), "--progress", "log");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Results results = ResultsIo.read(out.resolve("results.json"));
    Run failed = results.runs().stream().filter(r -> r.operator().equals("mlp-mixer")).findFirst().orElseThrow();
    assertThat(failed.status().succeeded()).isFalse();
    assertThat(failed.status().reason()).isEqualTo("loss became NaN at step 3");
    assertThat(failed.learningCurve()).extracting(p -> p.step()).containsExactly(1L, 2L);
    assertThat(results.runs().stream().filter(r -> r.operator().equals("transformer")))
        .allMatch(r -> r.status().succeeded());
    assertThat(run.out()).contains("seed 0 failed: loss became NaN at step 3");
  }

  @Test
  void aStoppedSuiteResumesFinishedRunsSkippedAndTheRestFromCheckpoints() throws Exception {
    CopyInputScaffold scaffold = new CopyInputScaffold();
    var app = TestApp.with(scaffold);
    Path out = tmp.resolve("run");
    CliRun first = CliRun.with(app, "compare", suite(SUITE).toString(), "--out", out.toString(), "--progress", "log",
        "--stop-after", "6");
    assertThat(first.exitCode()).as(first.err()).isEqualTo(130);
    assertThat(first.err()).contains("continue with: recurbench compare --resume " + out.toAbsolutePath());
    assertThat(out.resolve("results.json")).doesNotExist();
    assertThat(out.resolve("runs/transformer/seed-0/run.json")).exists();
    assertThat(out.resolve("runs/transformer/seed-1/checkpoint/step.txt")).content().isEqualTo("2");
    List<String> loggedBefore = Files.readAllLines(out.resolve("runs/transformer/seed-1/metrics.jsonl"));
    assertThat(loggedBefore).hasSize(2);

    CliRun second = CliRun.with(app, "compare", "--resume", out.toString(), "--progress", "log");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.err()).contains("transformer seed 0: finished before, skipped");
    // seed 1 ran steps 1-2, stopped, and resumed at 3: no step was trained twice.
    assertThat(scaffold.executed.get("transformer/1")).containsExactly(1L, 2L, 3L, 4L);
    assertThat(scaffold.executed.get("transformer/0")).containsExactly(1L, 2L, 3L, 4L);
    assertThat(scaffold.executed.get("mlp-mixer/0")).containsExactly(1L, 2L, 3L, 4L);
    Results results = ResultsIo.read(out.resolve("results.json"));
    assertThat(results.runs()).hasSize(4).allMatch(r -> r.status().succeeded());
    Run resumed = results.runs().get(1);
    assertThat(resumed.learningCurve()).extracting(p -> p.step()).containsExactly(1L, 2L, 3L, 4L);
    List<String> loggedAfter = Files.readAllLines(out.resolve("runs/transformer/seed-1/metrics.jsonl"));
    assertThat(loggedAfter).hasSize(4);
    assertThat(loggedAfter.subList(0, 2)).isEqualTo(loggedBefore);
  }

  @Test
  void reportReRendersByteIdentically() throws Exception {
    var app = TestApp.with(new CopyInputScaffold());
    Path out = tmp.resolve("run");
    assertThat(CliRun.with(app, "compare", suite(SUITE).toString(), "--out", out.toString(), "--progress", "log")
        .exitCode()).isZero();
    byte[] html = Files.readAllBytes(out.resolve("report.html"));
    byte[] md = Files.readAllBytes(out.resolve("report.md"));
    Path again = tmp.resolve("again");
    CliRun report = CliRun.with(app, "report", out.resolve("results.json").toString(), "--out", again.toString());
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(Files.readAllBytes(again.resolve("report.html"))).isEqualTo(html);
    assertThat(Files.readAllBytes(again.resolve("report.md"))).isEqualTo(md);
    assertThat(CliRun.with(app, "report", out.resolve("results.json").toString()).exitCode()).isZero();
    assertThat(Files.readAllBytes(out.resolve("report.html"))).isEqualTo(html);

    Files.writeString(tmp.resolve("bad.json"), "{\"schema\": \"other\"}");
    CliRun bad = CliRun.with(app, "report", tmp.resolve("bad.json").toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).startsWith("recurbench: " + tmp.resolve("bad.json")).hasLineCount(1);
  }

  @Test
  void trainRunsOneOperatorAndSeedAtTheSuitesBudget() throws Exception {
    var app = TestApp.with(new CopyInputScaffold());
    Path file = suite(SUITE.replace("budget: {tolerance: 5%}", "budget: {parameters: 40k, tolerance: 5%}"));
    Path out = tmp.resolve("one");
    CliRun run = CliRun.with(app, "train", file.toString(), "--operator", "mlp-mixer", "--seed", "1", "--out",
        out.toString(), "--progress", "log");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Results results = ResultsIo.read(out.resolve("results.json"));
    assertThat(results.operators()).extracting(OperatorEntry::operator).containsExactly("mlp-mixer");
    assertThat(results.operators().getFirst().budget()).isEqualTo(40_000);
    assertThat(results.runs()).extracting(Run::seed).containsExactly(1L);

    CliRun noBudget = CliRun.with(app, "train", suite(SUITE).toString(), "--operator", "mlp-mixer");
    assertThat(noBudget.exitCode()).isEqualTo(1);
    assertThat(noBudget.err()).contains("give budget.parameters");
  }
}
