package io.recurbench.harness.bench;

import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.recurbench.api.DType;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.engine.autodiff.Autodiff;
import io.recurbench.engine.backend.Backend;
import io.recurbench.engine.backend.Executable;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.trace.Tracer;
import io.recurbench.harness.RecurBenchCli;
import io.recurbench.harness.UserError;
import io.recurbench.harness.wiring.BackendFactory;
import io.recurbench.harness.wiring.DiscoveredOperator;
import io.recurbench.harness.wiring.OperatorInventory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code recurbench bench operators}: throughput of one operator application, forward + backward
 * (the gradient of {@code mean(out²)} with respect to every parameter, one compiled graph), for each
 * operator × backend at one shape {@code [B, S, D]}, measured in this run. Prints examples per second
 * and the ratio to the first row. Each cell is the median of timed samples taken after warm-up.
 */
@Command(name = "operators", mixinStandardHelpOptions = true,
    description = {"Forward+backward throughput of each operator × backend at [B, S, D]; prints examples/s and",
        "the ratio to the first row (all measured in this run)."})
public final class OperatorBenchCommand implements Callable<Integer> {
  @ParentCommand
  BenchCommand bench;

  @Spec
  CommandSpec spec;

  @Option(names = "--operators", split = ",", paramLabel = "NAMES", description = "default: every loaded operator")
  List<String> operators;

  @Option(names = "--backends", split = ",", paramLabel = "NAMES", defaultValue = "cpu",
      description = "backends to compare (default: ${DEFAULT-VALUE}); e.g. cpu,tvm-llvm")
  List<String> backends;

  @Option(names = "--batch", defaultValue = "32", paramLabel = "B", description = "batch (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--sequence", defaultValue = "16", paramLabel = "S", description = "positions (default: ${DEFAULT-VALUE}, 4×4 Sudoku)")
  int sequence;

  @Option(names = "--hidden", defaultValue = "64", paramLabel = "D", description = "width (default: ${DEFAULT-VALUE})")
  int hidden;

  @Option(names = "--heads", defaultValue = "2", paramLabel = "H", description = "attention heads (default: ${DEFAULT-VALUE})")
  int heads;

  @Option(names = "--samples", defaultValue = "5", paramLabel = "N", description = "timed samples per cell (default: ${DEFAULT-VALUE})")
  int samples;

  @Override
  public Integer call() {
    if (batch < 1 || sequence < 1 || hidden < 1 || heads < 1 || samples < 1 || hidden % heads != 0) {
      throw new UserError("bench operators: B, S, D, heads and samples must be >= 1 and heads must divide D");
    }
    RecurBenchCli root = bench.root;
    OperatorInventory inventory = root.injector().getInstance(OperatorInventory.class);
    Map<String, BackendFactory> factories = root.injector().getInstance(
        Key.get(new TypeLiteral<Map<String, BackendFactory>>() {}));
    List<DiscoveredOperator> chosen = new ArrayList<>();
    for (String name : operators != null ? operators : inventory.loaded().stream().map(DiscoveredOperator::name).toList()) {
      chosen.add(inventory.find(name).orElseThrow(() -> new UserError("bench operators: unknown operator '" + name
          + "'; loaded: " + inventory.loaded().stream().map(DiscoveredOperator::name).toList())));
    }
    List<Backend> created = new ArrayList<>();
    for (String b : backends) {
      BackendFactory f = factories.get(b);
      if (f == null) {
        throw new UserError("bench operators: unknown backend '" + b + "'; known: " + factories.keySet());
      }
      created.add(f.create());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "operator forward+backward, B=%d S=%d D=%d heads=%d, median of %d samples%n", batch,
        sequence, hidden, heads, samples);
    out.printf(Locale.ROOT, "%-16s %-10s %12s %12s %8s%n", "operator", "backend", "ms/call", "examples/s", "ratio");
    out.flush();
    double reference = Double.NaN;
    ModelDims dims = new ModelDims(hidden, sequence, 0, heads, 4);
    for (DiscoveredOperator op : chosen) {
      for (Backend backend : created) {
        double seconds = time(op, dims, backend);
        double rate = batch / seconds;
        if (Double.isNaN(reference)) {
          reference = rate;
        }
        out.printf(Locale.ROOT, "%-16s %-10s %12.3f %12.1f %8.3f%n", op.name(), backend.name(), seconds * 1e3, rate,
            rate / reference);
        out.flush();
      }
    }
    return 0;
  }

  /** Median seconds per forward+backward call, each sample at least 200 ms of calls, after warm-up. */
  private double time(DiscoveredOperator op, ModelDims dims, Backend backend) {
    HyperParameters params = op.plugin().hyperParameters().defaults();
    Tracer t = new Tracer();
    Shape shape = Shape.of(batch, sequence, hidden);
    Tensor in = t.input("hidden", shape, DType.F32);
    Tensor out = op.plugin().create(dims, params).apply(in, t);
    t.output("loss", out.mul(out).reshape(-1).sum(0).div((float) out.shape().size()));
    Graph graph = t.build();
    List<String> names = graph.parameters().stream().map(ParameterSpec::name).toList();
    Graph withGrads = Autodiff.gradients(graph, "loss", names);
    SplittableRandom rng = new SplittableRandom(1);
    Map<String, HostTensor> feeds = new LinkedHashMap<>();
    for (ParameterSpec p : graph.parameters()) {
      feeds.put(p.name(), HostTensor.of(p.shape(), p.initializer().sample(p.shape(), rng)));
    }
    float[] x = new float[batch * sequence * hidden];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    feeds.put("hidden", HostTensor.of(shape, x));
    try (Executable exe = backend.compile(withGrads)) {
      long warmEnd = System.nanoTime() + 1_000_000_000L;
      do {
        exe.run(feeds);
      } while (System.nanoTime() < warmEnd);
      double[] perCall = new double[samples];
      for (int s = 0; s < samples; s++) {
        long start = System.nanoTime();
        int calls = 0;
        do {
          exe.run(feeds);
          calls++;
        } while (System.nanoTime() - start < 200_000_000L);
        perCall[s] = (System.nanoTime() - start) / 1e9 / calls;
      }
      java.util.Arrays.sort(perCall);
      return perCall[samples / 2];
    }
  }
}
