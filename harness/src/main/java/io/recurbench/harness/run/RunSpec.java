package io.recurbench.harness.run;

import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.api.task.Task;
import io.recurbench.engine.backend.Backend;
import io.recurbench.harness.config.SuiteConfig.EvalSpec;
import io.recurbench.harness.config.SuiteConfig.ScaffoldSpec;

/**
 * Everything one run (operator × task × seed) needs.
 *
 * @param operator        the operator's name
 * @param plugin          its plugin
 * @param hyper           its hyper-parameters, sized to the budget
 * @param task            the task (shared by the runs of a suite; read-only)
 * @param scaffold        the scaffold preset and overrides
 * @param backend         the backend that compiles and runs the graphs
 * @param seed            the run's seed (initialisation, data order, halting exploration)
 * @param steps           optimizer steps to train
 * @param batchSize       examples per step
 * @param logEvery        steps between learning-curve points
 * @param checkpointEvery steps between checkpoints (0 = only at the end or when stopping)
 * @param evaluation      evaluation settings
 */
public record RunSpec(String operator, OperatorPlugin plugin, HyperParameters hyper, Task task, ScaffoldSpec scaffold,
                      Backend backend, long seed, long steps, int batchSize, int logEvery, int checkpointEvery,
                      EvalSpec evaluation) {}
