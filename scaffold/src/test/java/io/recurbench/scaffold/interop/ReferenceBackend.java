package io.recurbench.scaffold.interop;

import io.recurbench.api.DType;
import io.recurbench.engine.backend.Backend;
import io.recurbench.engine.backend.Executable;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.reference.ReferenceInterpreter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's float64 {@link ReferenceInterpreter} behind the {@link Backend} interface, outputs
 * rounded to F32. Plain scalar loops, so two runs on equal feeds give equal bits whatever the JIT
 * has compiled meanwhile — which the CPU backend does not promise (its Vector API lane reductions
 * have an unspecified order, and their results change once C2 compiles the kernels).
 */
final class ReferenceBackend implements Backend {
    @Override
    public String name() {
        return "reference-f64";
    }

    @Override
    public String device() {
        return "float64 reference interpreter";
    }

    @Override
    public Executable compile(Graph graph) {
        return new Executable() {
            @Override
            public Graph graph() {
                return graph;
            }

            @Override
            public Map<String, HostTensor> run(Map<String, HostTensor> feeds) {
                Map<String, HostTensor> out = new LinkedHashMap<>();
                ReferenceInterpreter.run(graph, feeds).forEach((name, values) -> {
                    Node n = graph.output(name);
                    if (n.dtype() == DType.F32) {
                        float[] f = new float[values.length];
                        for (int i = 0; i < f.length; i++) {
                            f[i] = (float) values[i];
                        }
                        out.put(name, HostTensor.of(n.shape(), f));
                    } else {
                        int[] v = new int[values.length];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = (int) values[i];
                        }
                        out.put(name, HostTensor.ofInts(n.shape(), v));
                    }
                });
                return out;
            }

            @Override
            public void close() {}
        };
    }
}
