package io.recurbench.operators.jmh;

import io.recurbench.api.DType;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.engine.autodiff.Autodiff;
import io.recurbench.engine.backend.Executable;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.cpu.CpuBackend;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.trace.Tracer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Throughput of one operator application on the Java CPU backend at the Sudoku shape
 * {@code [B = 64, S = 81, D = 128]}: forward alone, and forward + backward (the gradient of
 * {@code mean(out²)} with respect to every parameter, one compiled graph as in a train step).
 * Operators are found by name through {@link ServiceLoader}; the Mamba-2 hybrid runs its Sudoku
 * form (mixer {@code mlp_t}). Reported as milliseconds per call (one call takes seconds on a shared
 * machine, so iterations are short and each holds at least one call); examples per second =
 * batch / seconds per call.
 *
 * <pre>
 *   ./recurbench test -pl operators/jmh -am -DskipTests   # builds operators/jmh/target/operator-benchmarks.jar
 *   java --add-modules jdk.incubator.vector -jar operators/jmh/target/operator-benchmarks.jar OperatorBlockBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx8g"})
public class OperatorBlockBenchmark {

    @Param({"transformer", "mamba2-hybrid", "mlp-mixer"})
    public String operator;

    @Param("64")
    public int batch;

    @Param("81")
    public int sequence;

    @Param("128")
    public int hidden;

    private Executable forward;
    private Executable forwardBackward;
    private Map<String, HostTensor> feeds;

    @Setup
    public void setUp() {
        OperatorPlugin plugin = ServiceLoader.load(OperatorPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(operator)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operator plugin named '" + operator + "'"));
        ModelDims dims = new ModelDims(hidden, sequence, 0, 8, 4);
        HyperParameters params = plugin.hyperParameters().parse(
                operator.equals("mamba2-hybrid") ? Map.of("mixer", "mlp_t") : Map.of());

        Tracer t = new Tracer();
        Tensor in = t.input("hidden", Shape.of(batch, sequence, hidden), DType.F32);
        Tensor out = plugin.create(dims, params).apply(in, t);
        t.output("out", out);
        t.output("loss", out.mul(out).reshape(-1).sum(0).div((float) out.shape().size()));
        Graph graph = t.build();
        List<String> names = graph.parameters().stream().map(ParameterSpec::name).toList();
        Graph forwardOnly = new Graph(graph.nodes(), graph.parameters(), Map.of("out", graph.outputs().get("out")));
        Graph withGrads = Autodiff.gradients(graph, "loss", names);
        Map<String, Integer> gradOutputs = new LinkedHashMap<>(withGrads.outputs());
        gradOutputs.remove("out");
        withGrads = new Graph(withGrads.nodes(), withGrads.parameters(), gradOutputs);

        CpuBackend cpu = new CpuBackend();
        forward = cpu.compile(forwardOnly);
        forwardBackward = cpu.compile(withGrads);

        SplittableRandom rng = new SplittableRandom(1);
        feeds = new LinkedHashMap<>();
        for (ParameterSpec p : graph.parameters()) {
            feeds.put(p.name(), HostTensor.of(p.shape(), p.initializer().sample(p.shape(), rng)));
        }
        float[] x = new float[batch * sequence * hidden];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        feeds.put("hidden", HostTensor.of(Shape.of(batch, sequence, hidden), x));
    }

    @Benchmark
    public Map<String, HostTensor> forward() {
        return forward.run(feeds);
    }

    @Benchmark
    public Map<String, HostTensor> forwardBackward() {
        return forwardBackward.run(feeds);
    }

    @TearDown
    public void tearDown() {
        forward.close();
        forwardBackward.close();
    }
}
