package io.recurbench.tvm;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import io.recurbench.tvm.ffi.TestEnv;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** One TVM environment and backend for the module's tests, and random feeds for a graph. */
final class Fixtures {
    private static TvmSetup.Environment env;
    private static TvmBackend backend;

    private Fixtures() {}

    static synchronized TvmSetup.Environment env() {
        if (env == null) {
            env = TvmSetup.ensure(TestEnv.venv(), Path.of(System.getProperty("recurbench.tvm.cache")), l -> { });
        }
        return env;
    }

    static synchronized TvmBackend llvm() {
        if (backend == null) {
            backend = TvmBackend.llvm(env(), System.err::println);
        }
        return backend;
    }

    /** Random feeds for every input and parameter; {@code positive} inputs get values in (0.1, 2.1). */
    static Map<String, HostTensor> feeds(Graph g, long seed, Map<String, int[]> intRanges, String... positive) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, HostTensor> feeds = new LinkedHashMap<>();
        java.util.Set<String> pos = java.util.Set.of(positive);
        for (Node n : g.nodes()) {
            String name = switch (n.op()) {
                case Op.Input in -> in.name();
                case Op.Parameter p -> p.name();
                default -> null;
            };
            if (name == null || feeds.containsKey(name)) {
                continue;
            }
            Shape s = n.shape();
            if (n.dtype() == DType.I32) {
                int[] range = intRanges.getOrDefault(name, new int[] {0, 4});
                int[] v = new int[s.intSize()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = rng.nextInt(range[0], range[1]);
                }
                feeds.put(name, HostTensor.ofInts(s, v));
            } else {
                float[] v = new float[s.intSize()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = pos.contains(name) ? (float) (0.1 + 2 * rng.nextDouble()) : (float) rng.nextGaussian();
                }
                feeds.put(name, HostTensor.of(s, v));
            }
        }
        return feeds;
    }
}
