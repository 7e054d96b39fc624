package io.recurbench.scaffold;

import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.api.task.Task;
import io.recurbench.engine.backend.Backend;
import io.recurbench.engine.backend.Executable;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.optim.Optimizer;
import io.recurbench.engine.optim.OptimizerGraph;
import io.recurbench.engine.train.TrainStep;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongToDoubleFunction;

/**
 * TRM's training loop in Java around one compiled train-step graph ({@link TrmTrainGraph}), as
 * {@code pretrain.py}'s {@code train_batch} with the ACT carry of {@code trm.py}: each step refills
 * halted slots from the task's stream ({@link ActCarry}), runs forward + backward + optimizer
 * update for the batch, applies sign-SGD to the batch's puzzle-embedding rows, updates the EMA of
 * the weights, decides halting, and reports {@link StepMetrics}. The learning rate (linear warm-up,
 * then constant) and the update index are fed as graph inputs, so the schedule needs no recompile.
 *
 * <p>Checkpoints ({@link Checkpoint}) hold everything the next step depends on — parameters,
 * optimizer state, EMA, puzzle table, ACT carry, data position, RNG state and step — so
 * {@link #resume} continues bit-identically. They are written every {@code checkpointEvery} steps
 * and, while {@link #train} runs, from a shutdown hook on SIGINT/SIGTERM. A non-finite loss or
 * gradient stops training with a {@link TrainingDivergedException} before any state changes.
 */
public final class Trainer implements AutoCloseable {
    private static final String PARAM = "param/";
    private static final String EMA = "ema/";

    /**
     * @param checkpointFile  where checkpoints go, or {@code null} for none
     * @param checkpointEvery steps between checkpoints (0 = only on shutdown)
     * @param sink            per-step metrics
     * @param progress        progress lines, or {@code null}
     * @param progressEvery   steps between progress lines
     * @param learningRate    learning rate by 1-based step; {@code null} = the config's schedule
     */
    public record Options(Path checkpointFile, int checkpointEvery, MetricsSink sink, PrintStream progress,
                          int progressEvery, LongToDoubleFunction learningRate) {
        public Options {
            sink = sink == null ? MetricsSink.none() : sink;
            progressEvery = Math.max(1, progressEvery);
        }

        /** No checkpoints, no output. */
        public static Options quiet() {
            return new Options(null, 0, null, null, 1, null);
        }
    }

    private final TrmModel model;
    private final String operatorName;
    private final Task task;
    private final Options options;
    private final Executable step;
    private final Optimizer optimizer;
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Set<String> trained = new LinkedHashSet<>();
    private final Object lock = new Object();

    // ---- state (everything a checkpoint holds) ---------------------------------------------------
    private long stepCount;
    private long divergedAt;
    private Map<String, float[]> params = new LinkedHashMap<>();
    private Map<String, float[]> optState = new LinkedHashMap<>();
    private final Map<String, float[]> ema = new LinkedHashMap<>();
    private float[] puzzleTable;
    private SplitMix64 rng;
    private ExampleStream stream;
    private final ActCarry carry;

    private Trainer(TrmModel model, String operatorName, Task task, Backend backend, Options options) {
        this.model = model;
        this.operatorName = operatorName;
        this.task = task;
        this.options = Objects.requireNonNull(options, "options");
        if (task.sequenceLength() != model.answerLength() || task.vocabularySize() != model.vocabularySize()) {
            throw new IllegalArgumentException("task '" + task.name() + "' has " + task.sequenceLength() + " tokens of "
                    + task.vocabularySize() + " kinds; the model was built for " + model.answerLength() + " of "
                    + model.vocabularySize());
        }
        this.optimizer = TrmTrainGraph.optimizer(model.config());
        this.step = backend.compile(TrmTrainGraph.compose(model, optimizer));
        for (ParameterSpec p : model.parameters()) {
            shapes.put(p.name(), p.shape());
            if (TrmModel.trainable(p.name())) {
                trained.add(p.name());
            }
        }
        this.carry = new ActCarry(model.batchSize(), model.answerLength(), model.stateShape());
    }

