package io.recurbench.scaffold;

import io.recurbench.api.operator.RecursiveOperator;
import io.recurbench.api.task.Task;
import io.recurbench.api.task.TaskFactory;
import io.recurbench.engine.backend.Backend;
import io.recurbench.engine.cpu.CpuBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.IntStream;

/**
 * The long-run training command: trains a preset (with overrides) on a task on the CPU backend,
 * evaluating on the held-out set every {@code --eval-every} steps, and prints the learning curve.
 * Operators and tasks are found through {@link ServiceLoader}, so they must be on the class path
 * (see {@code docs/scaffold.md} for the command).
 *
 * <pre>
 *   --preset NAME          a TrmPresets name (default cpu-small)
 *   --operator NAME        operator plugin (default: the preset's)
 *   --op KEY=VALUE         operator hyper-parameter (repeatable)
 *   --task NAME            task factory name (default sudoku)
 *   --task-opt KEY=VALUE   task option (repeatable)
 *   --hidden D --heads N --H n --L n --halt-max n --batch n --lr x --warmup n --seed n   overrides
 *   --steps N              training steps (default 1000)
 *   --minutes M            stop after M minutes of wall time (default 0: no limit)
 *   --eval-every N         steps between evaluations (default 100)
 *   --eval-batch N         evaluation batch size (default 256)
 *   --checkpoint FILE      checkpoint path (written every --checkpoint-every steps and on SIGINT/SIGTERM)
 *   --checkpoint-every N   (default 100)
 *   --resume               continue from --checkpoint
 *   --metrics FILE         JSON Lines metrics (steps and evaluations)
 *   --depth-factors F,...  after training, evaluate at F × the supervision steps and, separately, F × the H cycles
 *                          (depth extrapolation, e.g. 2,4; default none)
 * </pre>
 */
