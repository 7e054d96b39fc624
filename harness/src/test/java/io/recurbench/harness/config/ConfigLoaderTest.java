package io.recurbench.harness.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.harness.CopyInputScaffold;
import io.recurbench.harness.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  static final String VALID = """
      task: {name: sudoku, options: {box: 2x2, train-puzzles: 20, eval-puzzles: 10}}
      operators:
        - name: transformer
        - name: mlp-mixer
          hyper: {layers: 2}
      scaffold: {preset: test-tiny}
      training: {steps: 4}
      """;

  static ConfigLoader loader;

  @TempDir
  Path tmp;

  @BeforeAll
  static void wire() {
    loader = TestApp.with(new CopyInputScaffold()).getInstance(ConfigLoader.class);
  }

  @Test
  void minimalConfigTakesDocumentedDefaults() {
    SuiteConfig c = loader.parse(VALID, "t.yaml", "t");
    assertThat(c.name()).isEqualTo("t");
    assertThat(c.backend()).isEqualTo("cpu");
    assertThat(c.seeds()).containsExactly(0L);
    assertThat(c.budget().parameters()).isNull();
    assertThat(c.budget().tolerance()).isEqualTo(0.005);
    assertThat(c.training().steps()).isEqualTo(4);
    assertThat(c.training().logEvery()).isEqualTo(10);
    assertThat(c.training().timeoutSeconds()).isEqualTo(3600);
    assertThat(c.evaluation().depthFactors()).containsExactly(1, 2);
    assertThat(c.evaluation().k()).containsExactly(1, 2);
    assertThat(c.output()).isEqualTo(Path.of("runs"));
    assertThat(c.task().options()).containsEntry("box", "2x2").containsEntry("train-puzzles", "20");
    assertThat(c.operators().get(1).hyper()).isEqualTo(Map.of("layers", 2));
  }

  @Test
  void everyKeyMapsAndTheCanonicalYamlReadsBackEqual() {
    String full = """
        name: full
        description: every key
        task: {name: sudoku, options: {box: 2x2}}
        operators:
          - name: transformer
            hyper: {layers: 1, rope: false}
            solve: mlp_intermediate
          - mlp-mixer
        budget: {parameters: 12.5k, tolerance: 1%}
        scaffold: {preset: test-tiny, overrides: {hidden_size: 32}}
        backend: tvm-llvm
        seeds: [3, 1]
        training: {epochs: 0.5, batch-size: 8, log-every: 2, checkpoint-every: 5, timeout-seconds: 60}
        evaluation: {batch-size: 16, augmentations: 4, k: [10, 1], depth-factors: [4, 1], max-examples: 7}
        output: out/dir
        """;
    SuiteConfig c = loader.parse(full, "full.yaml", "ignored");
    assertThat(c.name()).isEqualTo("full");
    assertThat(c.description()).isEqualTo("every key");
    assertThat(c.operators().getFirst().hyper()).isEqualTo(Map.of("layers", 1, "rope", false));
    assertThat(c.operators().getFirst().solve()).isEqualTo("mlp_intermediate");
    assertThat(c.operators().get(1).name()).isEqualTo("mlp-mixer");
    assertThat(c.budget().parameters()).isEqualTo(12_500L);
    assertThat(c.budget().tolerance()).isEqualTo(0.01);
    assertThat(c.scaffold().overrides()).isEqualTo(Map.of("hidden_size", 32));
    assertThat(c.backend()).isEqualTo("tvm-llvm");
    assertThat(c.seeds()).containsExactly(3L, 1L);
    assertThat(c.training()).isEqualTo(new SuiteConfig.TrainingSpec(null, 0.5, 8, 2, 5, 60));
    assertThat(c.evaluation()).isEqualTo(new SuiteConfig.EvalSpec(16, 4, List.of(1, 10), List.of(1, 4), 7));
    assertThat(c.output()).isEqualTo(Path.of("out/dir"));

    String canonical = ConfigWriter.toYaml(c);
    assertThat(loader.parse(canonical, "canonical", "x")).isEqualTo(c);
    assertThat(ConfigWriter.hash(loader.parse(canonical, "canonical", "x"))).isEqualTo(ConfigWriter.hash(c))
        .startsWith("sha256:");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown root key          | seed: 1                                 | t.yaml: seed: unknown key; known keys here: name, description, task, operators, budget, scaffold, backend, seeds, training, evaluation, output
      bad backend               | backend: gpu                            | t.yaml: backend: unknown backend "gpu"; known: cpu, tvm-llvm, tvm-cuda
      duplicate seed            | seeds: [1, 1]                           | t.yaml: seeds[1]: seed 1 is listed twice; seeds must be distinct
      negative seed             | seeds: [-2]                             | t.yaml: seeds[0]: expected an integer in [0, ∞], got -2
      bad tolerance             | budget: {tolerance: 5 percent}          | t.yaml: budget.tolerance: expected a fraction like 0.005 or a percentage like 0.5%, got "5 percent"
      bad budget                | budget: {parameters: lots}              | t.yaml: budget.parameters: expected a count like 20000, 6.83M or 850k, got "lots"
      depth factors without 1   | evaluation: {depth-factors: [2, 3]}     | t.yaml: evaluation.depth-factors: expected the list to contain 1 (the trained depth), got [2, 3]
      unknown evaluation key    | evaluation: {depth: 2}                  | t.yaml: evaluation.depth: unknown key; known keys here: batch-size, augmentations, k, depth-factors, max-examples
      """)
  void extraKeyErrorsNameTheKeyPath(String what, String extra, String message) {
    assertThatThrownBy(() -> loader.parse(VALID + extra, "t.yaml", "t")).isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void badHyperParameterNamesOperatorIndexAndKey() {
    String yaml = VALID.replace("hyper: {layers: 2}", "hyper: {layers: \"x\"}");
    assertThatThrownBy(() -> loader.parse(yaml, "config.yaml", "c"))
        .hasMessage("config.yaml: operators[1].hyper.layers: expected an int in [1, 64], got \"x\"");
  }

  @Test
  void unknownHyperParameterListsTheKnownOnes() {
    String yaml = VALID.replace("hyper: {layers: 2}", "hyper: {expansion: 2}");
    assertThatThrownBy(() -> loader.parse(yaml, "c.yaml", "c")).hasMessage(
        "c.yaml: operators[1].hyper.expansion: unknown hyper-parameter of operator 'mlp-mixer'; known: layers,"
            + " mlp_intermediate, seq_intermediate");
  }

  @Test
  void unknownOperatorListsTheKnownOnes() {
    String yaml = VALID.replace("- name: transformer", "- name: transfomer");
    assertThatThrownBy(() -> loader.parse(yaml, "c.yaml", "c")).hasMessageStartingWith(
        "c.yaml: operators[0].name: unknown operator \"transfomer\"; known: ").hasMessageContaining("transformer");
  }

  @Test
  void solvingANonKnobIsRefused() {
    String yaml = VALID.replace("hyper: {layers: 2}", "solve: rope_base");
    assertThatThrownBy(() -> loader.parse(yaml, "c.yaml", "c")).hasMessage(
        "c.yaml: operators[1].solve: 'rope_base' is not a parity knob of operator 'mlp-mixer'; knobs: mlp_intermediate,"
            + " seq_intermediate, layers");
  }

  @Test
  void unknownTaskOptionAndBadStepsAndScaffoldOverride() {
    assertThatThrownBy(() -> loader.parse(VALID.replace("box: 2x2", "boxx: 2x2"), "c.yaml", "c"))
        .hasMessageStartingWith("c.yaml: task.options.boxx: unknown option of task 'sudoku'; known options: source, box,");
    assertThatThrownBy(() -> loader.parse(VALID.replace("steps: 4", "steps: -3"), "c.yaml", "c"))
        .hasMessage("c.yaml: training.steps: expected an integer in [1, 100000000], got -3");
    assertThatThrownBy(() -> loader.parse(VALID.replace("steps: 4", "steps: 4, epochs: 1"), "c.yaml", "c"))
        .hasMessage("c.yaml: training: expected exactly one of steps and epochs");
    assertThatThrownBy(() -> loader.parse(VALID.replace("{preset: test-tiny}",
        "{preset: test-tiny, overrides: {hidden_size: 3}}"), "c.yaml", "c"))
        .hasMessage("c.yaml: scaffold.overrides.hidden_size: expected an integer in [8, 512], got 3");
    assertThatThrownBy(() -> loader.parse(VALID.replace("{preset: test-tiny}", "{preset: huge}"), "c.yaml", "c"))
        .hasMessage("c.yaml: scaffold.preset: unknown scaffold preset \"huge\"; known: test-tiny, cpu-tiny");
  }

  @Test
  void missingSectionsAndBrokenYamlAreOneLine() {
    assertThatThrownBy(() -> loader.parse("operators: [transformer]\nscaffold: {preset: test-tiny}\ntraining: {steps: 1}\n",
        "c.yaml", "c")).hasMessage("c.yaml: task: required; e.g. task: {name: sudoku, options: {box: 2x2}}");
    assertThatThrownBy(() -> loader.parse("task: {name: sudoku\noperators: [", "c.yaml", "c"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("c.yaml: line ").hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> loader.parse("", "c.yaml", "c"))
        .hasMessage("c.yaml: the file is empty; expected a mapping with at least task and operators");
    assertThatThrownBy(() -> loader.parse(VALID + "operators: [mlp-mixer]\n", "c.yaml", "c"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("Duplicate field 'operators'");
  }

  @Test
  void loadNamesTheFileAndUsesItsStem() throws Exception {
    Path file = tmp.resolve("my-suite.yaml");
    Files.writeString(file, VALID);
    assertThat(loader.load(file).name()).isEqualTo("my-suite");
    Files.writeString(file, VALID + "backend: 7\n");
    assertThatThrownBy(() -> loader.load(file)).hasMessage(file + ": backend: unknown backend 7; known: cpu, tvm-llvm,"
        + " tvm-cuda");
    assertThatThrownBy(() -> loader.load(tmp.resolve("none.yaml"))).hasMessageStartingWith(
        tmp.resolve("none.yaml") + ": cannot read (NoSuchFileException");
  }
}
