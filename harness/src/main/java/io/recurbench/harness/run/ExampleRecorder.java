package io.recurbench.harness.run;

import io.recurbench.api.task.Batch;
import io.recurbench.api.task.Scorer;
import io.recurbench.api.task.Task;
import io.recurbench.api.task.TaskScore;
import io.recurbench.reports.model.PerExample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A view of a task whose scorers also record, per evaluation example, whether every labelled token
 * was predicted right — the per-example outcome paired tests need and {@link TaskScore} does not
 * carry. It can also cap evaluation at a number of examples ({@code evaluation.max-examples}).
 * Everything else is the task's own.
 */
public final class ExampleRecorder implements Task {
  private final Task task;
  private final Integer maxExamples;
  private final List<String> ids = new ArrayList<>();
  private final List<Boolean> exact = new ArrayList<>();

  /** @param maxExamples evaluate at most this many examples, or {@code null} for all */
  public ExampleRecorder(Task task, Integer maxExamples) {
    this.task = task;
    this.maxExamples = maxExamples;
  }

  /** Clears what the previous evaluation recorded (call before each evaluation pass). */
  public void reset() {
    ids.clear();
    exact.clear();
  }

  /** The recorded outcomes as {@code exact} per example, in evaluation order. */
  public PerExample exactOutcomes() {
    boolean[] bits = new boolean[exact.size()];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = exact.get(i);
    }
    return PerExample.of("exact", List.copyOf(ids), bits);
  }

  @Override
  public String name() {
    return task.name();
  }

  @Override
  public int vocabularySize() {
    return task.vocabularySize();
  }

  @Override
  public int sequenceLength() {
    return task.sequenceLength();
  }

  @Override
  public int puzzleIdentifierCount() {
    return task.puzzleIdentifierCount();
  }

  @Override
  public long trainingExampleCount() {
    return task.trainingExampleCount();
  }

  @Override
  public Iterator<Batch> trainingBatches(int batchSize, long seed) {
    return task.trainingBatches(batchSize, seed);
  }

  @Override
  public Iterator<Batch> evaluationBatches(int batchSize) {
    Iterator<Batch> inner = task.evaluationBatches(batchSize);
    if (maxExamples == null) {
      return inner;
    }
    return new Iterator<>() {
      private long given;

      @Override
      public boolean hasNext() {
        return given < maxExamples && inner.hasNext();
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Batch b = inner.next();
        int keep = (int) Math.min(b.size(), maxExamples - given);
        given += keep;
        return keep == b.size() ? b : truncate(b, keep);
      }
    };
  }

  private static Batch truncate(Batch b, int n) {
    int s = b.sequenceLength();
    return new Batch(n, s, java.util.Arrays.copyOf(b.inputs(), n * s), java.util.Arrays.copyOf(b.labels(), n * s),
        java.util.Arrays.copyOf(b.puzzleIds(), n), java.util.Arrays.copyOf(b.exampleIds(), n));
  }

  @Override
  public Scorer newScorer() {
    Scorer inner = task.newScorer();
    return new Scorer() {
      @Override
      public void add(Batch batch, int[] predictedTokens, float[] confidence) {
        inner.add(batch, predictedTokens, confidence);
        int s = batch.sequenceLength();
        for (int i = 0; i < batch.size(); i++) {
          boolean all = true;
          for (int k = i * s; k < (i + 1) * s; k++) {
            int label = batch.labels()[k];
            if (label != Batch.IGNORE && predictedTokens[k] != label) {
              all = false;
              break;
            }
          }
          ids.add(Long.toString(batch.exampleIds()[i]));
          exact.add(all);
        }
      }

      @Override
      public TaskScore result() {
        return inner.result();
      }

      @Override
      public List<Path> writeArtifacts(Path directory) throws IOException {
        return inner.writeArtifacts(directory);
      }
    };
  }
}
