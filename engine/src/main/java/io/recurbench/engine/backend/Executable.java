package io.recurbench.engine.backend;

import io.recurbench.engine.ir.Graph;
import java.util.Map;

/**
 * A compiled graph. {@link #run} feeds every {@code Op.Input} by its name and every parameter by its
 * dotted name, and returns every graph output by name. Implementations may keep device memory and
 * worker threads between runs; {@link #close} releases them.
 */
public interface Executable extends AutoCloseable {

    Graph graph();

    /**
     * Runs the graph once. A missing feed, or one whose shape or dtype differs from the graph's
     * node, fails with a message naming the feed, the expected and the given shape.
     */
    Map<String, HostTensor> run(Map<String, HostTensor> feeds);

    @Override
    void close();
}
