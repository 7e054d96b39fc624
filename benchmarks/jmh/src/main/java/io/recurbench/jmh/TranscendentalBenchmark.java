package io.recurbench.jmh;

import io.recurbench.engine.cpu.math.F32Math;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU backend's deterministic transcendentals ({@link F32Math}, polynomials from IEEE basic
 * operations) against the Vector API's lane operations they replaced (SVML-like intrinsics once
 * compiled, whose bits differ from the interpreted fallback), over 4096 floats in [-10, 10]
 * (|x| + 0.01 for log). Score: arrays per second; the ratio {@code f32math*} / {@code vectorApi*}
 * is the speed cost of bit reproducibility. Each benchmark method is its own compilation root
 * ({@code DONT_INLINE}): inlined into JMH's stub, the Vector API's deep inlining exhausted C2's
 * inlining budget after a recompile, {@code F32Math.exp} stayed a call and its vectors were boxed.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/jmh/target/benchmarks.jar TranscendentalBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TranscendentalBenchmark {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int N = 4096;

    private float[] x;
    private float[] positive;
    private float[] out;

    @Setup
    public void setup() {
        Random rnd = new Random(1);
        x = new float[N];
        positive = new float[N];
        out = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (float) (rnd.nextDouble() * 20 - 10);
            positive[i] = Math.abs(x[i]) + 0.01f;
        }
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float[] vectorApiExp() {
        for (int i = 0; i < N; i += F.length()) {
            FloatVector.fromArray(F, x, i).lanewise(VectorOperators.EXP).intoArray(out, i);
        }
        return out;
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float[] f32mathExp() {
        for (int i = 0; i < N; i += F.length()) {
            F32Math.exp(FloatVector.fromArray(F, x, i)).intoArray(out, i);
        }
        return out;
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float[] vectorApiTanh() {
        for (int i = 0; i < N; i += F.length()) {
            FloatVector.fromArray(F, x, i).lanewise(VectorOperators.TANH).intoArray(out, i);
        }
        return out;
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float[] f32mathTanh() {
        for (int i = 0; i < N; i += F.length()) {
            F32Math.tanh(FloatVector.fromArray(F, x, i)).intoArray(out, i);
        }
        return out;
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float[] vectorApiLog() {
        for (int i = 0; i < N; i += F.length()) {
            FloatVector.fromArray(F, positive, i).lanewise(VectorOperators.LOG).intoArray(out, i);
        }
        return out;
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float[] f32mathLog() {
        for (int i = 0; i < N; i += F.length()) {
            F32Math.log(FloatVector.fromArray(F, positive, i)).intoArray(out, i);
        }
        return out;
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float[] vectorApiSigmoid() {
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int i = 0; i < N; i += F.length()) {
            one.div(FloatVector.fromArray(F, x, i).neg().lanewise(VectorOperators.EXP).add(one)).intoArray(out, i);
        }
        return out;
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float[] f32mathSigmoid() {
        for (int i = 0; i < N; i += F.length()) {
            F32Math.sigmoid(FloatVector.fromArray(F, x, i)).intoArray(out, i);
        }
        return out;
    }
}
