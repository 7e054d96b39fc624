package io.recurbench.reports.analysis;

import io.recurbench.reports.model.ArcMetrics;
import io.recurbench.reports.model.CurvePoint;
import io.recurbench.reports.model.DepthMetrics;
import io.recurbench.reports.model.OperatorEntry;
import io.recurbench.reports.model.PerExample;
import io.recurbench.reports.model.Results;
import io.recurbench.reports.model.Run;
import io.recurbench.reports.model.SudokuMetrics;
import io.recurbench.reports.stats.Estimate;
import io.recurbench.reports.stats.HierarchicalBootstrap;
import io.recurbench.reports.stats.Holm;
import io.recurbench.reports.stats.PairedComparison;
import io.recurbench.reports.stats.Wilson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns {@link Results} into the numbers a report shows: per task, per operator, per pair.
 * Deterministic: file order decides every ordering and the bootstrap uses a fixed seed.
 *
 * @param results the analysed results
 * @param tasks   one analysis per task, in order of first appearance in {@code operators}
 */
public record SuiteAnalysis(Results results, List<TaskAnalysis> tasks) {

    /** Analyses with the default bootstrap size and seed and the default cognitive-static rule. */
    public static SuiteAnalysis of(Results results) {
        return of(results, HierarchicalBootstrap.DEFAULT_RESAMPLES, HierarchicalBootstrap.DEFAULT_SEED,
                CognitiveStatic.DEFAULT);
    }

    public static SuiteAnalysis of(Results results, int resamples, long seed, CognitiveStatic rule) {
        Set<String> taskIds = new LinkedHashSet<>();
        results.operators().forEach(o -> taskIds.add(o.task()));
        List<TaskAnalysis> tasks = new ArrayList<>();
        for (String task : taskIds) {
            tasks.add(task(results, task, resamples, seed, rule));
        }
        return new SuiteAnalysis(results, tasks);
    }

    private static TaskAnalysis task(Results results, String task, int resamples, long seed, CognitiveStatic rule) {
        List<Run> taskRuns = results.runs().stream().filter(r -> r.task().equals(task)).toList();
        List<Run> okRuns = taskRuns.stream().filter(r -> r.status().succeeded()).toList();
        String family = okRuns.isEmpty() ? "none" : okRuns.getFirst().metrics() instanceof ArcMetrics ? "arc" : "sudoku";
        String metric = okRuns.isEmpty() ? "exact" : okRuns.getFirst().examples().metric();
        for (Run r : okRuns) {
            if (!r.examples().metric().equals(metric)) {
                throw new IllegalArgumentException("task " + task + ": runs record different per-example metrics ("
                        + metric + " and " + r.examples().metric() + "); they cannot be compared");
            }
        }
        List<OperatorAnalysis> operators = new ArrayList<>();
        for (OperatorEntry entry : results.operators()) {
            if (entry.task().equals(task)) {
                List<Run> mine = taskRuns.stream().filter(r -> r.operator().equals(entry.operator())).toList();
                operators.add(operator(entry, mine, resamples, seed, rule));
            }
        }
        List<String> notes = new ArrayList<>();
        List<PairedComparison> comparisons = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        List<String[]> names = new ArrayList<>();
        List<OperatorAnalysis> compared = operators.stream().filter(OperatorAnalysis::hasResults).toList();
        for (int i = 0; i < compared.size(); i++) {
            for (int j = i + 1; j < compared.size(); j++) {
                OperatorAnalysis a = compared.get(i);
                OperatorAnalysis b = compared.get(j);
                Pairing pairing = Pairing.of(a.ok(), b.ok());
                if (pairing.a().isEmpty() || pairing.examples() == 0) {
                    notes.add(a.name() + " vs " + b.name() + ": no seed with common examples where both succeeded");
                    continue;
                }
                comparisons.add(PairedComparison.of(pairing.a(), pairing.b(), resamples, seed));
                shapes.add(new int[] {pairing.a().size(), pairing.examples()});
                names.add(new String[] {a.name(), b.name()});
            }
        }
        double[] holm = Holm.adjust(comparisons.stream().mapToDouble(PairedComparison::pValue).toArray());
        List<PairAnalysis> pairs = new ArrayList<>();
        for (int k = 0; k < comparisons.size(); k++) {
            pairs.add(new PairAnalysis(names.get(k)[0], names.get(k)[1], shapes.get(k)[0], shapes.get(k)[1],
                    comparisons.get(k), holm[k]));
        }
        return new TaskAnalysis(task, family, metric, operators, pairs, notes);
    }

