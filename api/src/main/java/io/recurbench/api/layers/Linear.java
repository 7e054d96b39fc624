package io.recurbench.api.layers;

import io.recurbench.api.Initializer;
import io.recurbench.api.ParameterScope;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;

/**
 * A projection without bias, {@code [..., in] -> [..., out]}, weight {@code weight [in, out]}
 * initialised as TRM's {@code CastedLinear}: truncated LeCun normal, std {@code 1/sqrt(in)}.
 */
public record Linear(int in, int out) {

    public Linear {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("linear layer needs positive sizes, got " + in + " -> " + out);
        }
    }

    public Tensor apply(Tensor x, ParameterScope scope) {
        if (x.dim(-1) != in) {
            throw new IllegalArgumentException("linear " + in + " -> " + out + " got input " + x.shape());
        }
        Tensor w = scope.parameter("weight", Shape.of(in, out), Initializer.truncatedNormal(1.0 / Math.sqrt(in)));
        return x.matmul(w);
    }

    public long parameterCount() {
        return (long) in * out;
    }
}
