package io.recurbench.tvm.bench;

import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.Backend;
import io.recurbench.engine.backend.Executable;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.cpu.CpuBackend;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.optim.AdamW;
import io.recurbench.engine.optim.OptimizerGraph;
import io.recurbench.tvm.TvmBackend;
import io.recurbench.tvm.TvmExecutable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * TVM-llvm against the Java CPU backend on the same graphs in the same JVM: forward and whole
 * AdamW train step of the 2-layer SwiGLU MLP block at {@code [batch, seq, dim]} (default
 * [64, 81, 128], hidden 512 = TRM's SwiGLU width for 128 channels at expansion 4). Both backends
 * are fed from host arrays every run (the {@code Executable.run} contract); the TVM train step is
 * also timed with parameters and optimizer state resident on the device ({@code TvmExecutable.step}).
 *
 * <p>Method: warm-up, then rounds alternating the backends (so drift of a shared machine hits both
 * alike); the median over rounds of examples/s. Last line: {@code mlp ratio tvm/cpu forward=... train=...}.
 *
 * <pre>usage: TvmVsCpuBenchmark [batch seq dim hidden [rounds]]</pre>
 */
public final class TvmVsCpuBenchmark {

    private TvmVsCpuBenchmark() {}

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seq = args.length > 1 ? Integer.parseInt(args[1]) : 81;
        int dim = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        int hidden = args.length > 3 ? Integer.parseInt(args[3]) : 512;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 7;
        SwiGluMlp mlp = new SwiGluMlp(batch, seq, dim, hidden);

        Backend cpu = new CpuBackend();
        TvmBackend tvm = TvmBackend.llvm();
        System.out.println("cpu: " + cpu.device());
        System.out.println("tvm-llvm: " + tvm.device());
        System.out.printf("block: 2-layer SwiGLU MLP, x[%d, %d, %d], hidden %d, %d rounds%n", batch, seq, dim, hidden, rounds);

        Graph forward = mlp.forward();
        Graph train = mlp.trainStep(AdamW.defaults());
        Map<String, HostTensor> forwardFeeds = feeds(forward, false);
        Map<String, HostTensor> trainFeeds = feeds(forward, true);

        double fwdCpu;
        double fwdTvm;
        double trainCpu;
        double trainTvm;
        double trainTvmResident;
        try (Executable c = cpu.compile(forward); TvmExecutable t = compileTimed(tvm, forward, "forward")) {
            double[][] r = alternate(rounds, batch, () -> c.run(forwardFeeds), () -> t.run(forwardFeeds));
            fwdCpu = median(r[0]);
            fwdTvm = median(r[1]);
        }
        try (Executable c = cpu.compile(train); TvmExecutable t = compileTimed(tvm, train, "train step")) {
            Map<String, String> keep = new LinkedHashMap<>();
            Map<String, HostTensor> batchOnly = new LinkedHashMap<>(trainFeeds);
            for (String out : train.outputs().keySet()) {
                if (out.startsWith(OptimizerGraph.NEW_PREFIX)) {
                    String arg = out.substring(OptimizerGraph.NEW_PREFIX.length());
                    keep.put(out, arg);
                    t.setResident(arg, batchOnly.remove(arg));
                }
            }
            double[][] r = alternate(rounds, batch, () -> c.run(trainFeeds), () -> t.run(trainFeeds),
                    () -> t.step(batchOnly, keep));
            trainCpu = median(r[0]);
            trainTvm = median(r[1]);
            trainTvmResident = median(r[2]);
        }
        System.out.printf("forward     cpu %10.1f ex/s   tvm-llvm %10.1f ex/s%n", fwdCpu, fwdTvm);
        System.out.printf("train step  cpu %10.1f ex/s   tvm-llvm %10.1f ex/s   tvm-llvm resident %10.1f ex/s%n",
                trainCpu, trainTvm, trainTvmResident);
        System.out.printf("mlp ratio tvm/cpu forward=%.3f train=%.3f train_resident=%.3f%n",
                fwdTvm / fwdCpu, trainTvm / trainCpu, trainTvmResident / trainCpu);
    }

    private static TvmExecutable compileTimed(TvmBackend tvm, Graph g, String what) {
        long t0 = System.nanoTime();
        TvmExecutable e = tvm.compile(g);
        System.out.printf("tvm-llvm compile %s: %.2f s end to end (bridge %.2f s, %s), %d nodes%n", what,
                (System.nanoTime() - t0) / 1e9, e.compileSeconds(), e.compileCacheHit() ? "cache hit" : "compiled",
                g.nodes().size());
        return e;
    }

    /** Per round, examples/s of each body; warm-up first. */
    private static double[][] alternate(int rounds, int batch, Runnable... bodies) {
        for (Runnable b : bodies) {
            timeFor(b, 2.0);
        }
        double[][] out = new double[bodies.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < bodies.length; i++) {
                double[] t = timeFor(bodies[i], 1.0);
                out[i][r] = batch * t[0] / t[1];
            }
        }
        return out;
    }

    /** Runs {@code body} repeatedly for about {@code seconds}; returns {runs, elapsed seconds}. */
    private static double[] timeFor(Runnable body, double seconds) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int runs = 0;
        long now;
        do {
            body.run();
            runs++;
            now = System.nanoTime();
        } while (now < end);
        return new double[] {runs, (now - start) / 1e9};
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static Map<String, HostTensor> feeds(Graph forward, boolean train) {
        SplittableRandom rng = new SplittableRandom(1);
        Map<String, HostTensor> feeds = new LinkedHashMap<>();
        for (String in : List.of("x", "target")) {
            Shape s = forward.nodes().stream()
                    .filter(n -> n.op() instanceof io.recurbench.engine.ir.Op.Input i && i.name().equals(in))
                    .findFirst().orElseThrow().shape();
            float[] v = new float[s.intSize()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) rng.nextGaussian();
            }
            feeds.put(in, HostTensor.of(s, v));
        }
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (ParameterSpec p : forward.parameters()) {
            feeds.put(p.name(), HostTensor.of(p.shape(), p.initializer().sample(p.shape(), rng)));
            shapes.put(p.name(), p.shape());
        }
        if (train) {
            feeds.putAll(OptimizerGraph.initialState(AdamW.defaults(), shapes));
            feeds.put(OptimizerGraph.LR_INPUT, HostTensor.of(Shape.scalar(), 1e-4f));
            feeds.put(OptimizerGraph.STEP_INPUT, HostTensor.ofInts(Shape.scalar(), 1));
        }
        return feeds;
    }
}
