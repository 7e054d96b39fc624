package io.recurbench.engine.cpu.gemm;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * A fixed set of {@code parallelism − 1} daemon workers plus the calling thread, running the tasks
 * of one call by claiming indices from a shared counter. The caller always works too, so a call
 * completes even when every worker is busy with another caller's tasks.
 */
final class TaskPool implements AutoCloseable {
  private final int parallelism;
  private final ExecutorService workers;

  TaskPool(int parallelism) {
    this.parallelism = parallelism;
    AtomicInteger id = new AtomicInteger();
    this.workers = parallelism > 1
        ? Executors.newFixedThreadPool(parallelism - 1, r -> {
          Thread t = new Thread(r, "recurbench-gemm-" + id.incrementAndGet());
          t.setDaemon(true);
          return t;
        })
        : null;
  }

  /** Runs {@code body} for every index in [0, tasks) and returns when all are done; rethrows the first failure. */
  void run(int tasks, IntConsumer body) {
    Job job = new Job(tasks, body);
    int helpers = Math.min(tasks, parallelism) - 1;
    for (int h = 0; h < helpers; h++) {
      workers.execute(job::work);
    }
    job.work();
    job.awaitAndRethrow();
  }

  @Override
  public void close() {
    if (workers != null) {
      workers.shutdown();
    }
  }

  private static final class Job {
    private final int tasks;
    private final IntConsumer body;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch done;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Job(int tasks, IntConsumer body) {
      this.tasks = tasks;
      this.body = body;
      this.done = new CountDownLatch(tasks);
    }

    void work() {
      for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
        try {
          body.accept(t); // every task runs even after a failure: a task may be another's prerequisite
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        } finally {
          done.countDown();
        }
      }
    }

    void awaitAndRethrow() {
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the tasks write into the caller's arrays: never return before they finish
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      Throwable e = failure.get();
      if (e instanceof RuntimeException re) {
        throw re;
      }
      if (e instanceof Error err) {
        throw err;
      }
      if (e != null) {
        throw new IllegalStateException("Gemm task failed", e);
      }
    }
  }
}
