package io.recurbench.harness.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A comparison suite, fully resolved and validated: what {@code recurbench compare} runs. Built by
 * {@link ConfigLoader} from YAML (a file or a preset); {@link ConfigWriter} writes it back as the
 * canonical YAML whose hash identifies the suite. See {@code docs/harness.md} for the YAML keys.
 *
 * @param name        the suite's name (the preset name or the file's stem unless {@code name:} is set)
 * @param description one human line
 * @param task        which task and its options
 * @param operators   the operators to compare, in order (the first is the reference of ratios)
 * @param budget      the parameter budget every operator is held to
 * @param scaffold    the TRM scaffold preset and overrides
 * @param backend     {@code cpu}, {@code tvm-llvm} or {@code tvm-cuda}
 * @param seeds       distinct seeds; every operator runs once per seed
 * @param training    how long and how each run trains
 * @param evaluation  what the evaluation measures
 * @param output      the directory under which run directories are created
 */
public record SuiteConfig(String name, String description, TaskSpec task, List<OperatorSpec> operators,
                          BudgetSpec budget, ScaffoldSpec scaffold, String backend, List<Long> seeds,
                          TrainingSpec training, EvalSpec evaluation, Path output) {

  public SuiteConfig {
    operators = List.copyOf(operators);
    seeds = List.copyOf(seeds);
  }

  /** A copy writing under another output directory. */
  public SuiteConfig withOutput(Path newOutput) {
    return new SuiteConfig(name, description, task, operators, budget, scaffold, backend, seeds, training, evaluation,
        newOutput);
  }

  /** A copy with another task spec (e.g. options set on the command line). */
  public SuiteConfig withTask(TaskSpec newTask) {
    return new SuiteConfig(name, description, newTask, operators, budget, scaffold, backend, seeds, training, evaluation,
        output);
  }

  /**
   * The task and its options (strings, as {@link io.recurbench.api.task.TaskFactory#create} takes them).
   *
   * @param name    the task factory's name, e.g. {@code sudoku}
   * @param options option name to value
   */
  public record TaskSpec(String name, Map<String, String> options) {
    public TaskSpec {
      options = Map.copyOf(options);
    }
  }

  /**
   * One operator of the comparison.
   *
   * @param name  the operator plugin's name
   * @param hyper hyper-parameters as written (validated against the plugin's spec when it loads)
   * @param solve the parity knob to solve for the budget, or {@code null} to use the plugin's first
   *              knob only when the count is outside the tolerance
   */
  public record OperatorSpec(String name, Map<String, Object> hyper, String solve) {
    public OperatorSpec {
      hyper = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hyper));
    }
  }

  /**
   * The parameter budget (operator + scaffold, embeddings and heads included).
   *
   * @param parameters the target count, or {@code null}: the first operator's count as configured
   * @param tolerance  allowed relative deviation (0.005 = ±0.5%)
   */
  public record BudgetSpec(Long parameters, double tolerance) {}

  /**
   * The scaffold: a named preset of the scaffold module plus overrides of its fields.
   *
   * @param preset    preset name, e.g. {@code cpu-tiny}
   * @param overrides field name (as the preset file spells it) to value
   */
  public record ScaffoldSpec(String preset, Map<String, Object> overrides) {
    public ScaffoldSpec {
      overrides = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(overrides));
    }
  }

  /**
   * How each run trains.
   *
   * @param steps           optimizer steps (resolved from {@code epochs} when that was given)
   * @param epochs          epochs as written, or {@code null} when {@code steps} was given
   * @param batchSize       examples per step, or {@code null} for the scaffold preset's batch size
   * @param logEvery        steps between learning-curve points (and metrics.jsonl lines)
   * @param checkpointEvery steps between checkpoints (0 = only at the end and on interruption)
   * @param timeoutSeconds  wall-time limit of one run (training + evaluation); exceeding it fails the run
   */
  public record TrainingSpec(Long steps, Double epochs, Integer batchSize, int logEvery, int checkpointEvery,
                             long timeoutSeconds) {}

  /**
   * What evaluation measures.
   *
   * @param batchSize     examples per evaluation batch
   * @param augmentations augmented views per evaluation example that are voted (tasks that vote, ARC);
   *                      {@code null} keeps the task's default
   * @param k             the K of pass@K to report (tasks that vote)
   * @param depthFactors  multiples of the trained recursion depth to evaluate at (1 = as trained;
   *                      2 = twice as many supervision steps and latent cycles): depth extrapolation
   * @param maxExamples   evaluate at most this many examples, or {@code null} for all
   */
  public record EvalSpec(int batchSize, Integer augmentations, List<Integer> k, List<Integer> depthFactors,
                         Integer maxExamples) {
    public EvalSpec {
      k = List.copyOf(k);
      depthFactors = List.copyOf(depthFactors);
    }

    /** The largest depth factor: how far beyond the trained depth evaluation goes. */
    public int maxDepthFactor() {
      return depthFactors.stream().mapToInt(Integer::intValue).max().orElse(1);
    }
  }
}
