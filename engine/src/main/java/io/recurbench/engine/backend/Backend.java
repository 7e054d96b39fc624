package io.recurbench.engine.backend;

import io.recurbench.engine.ir.Graph;

/**
 * Something that compiles an IR {@link Graph} once and runs it many times: the Java CPU backend,
 * the TVM backend. Backends live in {@code engine}-level modules (not in {@code api}) because they
 * consume the IR; operator and task plugins never see them.
 */
public interface Backend {

    /** Stable name used in configs and reports, e.g. {@code cpu}, {@code tvm-llvm}, {@code tvm-cuda}. */
    String name();

    /** The device the backend runs on, in words (CPU model and core count, GPU name), for run manifests. */
    String device();

    /**
     * Compiles {@code graph}. Fails with an exception naming the unsupported primitive or the
     * compiler's message; never returns a program that would fail on its first run for a static reason.
     */
    Executable compile(Graph graph);
}
