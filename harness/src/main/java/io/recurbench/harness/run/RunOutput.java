package io.recurbench.harness.run;

import io.recurbench.reports.model.DepthMetrics;
import io.recurbench.reports.model.PerExample;
import io.recurbench.reports.model.TaskMetrics;

/**
 * What a finished run measured (the learning curve is collected by {@link RunContext}).
 *
 * @param metrics                final evaluation metrics at the trained depth
 * @param examples               per-example correctness at the trained depth
 * @param depth                  per-supervision-step and per-latent-cycle diagnostics, beyond the trained depth
 * @param evalExamplesPerSecond  evaluation throughput
 */
public record RunOutput(TaskMetrics metrics, PerExample examples, DepthMetrics depth, double evalExamplesPerSecond) {}
