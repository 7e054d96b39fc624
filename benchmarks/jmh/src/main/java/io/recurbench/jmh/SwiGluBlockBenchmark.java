package io.recurbench.jmh;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.NN;
import io.recurbench.api.ParameterScope;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.autodiff.Autodiff;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.cpu.CpuBackend;
import io.recurbench.engine.cpu.CpuExecutable;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.trace.Tracer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 2-layer SwiGLU MLP block on the CPU backend at a Sudoku batch, {@code [64, 81, 128]}: each layer
 * is {@code rmsNorm(h + down(silu(gate(h)) · up(h)))} (post-norm, as in TRM), hidden width 512 —
 * TRM's SwiGLU width for D = 128 and expansion 4 ({@code round(4 · 128 · 2/3)} rounded up to a
 * multiple of 256, {@code models/layers.py}). {@code forward} runs the block; {@code
 * forward+backward} runs one compiled graph with the block, a scalar loss ({@code mean(h²)}, a
 * stand-in for the LM head) and the gradients of all six weight matrices.
 *
 * <p>{@code fuse=false} runs the same graph with elementwise fusion off. The primary score is graph
 * runs per second; the {@code examples} counter is examples per
 * second (64 per run). Run: {@code java --add-modules jdk.incubator.vector -jar
 * benchmarks/jmh/target/benchmarks.jar SwiGluBlockBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class SwiGluBlockBenchmark {
    static final int BATCH = 64;
    static final int SEQ = 81;
    static final int WIDTH = 128;
    static final int HIDDEN = 512;

    @Param({"forward", "forward+backward"})
    public String pass;

    /** Elementwise fusion on or off ({@code new CpuBackend(fuse)}), to measure what it buys in the same run. */
    @Param({"true", "false"})
    public boolean fuse;

    private CpuExecutable exe;
    private Map<String, HostTensor> feeds;

    /** Examples processed, reported by JMH as a rate: examples/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Examples {
        public long examples;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Tracer t = new Tracer();
        Tensor h = t.input("x", Shape.of(BATCH, SEQ, WIDTH), DType.F32);
        for (int layer = 0; layer < 2; layer++) {
            ParameterScope p = t.child("mlp" + layer);
            Initializer init = Initializer.truncatedNormal(0.02);
            Tensor gate = h.matmul(p.parameter("gate", Shape.of(WIDTH, HIDDEN), init));
            Tensor up = h.matmul(p.parameter("up", Shape.of(WIDTH, HIDDEN), init));
            Tensor down = NN.silu(gate).mul(up).matmul(p.parameter("down", Shape.of(HIDDEN, WIDTH), init));
            h = NN.rmsNorm(h.add(down), NN.TRM_RMS_EPS);
        }
        t.output("y", h);
        t.output("loss", h.mul(h).mean());
        Graph forward = t.build();
        Graph graph = forward;
        if (pass.equals("forward+backward")) {
            List<String> params = forward.parameters().stream().map(ParameterSpec::name).toList();
            graph = Autodiff.gradients(forward, "loss", params);
        }
        SplittableRandom rng = new SplittableRandom(42);
        feeds = new HashMap<>();
        Shape xs = Shape.of(BATCH, SEQ, WIDTH);
        feeds.put("x", HostTensor.of(xs, Initializer.truncatedNormal(1.0).sample(xs, rng)));
        for (ParameterSpec p : forward.parameters()) {
            feeds.put(p.name(), HostTensor.of(p.shape(), p.initializer().sample(p.shape(), rng)));
        }
        exe = new CpuBackend(fuse).compile(graph);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        exe.close();
    }

    @Benchmark
    public Map<String, HostTensor> run(Examples counter) {
        counter.examples += BATCH;
        return exe.run(feeds);
    }
}
