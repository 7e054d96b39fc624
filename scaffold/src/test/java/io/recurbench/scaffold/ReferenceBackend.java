package io.recurbench.scaffold;

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
 * A backend that runs graphs on the float64 reference interpreter and rounds outputs to F32/I32:
 * slow, but plain Java arithmetic, so its results do not depend on JIT tiers or threads.
 */
public final class ReferenceBackend implements Backend {
    @Override
    public String name() {
        return "reference";
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
                Map<String, double[]> out = ReferenceInterpreter.run(graph, feeds);
                Map<String, HostTensor> result = new LinkedHashMap<>();
                out.forEach((name, values) -> {
                    Node node = graph.output(name);
                    if (node.dtype() == DType.F32) {
                        float[] f = new float[values.length];
                        for (int i = 0; i < f.length; i++) {
                            f[i] = (float) values[i];
                        }
                        result.put(name, HostTensor.of(node.shape(), f));
                    } else {
                        int[] v = new int[values.length];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = (int) values[i];
                        }
                        result.put(name, HostTensor.ofInts(node.shape(), v));
                    }
                });
                return result;
            }

            @Override
            public void close() {}
        };
    }
}
