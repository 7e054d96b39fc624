package io.recurbench.engine.cpu;

/**
 * One scheduled node of a compiled graph, with every shape, stride and buffer index resolved at
 * compile time. {@link #run} is called once per node per graph run; the loops inside are plain
 * static code over arrays (no per-element virtual calls).
 */
@FunctionalInterface
interface Kernel {

    /** Reads its operands from and writes its result into {@code values} (indexed by value id). */
    void run(Object[] values);
}
