package io.recurbench.scaffold;

import io.recurbench.api.Shape;
import io.recurbench.api.operator.RecursiveOperator;
import io.recurbench.api.task.Batch;
import io.recurbench.api.task.Scorer;
import io.recurbench.api.task.Task;
import io.recurbench.engine.backend.Backend;
import io.recurbench.engine.backend.Executable;
import io.recurbench.engine.backend.HostTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a model over a task's evaluation set as TRM does ({@code pretrain.py} {@code evaluate}):
 * every example starts from the initial carry and runs all supervision steps (no early halting),
 * with the EMA weights. Records metrics after every supervision step and, on the last step, after
 * every latent cycle — accuracy, mean entropy of the answer distribution, state-norm drift
 * ‖y_t − y_{t−1}‖ — and the task's own score of the final predictions. Depth extrapolation is
 * the same evaluation with more supervision steps and/or more latent cycles than trained
 * ({@link #evaluate(Map, float[], int, int)}); the graph for another H is compiled on demand.
 */
public final class Evaluator implements AutoCloseable {
    private final TrmModel model;
    private final Task task;
    private final Backend backend;
    private final Map<Integer, Executable> byCycles = new LinkedHashMap<>();

    /**
     * @param config    the trained model's config
     * @param operator  its operator
     * @param task      the task whose evaluation set is used
     * @param backend   where the evaluation graphs run
     * @param batchSize examples per evaluation step (the last batch is padded)
     */
    public Evaluator(TrmConfig config, RecursiveOperator operator, Task task, Backend backend, int batchSize) {
        this.model = new TrmModel(config, operator, task.vocabularySize(), task.sequenceLength(), batchSize);
        this.task = task;
        this.backend = backend;
    }

    /** The evaluation at the trained depth: the config's halt_max_steps and H. */
    public EvalReport evaluate(Map<String, float[]> parameters, float[] puzzleTable) {
        return evaluate(parameters, puzzleTable, model.config().haltMaxSteps(), model.config().hCycles());
    }

    /** Evaluations at the trained depth and at {@code factors} × the supervision steps and × H. */
    public List<EvalReport> depthExtrapolation(Map<String, float[]> parameters, float[] puzzleTable, int... factors) {
        List<EvalReport> reports = new ArrayList<>();
        TrmConfig c = model.config();
        for (int f : factors) {
            reports.add(evaluate(parameters, puzzleTable, c.haltMaxSteps() * f, c.hCycles()));
            if (f != 1) {
                reports.add(evaluate(parameters, puzzleTable, c.haltMaxSteps(), c.hCycles() * f));
            }
        }
        return reports;
    }

    /** Runs {@code steps} supervision steps of {@code hCycles} latent cycles on every evaluation example. */
    public EvalReport evaluate(Map<String, float[]> parameters, float[] puzzleTable, int steps, int hCycles) {
        if (steps < 1) {
            throw new IllegalArgumentException("evaluation needs at least one supervision step, got " + steps);
        }
        Executable exe = byCycles.computeIfAbsent(hCycles, h -> backend.compile(model.evalStep(h)));
        int b = model.batchSize();
        int a = model.answerLength();
        double[][] stepSums = new double[steps][5];
        double[][] cycleSums = new double[hCycles][4];
        long examples = 0;
        Scorer scorer = task.newScorer();
        Iterator<Batch> batches = task.evaluationBatches(b);
        while (batches.hasNext()) {
            Batch batch = batches.next();
            int n = batch.size();
            Map<String, HostTensor> feeds = new LinkedHashMap<>();
            parameters.forEach((name, v) -> feeds.put(name, HostTensor.of(shapeOf(exe, name), v)));
            feeds.put(TrmNames.INPUTS, HostTensor.ofInts(Shape.of(b, a), padded(batch.inputs(), b * a, 0)));
            int[] labels = padded(batch.labels(), b * a, Batch.IGNORE);
            feeds.put(TrmNames.LABELS, HostTensor.ofInts(Shape.of(b, a), labels));
            if (model.puzzleRowWidth() > 0) {
                feeds.put(TrmNames.PUZZLE_ROWS, HostTensor.of(Shape.of(b, model.puzzleRowWidth()),
                        rows(puzzleTable, batch.puzzleIds(), b)));
            }
            float[] ones = new float[b];
            Arrays.fill(ones, 1f);
            feeds.put(TrmNames.RESET, HostTensor.of(Shape.of(b), ones));
            feeds.put(TrmNames.CARRY_Y, HostTensor.of(model.stateShape(), new float[model.stateShape().intSize()]));
            feeds.put(TrmNames.CARRY_Z, HostTensor.of(model.stateShape(), new float[model.stateShape().intSize()]));
            Map<String, HostTensor> out = null;
            for (int s = 0; s < steps; s++) {
                out = exe.run(feeds);
                float[] halt = out.get(TrmNames.HALT_LOGIT).f32();
                float[] entropy = out.get(TrmNames.cycleEntropy(hCycles - 1)).f32();
                accuracy(stepSums[s], out.get(TrmNames.PREDICTIONS).i32(), labels, n, a);
                for (int i = 0; i < n; i++) {
                    stepSums[s][2] += entropy[i];
                    stepSums[s][3] += halt[i] > 0 ? 1 : 0;
                    stepSums[s][4] += halt[i];
                }
                feeds.put(TrmNames.RESET, HostTensor.of(Shape.of(b), new float[b]));
                feeds.put(TrmNames.CARRY_Y, out.get(TrmNames.NEXT_Y));
                feeds.put(TrmNames.CARRY_Z, out.get(TrmNames.NEXT_Z));
            }
            for (int c = 0; c < hCycles; c++) {
                accuracy(cycleSums[c], out.get(TrmNames.cyclePredictions(c)).i32(), labels, n, a);
                float[] entropy = out.get(TrmNames.cycleEntropy(c)).f32();
                float[] drift = out.get(TrmNames.cycleDrift(c)).f32();
                for (int i = 0; i < n; i++) {
                    cycleSums[c][2] += entropy[i];
                    cycleSums[c][3] += drift[i];
                }
            }
            float[] halt = out.get(TrmNames.HALT_LOGIT).f32();
            float[] confidence = new float[n];
            for (int i = 0; i < n; i++) {
                confidence[i] = (float) (1 / (1 + Math.exp(-halt[i])));
            }
            scorer.add(batch, Arrays.copyOf(out.get(TrmNames.PREDICTIONS).i32(), n * a), confidence);
            examples += n;
        }
        List<EvalReport.StepResult> perStep = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            double[] t = stepSums[s];
            perStep.add(new EvalReport.StepResult(s + 1, t[0] / examples, t[1] / examples, t[2] / examples,
                    t[3] / examples, t[4] / examples));
        }
        List<EvalReport.CycleResult> cycles = new ArrayList<>();
        for (int c = 0; c < hCycles; c++) {
            double[] t = cycleSums[c];
            cycles.add(new EvalReport.CycleResult(c + 1, t[0] / examples, t[1] / examples, t[2] / examples,
                    t[3] / examples));
        }
        return new EvalReport(steps, hCycles, examples, perStep, cycles, scorer.result());
    }

    /** Adds, over the first {@code n} examples, the fraction of correct labelled cells (slot 0) and exactness (slot 1). */
    private static void accuracy(double[] sums, int[] predictions, int[] labels, int n, int a) {
        for (int i = 0; i < n; i++) {
            int correct = 0;
            int labelled = 0;
            for (int k = i * a; k < (i + 1) * a; k++) {
                if (labels[k] != Batch.IGNORE) {
                    labelled++;
                    correct += predictions[k] == labels[k] ? 1 : 0;
                }
            }
            sums[0] += labelled == 0 ? 1 : (double) correct / labelled;
            sums[1] += correct == labelled ? 1 : 0;
        }
    }

    private static Shape shapeOf(Executable exe, String parameter) {
        return exe.graph().parameters().stream().filter(p -> p.name().equals(parameter)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the evaluation graph has no parameter '" + parameter + "'"))
                .shape();
    }

    private static int[] padded(int[] values, int length, int fill) {
        int[] out = Arrays.copyOf(values, length);
        Arrays.fill(out, values.length, length, fill);
        return out;
    }

    private float[] rows(float[] table, int[] ids, int b) {
        int w = model.puzzleRowWidth();
        float[] rows = new float[b * w];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(table, ids[i] * w, rows, i * w, w);
        }
        return rows;
    }

    @Override
    public void close() {
        byCycles.values().forEach(Executable::close);
    }
}
