package io.recurbench.harness.run;

import io.recurbench.reports.model.CurvePoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The harness side of one run while it trains: it keeps the learning curve and {@code metrics.jsonl},
 * drives the progress display, enforces the time limit and turns a non-finite loss into a failure,
 * and tells the trainer when to checkpoint and when to stop. One instance per run, used from the
 * run's thread only.
 */
public final class RunContext {

  /** What the trainer does after a step. */
  public enum StepAction {
    /** Go on. */
    CONTINUE,
    /** Save a checkpoint, then go on. */
    CHECKPOINT,
    /** Save a checkpoint, then throw {@link RunStopped}. */
    STOP
  }

  private final Path checkpointDir;
  private final MetricsLog metrics;
  private final ProgressSink progress;
  private final StopSignal stop;
  private final long deadlineNanos;
  private final int logEvery;
  private final int checkpointEvery;
  private final long totalSteps;
  private final List<CurvePoint> curve = new ArrayList<>();

  private long startStep;
  private long startNanos;
  private long examplesSinceStart;
  private double windowLoss;
  private double windowAccuracy;
  private long windowWeight;
  private int windowSteps;
  private long lastStep;
  private double trainSeconds;

  public RunContext(Path checkpointDir, MetricsLog metrics, ProgressSink progress, StopSignal stop,
                    long deadlineNanos, int logEvery, int checkpointEvery, long totalSteps) {
    this.checkpointDir = checkpointDir;
    this.metrics = metrics;
    this.progress = progress;
    this.stop = stop;
    this.deadlineNanos = deadlineNanos;
    this.logEvery = logEvery;
    this.checkpointEvery = checkpointEvery;
    this.totalSteps = totalSteps;
  }

  /** Where the trainer keeps its checkpoint (it resumes from it when present). */
  public Path checkpointDir() {
    return checkpointDir;
  }

  public long totalSteps() {
    return totalSteps;
  }

  /**
   * Training begins after {@code resumedStep} steps already done (0 for a fresh run): the curve logged
   * before is kept, later lines are dropped.
   */
  public void begin(long resumedStep, String label) {
    try {
      List<CurvePoint> kept = metrics.curveUpTo(resumedStep);
      metrics.keepUpTo(resumedStep);
      curve.clear();
      curve.addAll(kept);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite metrics.jsonl", e);
    }
    startStep = resumedStep;
    lastStep = resumedStep;
    startNanos = System.nanoTime();
    progress.start(label, resumedStep, totalSteps);
  }

  /**
   * Records optimizer step {@code step} (1-based).
   *
   * @param loss           the step's training loss
   * @param accuracy       the step's training accuracy over {@code accuracyWeight} examples (TRM counts
   *                       the examples that halted at this step); ignored when the weight is 0
   * @param accuracyWeight how many examples {@code accuracy} is over
   * @param examples       examples processed by the step (the batch size)
   * @throws RunFailure when the loss is not finite or the run's time is up
   */
  public StepAction step(long step, double loss, double accuracy, int accuracyWeight, int examples) {
    if (!Double.isFinite(loss)) {
      throw new RunFailure(String.format(Locale.ROOT, "loss became %s at step %d", loss, step));
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new RunFailure("time limit exceeded at step " + step);
    }
    lastStep = step;
    examplesSinceStart += examples;
    windowLoss += loss;
    if (accuracyWeight > 0 && Double.isFinite(accuracy)) {
      windowAccuracy += accuracy * accuracyWeight;
      windowWeight += accuracyWeight;
    }
    windowSteps++;
    if (step % logEvery == 0 || step == totalSteps) {
      double elapsed = (System.nanoTime() - startNanos) / 1e9;
      double rate = elapsed > 0 ? examplesSinceStart / elapsed : 0;
      // A window in which no example was scored (none halted) records accuracy 0.
      double accuracyMean = windowWeight > 0 ? windowAccuracy / windowWeight : 0;
      CurvePoint point = new CurvePoint(step, windowLoss / windowSteps, Math.max(0, Math.min(1, accuracyMean)));
      curve.add(point);
      try {
        metrics.append(step, point.loss(), point.accuracy(), rate, elapsed);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append to metrics.jsonl", e);
      }
      progress.update(step, point.loss(), point.accuracy(), rate);
      windowLoss = 0;
      windowAccuracy = 0;
      windowWeight = 0;
      windowSteps = 0;
    }
    boolean stopNow = stop.countStep() && step < totalSteps;
    if (stopNow) {
      return StepAction.STOP;
    }
    return checkpointEvery > 0 && step % checkpointEvery == 0 && step < totalSteps ? StepAction.CHECKPOINT
        : StepAction.CONTINUE;
  }

  /** Training is over (all steps done); evaluation follows. */
  public void trainingDone() {
    trainSeconds = (System.nanoTime() - startNanos) / 1e9;
    progress.phase("evaluating");
  }

  /** A phase without steps (compiling, evaluating at depth ×2, …). */
  public void phase(String what) {
    progress.phase(what);
  }

  /** Fails the run if its time is up (for long phases without steps, e.g. evaluation batches). */
  public void checkDeadline(String during) {
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new RunFailure("time limit exceeded during " + during);
    }
  }

  /** The learning curve so far. */
  public List<CurvePoint> curve() {
    return List.copyOf(curve);
  }

  /** Training examples per second in this process (0 when no step ran). */
  public double trainExamplesPerSecond() {
    double seconds = trainSeconds > 0 ? trainSeconds : (System.nanoTime() - startNanos) / 1e9;
    return seconds > 0 && examplesSinceStart > 0 ? examplesSinceStart / seconds : 0;
  }

  public long lastStep() {
    return lastStep;
  }

  public long startStep() {
    return startStep;
  }
}
