package io.recurbench.engine.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/**
 * Splits index ranges over a fixed pool with one thread per available processor. Loops below a
 * size threshold run on the caller, so tiny ops pay no hand-off. Chunk boundaries depend only on
 * the range and the grain, never on timing, so a kernel that combines per-chunk partial results in
 * chunk order is deterministic.
 */
public final class Parallel {

    /** Work a range body does per chunk: indices {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** Elements below which an elementwise loop is not worth splitting (about 10 µs of work). */
    public static final int ELEMENTWISE_GRAIN = 1 << 15;

    private static final int THREADS = Runtime.getRuntime().availableProcessors();

    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "recurbench-cpu");
        t.setDaemon(true);
        return t;
    });

    private Parallel() {}

    /** Number of worker threads (the available processors). */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body} over {@code [0, n)}, split into at most {@link #threads()} contiguous chunks
     * of at least {@code grain} indices; the caller runs the first chunk itself.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        int chunks = chunks(n, grain);
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        forChunks(n, chunks, body);
    }

    /** How many chunks {@link #forRange} would use for {@code n} indices at {@code grain}. */
    public static int chunks(int n, int grain) {
        if (THREADS == 1 || n < 2L * Math.max(1, grain)) {
            return 1;
        }
        return (int) Math.min(THREADS, n / (long) Math.max(1, grain));
    }

    /** Runs exactly {@code chunks} contiguous, near-equal chunks of {@code [0, n)} in parallel. */
    public static void forChunks(int n, int chunks, RangeBody body) {
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int from = bound(n, chunks, c);
            int to = bound(n, chunks, c + 1);
            futures[c - 1] = POOL.submit(() -> body.run(from, to));
        }
        RuntimeException failure = null;
        try {
            body.run(0, bound(n, chunks, 1));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for CPU workers", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Start of chunk {@code c} of {@code chunks} over {@code [0, n)}. */
    public static int bound(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }
}
