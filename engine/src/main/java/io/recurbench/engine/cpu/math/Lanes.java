package io.recurbench.engine.cpu.math;

import jdk.incubator.vector.FloatVector;

/** Lane reductions whose order of operations never changes, interpreted or JIT-compiled. */
public final class Lanes {

    private Lanes() {}

    /**
     * The lanes of {@code v} summed first to last. Not {@code reduceLanes(ADD)}: its order differs
     * between the JIT intrinsic (a tree) and the Vector API's Java fallback (sequential), and float
     * addition is not associative, so results would change once the loop is compiled.
     * ({@code reduceLanes(MAX)} needs no such care: {@code Math.max} is associative and
     * commutative, NaN and signed zeros included.)
     */
    public static float sum(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < v.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }
}