    private static OperatorAnalysis operator(OperatorEntry entry, List<Run> runs, int resamples, long seed,
                                             CognitiveStatic rule) {
        List<Run> ok = runs.stream().filter(r -> r.status().succeeded()).toList();
        List<Run> failed = runs.stream().filter(r -> !r.status().succeeded()).toList();
        double wall = runs.stream().mapToDouble(Run::wallTimeSeconds).sum();
        if (ok.isEmpty()) {
            return new OperatorAnalysis(entry, ok, failed, null, 0, 0, null, null, List.of(), List.of(),
                    null, null, null, null, List.of(), null, null, wall);
        }
        List<double[]> groups = new ArrayList<>();
        long correct = 0;
        long examples = 0;
        for (Run r : ok) {
            PerExample e = r.examples();
            double[] g = new double[e.ids().size()];
            for (int i = 0; i < g.length; i++) {
                g[i] = e.correctAt(i) ? 1 : 0;
            }
            groups.add(g);
            correct += e.correctCount();
            examples += g.length;
        }
        Estimate accuracy = HierarchicalBootstrap.estimate95(groups, resamples, seed);
        Double cell = ok.getFirst().metrics() instanceof SudokuMetrics
                ? ok.stream().mapToDouble(r -> ((SudokuMetrics) r.metrics()).cellAccuracy()).average().orElseThrow()
                : null;
        List<DepthMetrics> depth = ok.stream().map(Run::depth).toList();
        DepthProfile supervision = DepthProfile.mean(depth.stream().map(DepthMetrics::trainedSupervisionSteps).toList(),
                depth.stream().map(DepthMetrics::supervisionSteps).toList());
        DepthProfile latent = DepthProfile.mean(depth.stream().map(DepthMetrics::trainedLatentCycles).toList(),
                depth.stream().map(DepthMetrics::latentCycles).toList());
        return new OperatorAnalysis(entry, ok, failed, accuracy, correct, examples, Wilson.interval95(correct, examples),
                cell, passAtK(ok), meanCurve(ok), supervision, latent, rule.judge(supervision), rule.judge(latent),
                halting(depth), ok.stream().mapToDouble(r -> r.throughput().trainExamplesPerSecond()).average().orElseThrow(),
                ok.stream().mapToDouble(r -> r.throughput().evalExamplesPerSecond()).average().orElseThrow(), wall);
    }

    private static List<OperatorAnalysis.KRate> passAtK(List<Run> ok) {
        if (!(ok.getFirst().metrics() instanceof ArcMetrics)) {
            return List.of();
        }
        Map<Integer, List<Double>> byK = new TreeMap<>();
        for (Run r : ok) {
            for (ArcMetrics.PassAtK p : ((ArcMetrics) r.metrics()).passAtK()) {
                byK.computeIfAbsent(p.k(), k -> new ArrayList<>()).add(p.rate());
            }
        }
        List<OperatorAnalysis.KRate> out = new ArrayList<>();
        byK.forEach((k, rates) -> {
            if (rates.size() == ok.size()) {
                out.add(new OperatorAnalysis.KRate(k, rates.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
            }
        });
        return out;
    }

    private static List<CurvePoint> meanCurve(List<Run> ok) {
        Map<Long, List<CurvePoint>> byStep = new TreeMap<>();
        for (Run r : ok) {
            for (CurvePoint p : r.learningCurve()) {
                byStep.computeIfAbsent(p.step(), s -> new ArrayList<>()).add(p);
            }
        }
        List<CurvePoint> out = new ArrayList<>();
        byStep.forEach((step, points) -> {
            if (points.size() == ok.size()) {
                out.add(new CurvePoint(step, mean(points, CurvePoint::loss), mean(points, CurvePoint::accuracy)));
            }
        });
        return out;
    }

    private static double mean(List<CurvePoint> points, Function<CurvePoint, Double> f) {
        return points.stream().mapToDouble(f::apply).average().orElseThrow();
    }

    private static List<Long> halting(List<DepthMetrics> depth) {
        int n = depth.stream().mapToInt(d -> d.haltingHistogram().size()).min().orElseThrow();
        List<Long> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            final int step = i;
            out.add(depth.stream().mapToLong(d -> d.haltingHistogram().get(step)).sum());
        }
        return out;
    }

    /**
     * The paired data of two operators: seeds where both succeeded (A's run order), and on each seed
     * the examples both evaluated, in A's order.
     */
    private record Pairing(List<boolean[]> a, List<boolean[]> b, int examples) {
        static Pairing of(List<Run> aRuns, List<Run> bRuns) {
            Map<Long, Run> bBySeed = new HashMap<>();
            bRuns.forEach(r -> bBySeed.put(r.seed(), r));
            List<boolean[]> a = new ArrayList<>();
            List<boolean[]> b = new ArrayList<>();
            int common = Integer.MAX_VALUE;
            for (Run ra : aRuns) {
                Run rb = bBySeed.get(ra.seed());
                if (rb == null) {
                    continue;
                }
                Map<String, Integer> bIndex = new LinkedHashMap<>();
                List<String> bIds = rb.examples().ids();
                for (int i = 0; i < bIds.size(); i++) {
                    bIndex.put(bIds.get(i), i);
                }
                List<Integer> ai = new ArrayList<>();
                List<Integer> bi = new ArrayList<>();
                List<String> aIds = ra.examples().ids();
                for (int i = 0; i < aIds.size(); i++) {
                    Integer j = bIndex.get(aIds.get(i));
                    if (j != null) {
                        ai.add(i);
                        bi.add(j);
                    }
                }
                if (ai.isEmpty()) {
                    continue;
                }
                a.add(select(ra.examples(), ai));
                b.add(select(rb.examples(), bi));
                common = Math.min(common, ai.size());
            }
            return new Pairing(a, b, a.isEmpty() ? 0 : common);
        }

        private static boolean[] select(PerExample e, List<Integer> indices) {
            boolean[] out = new boolean[indices.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = e.correctAt(indices.get(i));
            }
            return out;
        }
    }
}
