package io.recurbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import io.recurbench.harness.CliRun;
import io.recurbench.harness.TestApp;
import io.recurbench.reports.model.Results;
import io.recurbench.reports.model.ResultsIo;
import io.recurbench.reports.model.Run;
import io.recurbench.reports.model.SudokuMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} end to end on the real scaffold (TRM trainer, CPU backend) at toy size: 4×4
 * Sudoku, D = 16, two operators, a few steps. Checks the run directory, the results against the
 * reports' own validation, that {@code eval} of a run's checkpoint reproduces its recorded metrics,
 * and that a stopped suite resumes from the trainer's checkpoint.
 */
class ScaffoldCompareTest {
  static final String SUITE = """
      name: toy
      task: {name: sudoku, options: {box: 2x2, train-puzzles: 16, augmentations: 1, eval-puzzles: 8}}
      operators:
        - name: transformer
          hyper: {layers: 1}
        - name: mlp-mixer
          hyper: {layers: 1}
          solve: mlp_intermediate
      budget: {tolerance: 3%}
      scaffold:
        preset: cpu-tiny
        overrides: {hidden_size: 16, puzzle_emb_ndim: 16, H_cycles: 1, L_cycles: 1, halt_max_steps: 2}
      seeds: [0]
      training: {steps: 4, batch-size: 4, log-every: 1}
      evaluation: {batch-size: 8, depth-factors: [1, 2]}
      """;

  static Injector app;

  @TempDir
  Path tmp;

  @BeforeAll
  static void wire() {
    app = TestApp.with(new TrmScaffoldRuntime());
  }

  private Path suite() throws Exception {
    Path file = tmp.resolve("toy.yaml");
    Files.writeString(file, SUITE);
    return file;
  }

  @Test
  void comparesTwoOperatorsAndEvalReproducesTheRecordedMetrics() throws Exception {
    Path out = tmp.resolve("run");
    CliRun run = CliRun.with(app, "compare", suite().toString(), "--out", out.toString(), "--progress", "log");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Results results = ResultsIo.read(out.resolve("results.json"));
    assertThat(results.operators()).allMatch(o -> o.status().succeeded());
    assertThat(Math.abs(results.operators().get(1).budgetDelta())).isLessThanOrEqualTo(0.03);
    assertThat(results.runs()).hasSize(2).allMatch(r -> r.status().succeeded());
    for (Run r : results.runs()) {
      assertThat(r.learningCurve()).extracting(p -> p.step()).containsExactly(1L, 2L, 3L, 4L);
      assertThat(r.depth().supervisionSteps()).hasSize(4);
      assertThat(r.depth().latentCycles()).hasSize(2);
      SudokuMetrics m = (SudokuMetrics) r.metrics();
      assertThat(m.puzzles()).isEqualTo(8);
      // The depth series at the trained depth is the same evaluation as the headline metric.
      assertThat(r.depth().supervisionSteps().get(1).accuracy()).isEqualTo(m.exactAccuracy());
      assertThat(r.throughput().trainExamplesPerSecond()).isPositive();
    }
    assertThat(out.resolve("report.html")).content().contains("<svg").contains("transformer").contains("mlp-mixer");
    assertThat(out.resolve("runs/transformer/seed-0/checkpoint/" + TrmScaffoldRuntime.CHECKPOINT)).isNotEmptyFile();

    Run recorded = results.runs().getFirst();
    SudokuMetrics m = (SudokuMetrics) recorded.metrics();
    CliRun eval = CliRun.with(app, "eval", out.toString(), "--operator", "transformer");
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    assertThat(eval.out()).contains(String.format(Locale.ROOT, "transformer seed 0: exact %.4f (%d/%d), cell %.4f (%d/%d)",
        m.exactAccuracy(), m.puzzlesCorrect(), m.puzzles(), m.cellAccuracy(), m.cellsCorrect(), m.cells()));
    assertThat(eval.out()).contains("<- trained depth");
  }

  @Test
  void aStoppedSuiteResumesFromTheTrainerCheckpoint() throws Exception {
    Path out = tmp.resolve("run");
    CliRun first = CliRun.with(app, "compare", suite().toString(), "--out", out.toString(), "--progress", "log",
        "--stop-after", "2");
    assertThat(first.exitCode()).as(first.err()).isEqualTo(130);
    assertThat(out.resolve("runs/transformer/seed-0/checkpoint/" + TrmScaffoldRuntime.CHECKPOINT)).isNotEmptyFile();
    assertThat(out.resolve("runs/transformer/seed-0/metrics.jsonl")).content().hasLineCount(2);

    CliRun second = CliRun.with(app, "compare", "--resume", out.toString(), "--progress", "log");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.err()).contains("transformer seed 0: resuming at step 2");
    Results results = ResultsIo.read(out.resolve("results.json"));
    assertThat(results.runs()).hasSize(2).allMatch(r -> r.status().succeeded());
    assertThat(results.runs().getFirst().learningCurve()).extracting(p -> p.step()).containsExactly(1L, 2L, 3L, 4L);
  }
}
