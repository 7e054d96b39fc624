package io.recurbench.harness.run;

import io.recurbench.api.Shape;
import io.recurbench.api.task.Batch;
import io.recurbench.api.task.Scorer;
import io.recurbench.engine.backend.Backend;
import io.recurbench.engine.backend.Executable;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.reports.model.DepthMetrics;
import io.recurbench.reports.model.DepthPoint;
import io.recurbench.scaffold.TrmConfig;
import io.recurbench.scaffold.TrmModel;
import io.recurbench.scaffold.TrmNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation of a trained model that the results schema records, on the scaffold's evaluation
 * graphs ({@link TrmModel#evalStep}). Every example runs every supervision step (no early halting):
 * <ul>
 *   <li>supervision steps 1 … N_sup·F with H latent cycles each: exact accuracy, mean answer entropy,
 *       relative change of the mean answer-state norm ‖y‖ from the previous step, and the step at which
 *       the Q-halt logit first turns positive (the halting histogram);</li>
 *   <li>latent cycles 1 … H·F of the last trained supervision step (step N_sup, from the carry after
 *       step N_sup − 1): the same metrics after each cycle, from the graph with that many cycles;</li>
 *   <li>at the trained depth (step N_sup, H cycles) the task's own scorer gives the metrics (and
 *       writes its result files into the run directory), and {@link ExampleRecorder} the per-example
 *       outcomes.</li>
 * </ul>
 * F is the largest depth factor of the suite: evaluation beyond the trained depth shows whether
 * extra recursion helps or collapses ("cognitive static").
 */
final class DepthProbe {
  private final TrmModel model;
  private final ExampleRecorder task;
  private final Backend backend;
  private final int factor;
  private final RunContext context;
  private final List<Integer> ks;

  /** @param context the run, for its time limit; {@code null} outside a run ({@code recurbench eval}) */
  DepthProbe(TrmModel model, ExampleRecorder task, Backend backend, int factor, List<Integer> ks, RunContext context) {
    this.ks = List.copyOf(ks);
    this.model = model;
    this.task = task;
    this.backend = backend;
    this.factor = factor;
    this.context = context;
  }

  /** Per-depth sums over examples. */
  private static final class Sums {
    double exact;
    double entropy;
    double norm;
  }

  RunOutput run(Map<String, float[]> parameters, float[] puzzleTable) {
    long started = System.nanoTime();
    TrmConfig c = model.config();
    int trainedSteps = c.haltMaxSteps();
    int trainedCycles = c.hCycles();
    int steps = trainedSteps * factor;
    int cycles = trainedCycles * factor;
    int b = model.batchSize();
    int a = model.answerLength();
    Sums[] stepSums = sums(steps);
    Sums[] cycleSums = sums(cycles);
    long[] firstHalt = new long[steps];
    long examples = 0;
    task.reset();
    Scorer scorer = task.newScorer();
    Map<Integer, Executable> byCycles = new LinkedHashMap<>();
    try {
      Executable stepExe = compiled(byCycles, trainedCycles);
      for (Iterator<Batch> it = task.evaluationBatches(b); it.hasNext(); ) {
        Batch batch = it.next();
        int n = batch.size();
        Map<String, HostTensor> feeds = baseFeeds(stepExe, parameters, puzzleTable, batch);
        int[] labels = feeds.get(TrmNames.LABELS).i32();
        boolean[] halted = new boolean[n];
        Map<String, HostTensor> beforeTrainedStep = null;
        for (int s = 0; s < steps; s++) {
          if (s == trainedSteps - 1) {
            beforeTrainedStep = new LinkedHashMap<>(feeds);
          }
          Map<String, HostTensor> out = stepExe.run(feeds);
          accumulate(stepSums[s], out, trainedCycles - 1, labels, n, a);
          float[] halt = out.get(TrmNames.HALT_LOGIT).f32();
          for (int i = 0; i < n; i++) {
            if (!halted[i] && halt[i] > 0) {
              halted[i] = true;
              firstHalt[s]++;
            }
          }
          if (s == trainedSteps - 1) {
            float[] confidence = new float[n];
            for (int i = 0; i < n; i++) {
              confidence[i] = (float) (1 / (1 + Math.exp(-halt[i])));
            }
            scorer.add(batch, Arrays.copyOf(out.get(TrmNames.PREDICTIONS).i32(), n * a), confidence);
          }
          feeds.put(TrmNames.RESET, HostTensor.of(Shape.of(b), new float[b]));
          feeds.put(TrmNames.CARRY_Y, out.get(TrmNames.NEXT_Y));
          feeds.put(TrmNames.CARRY_Z, out.get(TrmNames.NEXT_Z));
        }
        for (int k = 1; k <= cycles; k++) {
          Map<String, HostTensor> out = compiled(byCycles, k).run(beforeTrainedStep);
          accumulate(cycleSums[k - 1], out, k - 1, labels, n, a);
        }
        examples += n;
        if (context != null) {
          context.checkDeadline("evaluation");
        }
      }
    } finally {
      byCycles.values().forEach(Executable::close);
    }
    if (examples == 0) {
      throw new IllegalStateException("task '" + task.name() + "' has no evaluation examples");
    }
    DepthMetrics depth = new DepthMetrics(trainedSteps, points(stepSums, examples), trainedCycles,
        points(cycleSums, examples), Arrays.stream(firstHalt).boxed().toList());
    if (context != null) {
      // Task-specific result files (e.g. ARC's submission.json) go next to the run's checkpoint.
      try {
        scorer.writeArtifacts(context.checkpointDir().getParent());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot write the task's result files", e);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    TaskMetricsMapper.Mapped mapped = TaskMetricsMapper.map(scorer.result(), ks, task.exactOutcomes());
    return new RunOutput(mapped.metrics(), mapped.examples(), depth, examples / seconds);
  }

  private Executable compiled(Map<Integer, Executable> cache, int hCycles) {
    return cache.computeIfAbsent(hCycles, h -> backend.compile(model.evalStep(h)));
  }

  private Map<String, HostTensor> baseFeeds(Executable exe, Map<String, float[]> parameters, float[] table, Batch batch) {
    int b = model.batchSize();
    int a = model.answerLength();
    Map<String, HostTensor> feeds = new LinkedHashMap<>();
    for (var p : exe.graph().parameters()) {
      float[] v = parameters.get(p.name());
      if (v == null) {
        throw new IllegalArgumentException("no value for parameter '" + p.name() + "' in the trained state");
      }
      feeds.put(p.name(), HostTensor.of(p.shape(), v));
    }
    feeds.put(TrmNames.INPUTS, HostTensor.ofInts(Shape.of(b, a), padded(batch.inputs(), b * a, 0)));
    feeds.put(TrmNames.LABELS, HostTensor.ofInts(Shape.of(b, a), padded(batch.labels(), b * a, Batch.IGNORE)));
    int w = model.puzzleRowWidth();
    if (w > 0) {
      float[] rows = new float[b * w];
      for (int i = 0; i < batch.size(); i++) {
        System.arraycopy(table, batch.puzzleIds()[i] * w, rows, i * w, w);
      }
      feeds.put(TrmNames.PUZZLE_ROWS, HostTensor.of(Shape.of(b, w), rows));
    }
    float[] ones = new float[b];
    Arrays.fill(ones, 1f);
    feeds.put(TrmNames.RESET, HostTensor.of(Shape.of(b), ones));
    feeds.put(TrmNames.CARRY_Y, HostTensor.of(model.stateShape(), new float[model.stateShape().intSize()]));
    feeds.put(TrmNames.CARRY_Z, HostTensor.of(model.stateShape(), new float[model.stateShape().intSize()]));
    return feeds;
  }

  /** Adds, over the first {@code n} examples: exactness, entropy after cycle {@code cycle}, ‖y‖. */
  private void accumulate(Sums sums, Map<String, HostTensor> out, int cycle, int[] labels, int n, int a) {
    int[] predictions = out.get(TrmNames.cyclePredictions(cycle)).i32();
    float[] entropy = out.get(TrmNames.cycleEntropy(cycle)).f32();
    float[] y = out.get(TrmNames.NEXT_Y).f32();
    int per = y.length / model.batchSize();
    for (int i = 0; i < n; i++) {
      boolean all = true;
      for (int k = i * a; k < (i + 1) * a; k++) {
        if (labels[k] != Batch.IGNORE && predictions[k] != labels[k]) {
          all = false;
          break;
        }
      }
      sums.exact += all ? 1 : 0;
      sums.entropy += entropy[i];
      double sq = 0;
      for (int k = i * per; k < (i + 1) * per; k++) {
        sq += (double) y[k] * y[k];
      }
      sums.norm += Math.sqrt(sq);
    }
  }

  private static List<DepthPoint> points(Sums[] sums, long examples) {
    List<DepthPoint> out = new ArrayList<>();
    for (int d = 0; d < sums.length; d++) {
      double norm = sums[d].norm / examples;
      double previous = d == 0 ? norm : sums[d - 1].norm / examples;
      double drift = d == 0 || previous == 0 ? 0 : (norm - previous) / previous;
      out.add(new DepthPoint(d + 1, sums[d].exact / examples, Math.max(0, sums[d].entropy / examples), drift));
    }
    return out;
  }

  private static Sums[] sums(int n) {
    Sums[] s = new Sums[n];
    for (int i = 0; i < n; i++) {
      s[i] = new Sums();
    }
    return s;
  }

  private static int[] padded(int[] values, int length, int fill) {
    int[] out = Arrays.copyOf(values, length);
    Arrays.fill(out, values.length, length, fill);
    return out;
  }
}