    /** A trainer at step 0: parameters from the config's seed, zero optimizer state, EMA = parameters. */
    public static Trainer start(TrmModel model, String operatorName, Task task, Backend backend, Options options) {
        Trainer t = new Trainer(model, operatorName, task, backend, options);
        TrmConfig c = model.config();
        model.initialParameters(c.seed()).forEach((name, v) -> t.params.put(name, v.f32()));
        Map<String, Shape> trainedShapes = new LinkedHashMap<>();
        t.trained.forEach(n -> trainedShapes.put(n, t.shapes.get(n)));
        OptimizerGraph.initialState(t.optimizer, trainedShapes).forEach((name, v) -> t.optState.put(name, v.f32()));
        t.trained.forEach(n -> t.ema.put(n, t.params.get(n).clone()));
        t.puzzleTable = new float[task.puzzleIdentifierCount() * model.puzzleRowWidth()];
        t.rng = new SplitMix64(c.seed() * 0x632BE59BD9B4E019L + 1);
        t.stream = ExampleStream.start(task, c.batchSize(), c.seed());
        return t;
    }

    /** A trainer continuing from a checkpoint written by a trainer of the same model and task. */
    public static Trainer resume(TrmModel model, String operatorName, Task task, Backend backend, Options options,
            Path checkpointFile) {
        Trainer t = new Trainer(model, operatorName, task, backend, options);
        Checkpoint c = Checkpoint.read(checkpointFile);
        t.stepCount = c.longs("step")[0];
        t.rng = new SplitMix64(c.longs("rng")[0]);
        long[] position = c.longs("data_position");
        t.stream = ExampleStream.at(task, model.config().batchSize(), model.config().seed(),
                new ExampleStream.Position(position[0], (int) position[1]));
        for (var e : t.shapes.entrySet()) {
            t.params.put(e.getKey(), sized(c, PARAM + e.getKey(), e.getValue(), checkpointFile));
        }
        for (String n : t.trained) {
            t.ema.put(n, sized(c, EMA + n, t.shapes.get(n), checkpointFile));
            for (String slot : t.optimizer.stateSlots()) {
                String name = OptimizerGraph.stateName(slot, n);
                t.optState.put(name, sized(c, name, t.shapes.get(n), checkpointFile));
            }
        }
        t.puzzleTable = c.floats(TrmNames.PUZZLE_TABLE);
        t.carry.load(c);
        return t;
    }

    private static float[] sized(Checkpoint c, String name, Shape shape, Path file) {
        float[] v = c.floats(name);
        if (v.length != shape.intSize()) {
            throw new IllegalArgumentException("checkpoint " + file + ": '" + name + "' has " + v.length
                    + " values, the model expects shape " + shape);
        }
        return v;
    }

    // ---- the loop ------------------------------------------------------------------------------

    /**
     * Trains until {@link #step()} reaches {@code totalSteps}, checkpointing as configured; on
     * SIGINT/SIGTERM the shutdown hook writes a checkpoint of the last completed step.
     */
    public void train(long totalSteps) {
        train(totalSteps, Long.MAX_VALUE);
    }

