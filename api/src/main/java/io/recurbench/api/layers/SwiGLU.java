package io.recurbench.api.layers;

import io.recurbench.api.NN;
import io.recurbench.api.ParameterScope;
import io.recurbench.api.Tensor;

/**
 * TRM's gated MLP {@code down(silu(gate) * up)} with one fused {@code gate_up} projection
 * ({@code [hidden, 2·intermediate]}, gate first) and a {@code down} projection, no biases
 * (TRM {@code models/layers.py}, class {@code SwiGLU}; Shazeer, "GLU Variants Improve Transformer", 2020).
 */
public record SwiGLU(int hidden, int intermediate) {

    public SwiGLU {
        if (hidden <= 0 || intermediate <= 0) {
            throw new IllegalArgumentException("SwiGLU needs positive sizes, got hidden " + hidden
                    + ", intermediate " + intermediate);
        }
    }

    /** A SwiGLU whose intermediate size follows {@link #trmIntermediate TRM's rule}. */
    public static SwiGLU trm(int hidden, double expansion) {
        return new SwiGLU(hidden, trmIntermediate(hidden, expansion));
    }

    /**
     * TRM's intermediate size: {@code round(expansion · hidden · 2/3)} (Python's round, half to even),
     * then up to a multiple of 256. 1536 for hidden 512 and expansion 4; 512 for hidden 97.
     */
    public static int trmIntermediate(int hidden, double expansion) {
        long rounded = (long) Math.rint(expansion * hidden * 2.0 / 3.0);
        long multiple = (rounded + 255) / 256 * 256;
        if (multiple <= 0 || multiple > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("SwiGLU intermediate for hidden " + hidden + ", expansion "
                    + expansion + " is out of range: " + multiple);
        }
        return (int) multiple;
    }

    public Tensor apply(Tensor x, ParameterScope scope) {
        Tensor gateUp = new Linear(hidden, 2 * intermediate).apply(x, scope.child("gate_up"));
        Tensor gate = gateUp.slice(-1, 0, intermediate);
        Tensor up = gateUp.slice(-1, intermediate, 2 * intermediate);
        return new Linear(intermediate, hidden).apply(NN.silu(gate).mul(up), scope.child("down"));
    }

    public long parameterCount() {
        return 3L * hidden * intermediate;
    }
}