public final class TrainMain {
    private TrainMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        Map<String, Object> opParams = new LinkedHashMap<>();
        Map<String, String> taskOpts = new LinkedHashMap<>();
        boolean resume = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--resume" -> resume = true;
                case "--op" -> put(opParams, value(args, ++i, a));
                case "--task-opt" -> {
                    String[] kv = value(args, ++i, a).split("=", 2);
                    taskOpts.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
                default -> {
                    if (!a.startsWith("--")) {
                        throw new IllegalArgumentException("unexpected argument '" + a + "'");
                    }
                    opt.put(a.substring(2), value(args, ++i, a));
                }
            }
        }
        TrmConfig c = TrmPresets.get(opt.getOrDefault("preset", "cpu-small"));
        c = c.withOperator(opt.getOrDefault("operator", c.operator()), opParams.isEmpty() && !opt.containsKey("operator")
                ? c.operatorParams() : opParams);
        c = TrmConfigOverrides.apply(c, opt);
        Task task = task(opt.getOrDefault("task", "sudoku"), taskOpts);
        long steps = Long.parseLong(opt.getOrDefault("steps", "1000"));
        long evalEvery = Long.parseLong(opt.getOrDefault("eval-every", "100"));
        double minutes = Double.parseDouble(opt.getOrDefault("minutes", "0"));
        Path checkpoint = opt.containsKey("checkpoint") ? Path.of(opt.get("checkpoint")) : null;
        int checkpointEvery = Integer.parseInt(opt.getOrDefault("checkpoint-every", "100"));
        List<Integer> depthFactors = opt.containsKey("depth-factors")
                ? Arrays.stream(opt.get("depth-factors").split(",")).map(String::strip).map(Integer::parseInt).toList()
                : List.of();
        MetricsSink sink = opt.containsKey("metrics") ? new JsonlMetricsSink(Path.of(opt.get("metrics"))) : MetricsSink.none();

        Backend backend = new CpuBackend();
        RecursiveOperator operator = Operators.create(c, task.sequenceLength());
        TrmModel model = new TrmModel(c, operator, task.vocabularySize(), task.sequenceLength(), c.batchSize());
        System.out.printf("operator %s %s, task %s (%d training examples, vocabulary %d, %d tokens), backend %s%n",
                c.operator(), c.operatorParams(), task.name(), task.trainingExampleCount(), task.vocabularySize(),
                task.sequenceLength(), backend.device());
        System.out.printf("D=%d H=%d L=%d halt_max_steps=%d batch=%d lr=%.1e warmup=%d; %,d trained parameters%n",
                c.hiddenSize(), c.hCycles(), c.lCycles(), c.haltMaxSteps(), c.batchSize(), c.lr(), c.warmupSteps(),
                model.trainableParameterCount());
        Trainer.Options options = new Trainer.Options(checkpoint, checkpointEvery, sink, System.out,
                Integer.parseInt(opt.getOrDefault("progress-every", "10")), null);
        int evalBatch = Integer.parseInt(opt.getOrDefault("eval-batch", "256"));
        long deadline = minutes > 0 ? System.nanoTime() + (long) (minutes * 60e9) : Long.MAX_VALUE;
        long started = System.nanoTime();
        try (Trainer trainer = resume && checkpoint != null && Files.exists(checkpoint)
                ? Trainer.resume(model, c.operator(), task, backend, options, checkpoint)
                : Trainer.start(model, c.operator(), task, backend, options);
             Evaluator evaluator = new Evaluator(c, operator, task, backend, evalBatch)) {
            long samples = 0;
            System.out.println("curve: step, seconds, samples, eval exact accuracy, eval cell accuracy");
            while (trainer.stepCount() < steps && System.nanoTime() < deadline) {
                long target = Math.min(steps, (trainer.stepCount() / evalEvery + 1) * evalEvery);
                long before = trainer.stepCount();
                trainer.train(target, deadline);
                samples += (trainer.stepCount() - before) * c.batchSize();
                EvalReport r = evaluator.evaluate(trainer.emaParameters(), trainer.puzzleTable());
                sink.evaluation(trainer.stepCount(), r);
                EvalReport.StepResult last = r.perStep().getLast();
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("curve: %d, %.0f, %d, %.4f, %.4f   (%.1f samples/s; task score %s)%n", trainer.stepCount(),
                        seconds, samples, last.exactAccuracy(), last.cellAccuracy(), samples / seconds, r.score().metrics());
            }
            if (checkpoint != null) {
                trainer.writeCheckpoint();
            }
            if (!depthFactors.isEmpty()) {
                printDepthExtrapolation(evaluator, trainer, c, depthFactors);
            }
        } finally {
            sink.close();
        }
    }

    /** One line per depth: where accuracy falls and entropy rises with extra loops, "cognitive static" shows. */
    private static void printDepthExtrapolation(Evaluator evaluator, Trainer trainer, TrmConfig c, List<Integer> factors) {
        int[] all = IntStream.concat(IntStream.of(1),
                factors.stream().mapToInt(Integer::intValue).filter(f -> f != 1)).toArray();
        System.out.println("depth: supervision steps, H cycles, eval exact accuracy, cell accuracy, mean entropy (last step)");
        for (EvalReport r : evaluator.depthExtrapolation(trainer.emaParameters(), trainer.puzzleTable(), all)) {
            EvalReport.StepResult last = r.perStep().getLast();
            System.out.printf("depth: %d, %d, %.4f, %.4f, %.4f%s%n", r.supervisionSteps(), r.hCycles(), last.exactAccuracy(),
                    last.cellAccuracy(), last.meanEntropy(),
                    r.supervisionSteps() == c.haltMaxSteps() && r.hCycles() == c.hCycles() ? "   (as trained)" : "");
        }
    }

    private static Task task(String name, Map<String, String> options) {
        List<TaskFactory> factories = ServiceLoader.load(TaskFactory.class).stream().map(ServiceLoader.Provider::get).toList();
        return factories.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown task '" + name + "'; tasks found: "
                        + String.join(", ", factories.stream().map(TaskFactory::name).toList())))
                .create(options);
    }

    private static void put(Map<String, Object> map, String kv) {
        String[] p = kv.split("=", 2);
        if (p.length != 2) {
            throw new IllegalArgumentException("expected KEY=VALUE, got '" + kv + "'");
        }
        map.put(p[0], p[1]);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