    /** As {@link #train(long)}, stopping early (after a whole step) once {@link System#nanoTime()} passes {@code deadlineNanos}. */
    public void train(long totalSteps, long deadlineNanos) {
        Thread hook = null;
        if (options.checkpointFile() != null) {
            hook = new Thread(() -> {
                synchronized (lock) {
                    if (divergedAt == 0) {
                        checkpoint().write(options.checkpointFile());
                    }
                }
            }, "trm-checkpoint-on-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            while (stepCount < totalSteps && System.nanoTime() < deadlineNanos) {
                StepMetrics m = step();
                if (options.progress() != null && (m.step() % options.progressEvery() == 0 || m.step() == totalSteps)) {
                    options.progress().printf("step %d  lr %.2e  loss %.4f  halted %d  cell %.3f  exact %.3f  steps %.2f  %.0f samples/s%n",
                            m.step(), m.lr(), m.loss(), m.halted(), m.cellAccuracy(), m.exactAccuracy(), m.meanSteps(),
                            m.samplesPerSecond());
                }
                if (options.checkpointFile() != null && options.checkpointEvery() > 0
                        && stepCount % options.checkpointEvery() == 0) {
                    writeCheckpoint();
                }
            }
        } finally {
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The JVM is already shutting down: the hook runs and writes the checkpoint.
                }
            }
        }
    }

    /** Writes a checkpoint of the current state to the configured file. */
    public void writeCheckpoint() {
        synchronized (lock) {
            checkpoint().write(Objects.requireNonNull(options.checkpointFile(), "no checkpoint file configured"));
        }
    }

    /**
     * Runs one training step and commits its result. If the step diverges it throws
     * {@link TrainingDivergedException}, commits nothing, and the trainer refuses further steps
     * and checkpoints (its slots were already refilled): resume from the last checkpoint instead.
     */
    public StepMetrics step() {
        // One lock for the whole step, so that the shutdown hook's checkpoint never sees a half-done step.
        synchronized (lock) {
            if (divergedAt > 0) {
                throw new IllegalStateException("training diverged at step " + divergedAt
                        + "; resume from the last checkpoint");
            }
            try {
                return runStep();
            } catch (TrainingDivergedException e) {
                divergedAt = e.step();
                throw e;
            }
        }
    }

    private StepMetrics runStep() {
        long started = System.nanoTime();
        long next = stepCount + 1;
        TrmConfig c = model.config();
        carry.refill(stream::next);
        double lr = options.learningRate() != null ? options.learningRate().applyAsDouble(next) : c.learningRate(next);

        Map<String, HostTensor> feeds = new LinkedHashMap<>();
        params.forEach((name, v) -> feeds.put(name, HostTensor.of(shapes.get(name), v)));
        optState.forEach((name, v) -> feeds.put(name, HostTensor.of(shapes.get(parameterOf(name)), v)));
        feeds.put(TrmNames.INPUTS, carry.inputs());
        feeds.put(TrmNames.LABELS, carry.labels());
        if (model.puzzleRowWidth() > 0) {
            feeds.put(TrmNames.PUZZLE_ROWS, HostTensor.of(Shape.of(model.batchSize(), model.puzzleRowWidth()), gatherRows()));
        }
        feeds.put(TrmNames.CARRY_Y, HostTensor.of(model.stateShape(), carry.y()));
        feeds.put(TrmNames.CARRY_Z, HostTensor.of(model.stateShape(), carry.z()));
        feeds.put(TrmNames.RESET, carry.resetMask());
        feeds.put(OptimizerGraph.LR_INPUT, HostTensor.of(Shape.scalar(), (float) lr));
        feeds.put(OptimizerGraph.STEP_INPUT, HostTensor.ofInts(Shape.scalar(), Math.toIntExact(next)));
        Map<String, HostTensor> out = step.run(feeds);

        checkFinite(next, out);
        for (String n : trained) {
            params.put(n, out.get(OptimizerGraph.newName(n)).f32());
            for (String slot : optimizer.stateSlots()) {
                String s = OptimizerGraph.stateName(slot, n);
                optState.put(s, out.get(OptimizerGraph.newName(s)).f32());
            }
            updateEma(ema.get(n), params.get(n), (float) c.emaRate());
        }
        if (model.puzzleRowWidth() > 0) {
            // The puzzle rows follow the same schedule, scaled to their own peak rate (TRM: puzzle_emb_lr).
            signSgd(out.get(TrmNames.PUZZLE_ROWS_GRAD).f32(), c.puzzleEmbLr() * lr / c.lr(), c.puzzleEmbWeightDecay());
        }
        boolean[] halted = carry.advance(out.get(TrmNames.NEXT_Y).f32(), out.get(TrmNames.NEXT_Z).f32(),
                out.get(TrmNames.HALT_LOGIT).f32(), true, c.haltMaxSteps(), c.haltExplorationProb(), rng);
        StepMetrics metrics = metrics(next, lr, out, halted, started);
        stepCount = next;
        options.sink().step(metrics);
        return metrics;
    }

    /** TRM's metrics of {@code ACTLossHead}: accuracies and steps over the examples that halted at this step. */
    private StepMetrics metrics(long next, double lr, Map<String, HostTensor> out, boolean[] halted, long started) {
        float[] correct = out.get(TrmNames.CORRECT_CELLS).f32();
        float[] labelled = out.get(TrmNames.LABELLED_CELLS).f32();
        float[] exact = out.get(TrmNames.EXACT).f32();
        float[] lm = out.get(TrmNames.LM_LOSS).f32();
        float[] hl = out.get(TrmNames.HALT_LOSS).f32();
        int b = model.batchSize();
        int counted = 0;
        double cells = 0;
        double exactSum = 0;
        double steps = 0;
        double lmSum = 0;
        double haltSum = 0;
        for (int i = 0; i < b; i++) {
            lmSum += lm[i];
            haltSum += hl[i];
            if (halted[i] && labelled[i] > 0) {
                counted++;
                cells += correct[i] / labelled[i];
                exactSum += exact[i];
                steps += carry.steps(i);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new StepMetrics(next, lr, out.get(TrmNames.LOSS).item(), lmSum / b, haltSum / b,
                out.get(TrainStep.GRAD_NORM_OUTPUT).item(), counted, (double) counted / b,
                counted == 0 ? Double.NaN : cells / counted, counted == 0 ? Double.NaN : exactSum / counted,
                counted == 0 ? Double.NaN : steps / counted, b / seconds);
    }

    private static String parameterOf(String stateName) {
        // opt/<slot>/<param>: neither slots nor parameter names contain '/'.
        int second = stateName.indexOf('/', stateName.indexOf('/') + 1);
        return stateName.substring(second + 1);
    }

    private void checkFinite(long next, Map<String, HostTensor> out) {
        float loss = out.get(TrmNames.LOSS).item();
        float gradNorm = out.get(TrainStep.GRAD_NORM_OUTPUT).item();
        if (Float.isFinite(loss) && Float.isFinite(gradNorm)) {
            return;
        }
        String tensor = Float.isFinite(loss) ? TrainStep.GRAD_NORM_OUTPUT : TrmNames.LOSS;
        if (!Float.isFinite(gradNorm)) {
            for (String n : trained) {
                if (!allFinite(out.get(OptimizerGraph.newName(n)).f32())) {
                    tensor = n;
                    break;
                }
            }
        }
        throw new TrainingDivergedException(next, tensor, operatorName, "loss " + loss + ", gradient norm " + gradNorm);
    }

    private static boolean allFinite(float[] v) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** TRM's {@code EMAHelper}: {@code shadow = (1 − μ)·p + μ·shadow}. */
    private static void updateEma(float[] shadow, float[] p, float mu) {
        for (int i = 0; i < p.length; i++) {
            shadow[i] = (1f - mu) * p[i] + mu * shadow[i];
        }
    }

    private float[] gatherRows() {
        int w = model.puzzleRowWidth();
        float[] rows = new float[model.batchSize() * w];
        for (int b = 0; b < model.batchSize(); b++) {
            System.arraycopy(puzzleTable, carry.example(b).puzzleId() * w, rows, b * w, w);
        }
        return rows;
    }

    /**
     * TRM's {@code _sparse_emb_signsgd_dist}: gradients of rows with the same identifier are summed;
     * each distinct row in the batch becomes {@code p·(1 − lr·wd) − lr·sign(g)}; other rows are untouched.
     */
    private void signSgd(float[] rowGrads, double lr, double weightDecay) {
        int w = model.puzzleRowWidth();
        Map<Integer, float[]> summed = new LinkedHashMap<>();
        for (int b = 0; b < model.batchSize(); b++) {
            float[] g = summed.computeIfAbsent(carry.example(b).puzzleId(), k -> new float[w]);
            for (int k = 0; k < w; k++) {
                g[k] += rowGrads[b * w + k];
            }
        }
        float decay = (float) (1 - lr * weightDecay);
        float step = (float) lr;
        summed.forEach((id, g) -> {
            int base = id * w;
            for (int k = 0; k < w; k++) {
                puzzleTable[base + k] = puzzleTable[base + k] * decay - step * Math.signum(g[k]);
            }
        });
    }

    // ---- state access --------------------------------------------------------------------------

    /** The checkpoint of the current state (not available after a divergence: its slots were refilled). */
    public Checkpoint checkpoint() {
        if (divergedAt > 0) {
            throw new IllegalStateException("training diverged at step " + divergedAt
                    + ": no consistent state to checkpoint; the last checkpoint on disk is the last good one");
        }
        Checkpoint.Builder b = new Checkpoint.Builder();
        b.longs("step", stepCount).longs("rng", rng.state());
        ExampleStream.Position p = stream.position();
        b.longs("data_position", p.batchesDrawn(), p.usedOfLast());
        params.forEach((n, v) -> b.floats(PARAM + n, v));
        ema.forEach((n, v) -> b.floats(EMA + n, v));
        optState.forEach(b::floats);
        b.floats(TrmNames.PUZZLE_TABLE, puzzleTable);
        carry.save(b);
        return b.build();
    }

    /** Number of completed steps. */
    public long stepCount() {
        return stepCount;
    }

    /** Current parameters by name (not copies). */
    public Map<String, float[]> parameters() {
        return java.util.Collections.unmodifiableMap(params);
    }

    /** Parameters for evaluation: the EMA of the trained ones, the fixed buffers as they are. */
    public Map<String, float[]> emaParameters() {
        Map<String, float[]> out = new LinkedHashMap<>(params);
        out.putAll(ema);
        return out;
    }

    /** The puzzle-embedding table {@code [ids · ndim]} (not a copy). */
    public float[] puzzleTable() {
        return puzzleTable;
    }

    public TrmModel model() {
        return model;
    }

    public Task task() {
        return task;
    }

    /** The ACT carry (read access for tests and diagnostics). */
    public ActCarry carry() {
        return carry;
    }

    /** Whether the checkpoint file exists. */
    public boolean hasCheckpoint() {
        return options.checkpointFile() != null && Files.exists(options.checkpointFile());
    }

    @Override
    public void close() {
        step.close();
    }
}
