package io.recurbench.tvm.bench;

import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.Backend;
import io.recurbench.engine.backend.Executable;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.cpu.CpuBackend;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.optim.AdamW;
import io.recurbench.engine.optim.OptimizerGraph;
import io.recurbench.tvm.TvmBackend;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: forward and AdamW train step of the 2-layer SwiGLU MLP block at [64, 81, 128] (hidden 512)
 * on the Java CPU backend and on TVM-llvm; the score is examples/s (one invocation = one batch of
 * {@value #BATCH}). Run with {@code tvm/bench.sh --jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class MlpBlockJmh {
    static final int BATCH = 64;

    @Param({"cpu", "tvm-llvm"})
    public String backend;

    @Param({"forward", "train"})
    public String graph;

    private Executable executable;
    private Map<String, HostTensor> feeds;

    @Setup(Level.Trial)
    public void compile() {
        SwiGluMlp mlp = new SwiGluMlp(BATCH, 81, 128, 512);
        Graph forward = mlp.forward();
        Graph g = graph.equals("train") ? mlp.trainStep(AdamW.defaults()) : forward;
        Backend b = backend.equals("cpu") ? new CpuBackend() : TvmBackend.llvm();
        executable = b.compile(g);
        feeds = feeds(forward, graph.equals("train"));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Map<String, HostTensor> step() {
        return executable.run(feeds);
    }

    @TearDown(Level.Trial)
    public void close() {
        executable.close();
    }

    static Map<String, HostTensor> feeds(Graph forward, boolean train) {
        SplittableRandom rng = new SplittableRandom(1);
        Map<String, HostTensor> f = new LinkedHashMap<>();
        forward.nodes().forEach(n -> {
            if (n.op() instanceof Op.Input in) {
                float[] v = new float[n.shape().intSize()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) rng.nextGaussian();
                }
                f.put(in.name(), HostTensor.of(n.shape(), v));
            }
        });
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (ParameterSpec p : forward.parameters()) {
            f.put(p.name(), HostTensor.of(p.shape(), p.initializer().sample(p.shape(), rng)));
            shapes.put(p.name(), p.shape());
        }
        if (train) {
            f.putAll(OptimizerGraph.initialState(AdamW.defaults(), shapes));
            f.put(OptimizerGraph.LR_INPUT, HostTensor.of(Shape.scalar(), 1e-4f));
            f.put(OptimizerGraph.STEP_INPUT, HostTensor.ofInts(Shape.scalar(), 1));
        }
        return f;
    }
}
