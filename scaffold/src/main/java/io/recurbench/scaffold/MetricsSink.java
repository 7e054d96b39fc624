package io.recurbench.scaffold;

/** Where the training loop sends its records. */
public interface MetricsSink extends AutoCloseable {

    /** One record per training step. */
    void step(StepMetrics metrics);

    /** One record per evaluation. */
    default void evaluation(long step, EvalReport report) {}

    @Override
    default void close() {}

    /** A sink that drops everything. */
    static MetricsSink none() {
        return metrics -> {};
    }
}
