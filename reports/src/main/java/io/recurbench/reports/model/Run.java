package io.recurbench.reports.model;

import java.util.List;

/**
 * One operator trained and evaluated on one task with one seed.
 *
 * <p>A run that is {@code ok} carries everything; a {@code failed} run carries its reason, the
 * learning curve up to the failure, and {@code null} for what it never produced.
 *
 * @param operator        operator name (matches an {@link OperatorEntry} of the same task)
 * @param task            task id
 * @param seed            one of the suite's seeds
 * @param status          {@code ok} or {@code failed} (refusals are recorded on the operator)
 * @param metrics         final metrics of the evaluation split; {@code null} iff failed
 * @param examples        per-example correctness of the evaluation split; {@code null} iff failed
 * @param learningCurve   training curve, steps strictly increasing (possibly empty)
 * @param depth           per-supervision-step and per-latent-cycle diagnostics; {@code null} iff failed
 * @param throughput      examples per second; {@code null} iff failed
 * @param wallTimeSeconds wall time of the run (training + evaluation), also when it failed
 */
public record Run(String operator, String task, long seed, Status status, TaskMetrics metrics,
                  PerExample examples, List<CurvePoint> learningCurve, DepthMetrics depth,
                  Throughput throughput, double wallTimeSeconds) {

    public Run {
        Check.text("operator", operator);
        Check.text("task", task);
        Check.present("status", status);
        if (status.state() == Status.State.REFUSED) {
            throw new IllegalArgumentException("status: a run is ok or failed; refusals belong to operators");
        }
        learningCurve = Check.list("learningCurve", learningCurve);
        for (int i = 1; i < learningCurve.size(); i++) {
            if (learningCurve.get(i).step() <= learningCurve.get(i - 1).step()) {
                throw new IllegalArgumentException("learningCurve[" + i + "].step: expected steps strictly increasing");
            }
        }
        Check.nonNegative("wallTimeSeconds", wallTimeSeconds);
        if (status.succeeded()) {
            Check.present("metrics", metrics);
            Check.present("examples", examples);
            Check.present("depth", depth);
            Check.present("throughput", throughput);
            checkExamplesMatchMetrics(metrics, examples);
        } else if (metrics != null || examples != null || depth != null || throughput != null) {
            throw new IllegalArgumentException("metrics, examples, depth, throughput: must be null for a failed run");
        }
    }

    private static void checkExamplesMatchMetrics(TaskMetrics metrics, PerExample examples) {
        if (examples.ids().size() != metrics.examples()) {
            throw new IllegalArgumentException("examples: has " + examples.ids().size()
                    + " ids but metrics count " + metrics.examples() + " examples");
        }
        long expectedCorrect = switch (metrics) {
            case SudokuMetrics s -> {
                if (!examples.metric().equals("exact")) {
                    throw new IllegalArgumentException("examples.metric: Sudoku runs record \"exact\", got \""
                            + examples.metric() + "\"");
                }
                yield s.puzzlesCorrect();
            }
            case ArcMetrics a -> {
                long solved = examples.passK() == 0 ? -1 : a.solvedAt(examples.passK());
                if (solved < 0) {
                    throw new IllegalArgumentException("examples.metric: \"" + examples.metric()
                            + "\" is not one of the run's pass@K entries");
                }
                yield solved;
            }
        };
        if (examples.correctCount() != expectedCorrect) {
            throw new IllegalArgumentException("examples.correct: counts " + examples.correctCount()
                    + " correct but metrics say " + expectedCorrect);
        }
    }

    /** A finished run. */
    public static Run ok(String operator, String task, long seed, TaskMetrics metrics, PerExample examples,
                         List<CurvePoint> learningCurve, DepthMetrics depth, Throughput throughput,
                         double wallTimeSeconds) {
        return new Run(operator, task, seed, Status.ok(), metrics, examples, learningCurve, depth, throughput,
                wallTimeSeconds);
    }

    /** A run that failed; the curve holds what was logged before the failure. */
    public static Run failed(String operator, String task, long seed, String reason,
                             List<CurvePoint> learningCurve, double wallTimeSeconds) {
        return new Run(operator, task, seed, Status.failed(reason), null, null, learningCurve, null, null,
                wallTimeSeconds);
    }
}
