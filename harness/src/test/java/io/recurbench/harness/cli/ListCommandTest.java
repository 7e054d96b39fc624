package io.recurbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import io.recurbench.harness.CliRun;
import io.recurbench.harness.CopyInputScaffold;
import io.recurbench.harness.TestApp;
import io.recurbench.harness.WrongShapePlugin;
import io.recurbench.harness.config.ConfigLoader;
import io.recurbench.harness.config.Presets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListCommandTest {
  static final String SUITE = """
      name: dims
      task: {name: sudoku, options: {box: 2x2, train-puzzles: 20, eval-puzzles: 10}}
      operators: [transformer]
      scaffold: {preset: test-tiny, overrides: {hidden_size: 32}}
      training: {steps: 1}
      """;

  static Injector app;

  @TempDir
  static Path tmp;

  @BeforeAll
  static void wire() throws Exception {
    app = TestApp.with(new CopyInputScaffold(), TestApp.withOperatorPlugins(tmp.resolve("cp"),
        List.of(WrongShapePlugin.class)));
    Files.writeString(tmp.resolve("dims.yaml"), SUITE);
  }

  @Test
  void operatorsShowVersionSourceAndExactCountsAtTheSuiteDimensions() {
    CliRun run = CliRun.with(app, "list", "operators", tmp.resolve("dims.yaml").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    // Scaffold of the test double: 2·V·D + 2·D + 2 with V = 11 (Sudoku tokens), D = 32.
    assertThat(run.out()).contains("operator + scaffold 770").contains("D=32, S=16");
    assertThat(run.out()).containsPattern("transformer\\s+0\\.1\\.0\\s+classpath\\s+[0-9,]+")
        .containsPattern("mamba2-hybrid\\s+\\S+\\s+classpath")
        .containsPattern("mlp-mixer\\s+\\S+\\s+classpath");
    // wrong-shape loads (its defect shows when it is traced), so it is listed with the reason it cannot be counted.
    assertThat(run.out()).contains("wrong-shape      0.0.1      classpath    does not build: operator 'wrong-shape'"
        + " returned shape [512] for hidden [1, 16, 32]");
  }

  @Test
  void operatorsTheSuiteNamesAreCountedWithItsHyperParameters() throws Exception {
    // The same dimensions, once naming mlp-mixer with a SwiGLU width and once not (the plugin's defaults).
    Files.writeString(tmp.resolve("hyper.yaml"), SUITE.replace("operators: [transformer]",
        "operators:\n  - name: transformer\n  - name: mlp-mixer\n    hyper: {mlp_intermediate: 24}"));
    CliRun written = CliRun.with(app, "list", "operators", tmp.resolve("hyper.yaml").toString());
    CliRun defaults = CliRun.with(app, "list", "operators", tmp.resolve("dims.yaml").toString());
    assertThat(written.exitCode()).as(written.err()).isZero();
    assertThat(defaults.exitCode()).as(defaults.err()).isZero();
    Pattern row = Pattern.compile("mlp-mixer\\s+\\S+\\s+classpath\\s+([0-9,]+)\\s+(.*)");
    Matcher w = row.matcher(written.out());
    Matcher d = row.matcher(defaults.out());
    assertThat(w.find()).as(written.out()).isTrue();
    assertThat(d.find()).as(defaults.out()).isTrue();
    assertThat(w.group(2)).startsWith("[suite hyper {mlp_intermediate=24}]");
    assertThat(d.group(2)).doesNotContain("suite hyper");
    // A narrower SwiGLU (24 instead of the default width) has fewer parameters.
    assertThat(Long.parseLong(w.group(1).replace(",", ""))).isLessThan(Long.parseLong(d.group(1).replace(",", "")));
  }

  @Test
  void operatorsSizedToABudgetSayHowEachMetIt() {
    CliRun run = CliRun.with(app, "list", "operators", tmp.resolve("dims.yaml").toString(), "--budget", "40k");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("budget 40,000 ±0.50%");
    assertThat(run.out()).containsPattern("transformer\\s+0\\.1\\.0\\s+[0-9,]+\\s+[+-]0\\.[0-9]+%\\s+transformer: "
        + "mlp_intermediate = \\d+ gives");
    assertThat(run.out()).containsPattern("wrong-shape .*refused: ");
  }

  @Test
  void presetsAreListedAndEveryPresetParses() {
    CliRun run = CliRun.with(app, "list", "presets");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Presets.names()).contains("quick");
    assertThat(run.out()).contains("quick").contains("scaffold presets").contains(CopyInputScaffold.PRESET);
  }

  @Test
  void tasksAndBackendsAreListed() {
    CliRun tasks = CliRun.with(app, "list", "tasks");
    assertThat(tasks.out()).contains("sudoku").contains("arc-agi-1").contains("train-puzzles");
    CliRun backends = CliRun.with(app, "list", "backends");
    assertThat(backends.out()).containsPattern("cpu\\s+ready").contains("tvm-llvm").contains("tvm-cuda");
    CliRun bad = CliRun.with(app, "list", "gizmos");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).isEqualTo("recurbench: list: unknown 'gizmos'; expected operators, tasks, backends or presets\n");
  }

  @Test
  void aBadConfigIsOneLineWithTheKeyPath() throws Exception {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, SUITE.replace("operators: [transformer]",
        "operators:\n  - name: transformer\n  - name: mlp-mixer\n    hyper: {layers: x}"));
    CliRun run = CliRun.with(app, "compare", bad.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("recurbench: " + bad + ": operators[1].hyper.layers: expected an int in [1, 64],"
        + " got \"x\"\n");
    assertThat(app.getInstance(ConfigLoader.class)).isNotNull();
  }
}
