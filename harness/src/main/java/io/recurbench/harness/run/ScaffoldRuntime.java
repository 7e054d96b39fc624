package io.recurbench.harness.run;

import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.task.Task;
import io.recurbench.harness.config.SuiteConfig.ScaffoldSpec;
import java.util.List;

/**
 * The harness's boundary to the TRM scaffold: its presets, the model dimensions a task gives, the
 * parameters outside the operator, and training + evaluation of one run. The harness composes
 * suites around it (parity, isolation, resume, results) and never reaches into the scaffold's
 * internals; the implementation adapts the scaffold module's trainer and evaluator.
 */
public interface ScaffoldRuntime {

  /** Preset names a config may use ({@code scaffold.preset}). */
  List<String> presets();

  /**
   * Validates overrides of a preset's fields together; returns them normalised, or throws an
   * {@link io.recurbench.harness.config.OverrideException} naming the key and what was expected.
   */
  java.util.Map<String, Object> checkOverrides(String preset, java.util.Map<String, Object> overrides);

  /** The dimensions the operator is built for when the scaffold runs {@code task}. */
  ModelDims dims(ScaffoldSpec scaffold, Task task);

  /** Trained parameters outside the operator (embeddings, heads, …): the budget counts them too. */
  long scaffoldParameters(ScaffoldSpec scaffold, Task task);

  /** The batch size of the preset (used when the config does not set one). */
  int presetBatchSize(ScaffoldSpec scaffold);

  /**
   * Trains and evaluates one run. Implementations call {@link RunContext#step} after every
   * optimizer step, save a checkpoint into {@link RunContext#checkpointDir()} when it asks, resume
   * from that directory when it holds one, and report evaluation through the returned record.
   *
   * @throws RunStopped when {@link RunContext#step} asked to stop (after the checkpoint was written)
   */
  RunOutput execute(RunSpec spec, RunContext context) throws Exception;

  /**
   * Evaluates the checkpoint a run left in {@code checkpointDir} (its final one, or the last saved
   * before it stopped), as {@link #execute} evaluates at the end of training.
   */
  RunOutput evaluate(RunSpec spec, java.nio.file.Path checkpointDir) throws Exception;
}
