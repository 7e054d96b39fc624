package io.recurbench.harness.bench;

import io.recurbench.engine.cpu.gemm.MicroKernel;
import io.recurbench.harness.ProjectHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.DoubleStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code recurbench bench gemm}: GFLOP/s of our float32 GEMM on an n × n × n product and, with
 * {@code --vs-numpy}, of numpy/OpenBLAS on the same size in the same run, then the ratio. The two
 * sides alternate over {@code --rounds} rounds so that a change in the machine's other load falls
 * on both. Results go to standard output (the last line is {@code gemm n=<n> ratio=<ours/numpy>},
 * or {@code gemm n=<n> gflops=<ours>} alone); progress lines go to standard error.
 */
@Command(name = "gemm", mixinStandardHelpOptions = true,
    description = {"Times our float32 GEMM (C = A·B, n × n × n) and optionally numpy/OpenBLAS on the same size.",
        "GFLOP/s = 2n³ / seconds per product; 'best' is the fastest sample, 'median' the middle one;",
        "the ratio compares best samples. 'cpu' is GFLOP per CPU-second of the process (median sample),",
        "which other load on a shared machine disturbs far less than wall time."})
public final class GemmBenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--size", paramLabel = "N", defaultValue = "1024", description = "matrix size n (default: ${DEFAULT-VALUE})")
  int size;

  @Option(names = "--repeat", paramLabel = "R", defaultValue = "5",
      description = "timed samples per side and round, each ≥ 50 ms of products (default: ${DEFAULT-VALUE})")
  int repeat;

  @Option(names = "--rounds", paramLabel = "K", defaultValue = "2",
      description = "rounds, alternating ours and numpy (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--threads", paramLabel = "T", description = "threads for ours and for OpenBLAS (default: available processors)")
  Integer threads;

  @Option(names = "--vs-numpy", description = "also time numpy (OpenBLAS) in the project's .venv and print the ratio")
  boolean vsNumpy;

  @Option(names = "--python", paramLabel = "EXE", defaultValue = "python3",
      description = "interpreter that creates the virtual environment when it is missing (default: ${DEFAULT-VALUE})")
  String python;

  @Option(names = "--venv", paramLabel = "DIR", description = "virtual environment for numpy (default: <repository>/.venv)")
  Path venv;

  @Override
  public Integer call() {
    if (size < 1 || repeat < 1 || rounds < 1 || (threads != null && threads < 1)) {
      throw new ParameterException(spec.commandLine(), "--size, --repeat, --rounds and --threads must be >= 1");
    }
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter progress = spec.commandLine().getErr();
    out.printf(Locale.ROOT, "gemm float32 n=%d threads=%d repeat=%d rounds=%d species=%d lanes (tile %d×%d) load=%s%n",
        size, t, repeat, rounds, MicroKernel.LANES, MicroKernel.MR, MicroKernel.NR, loadAverage());
    out.flush();

    NumpyPeer peer = null;
    Path venvPython = null;
    if (vsNumpy) {
      Path home = ProjectHome.locate();
      peer = new NumpyPeer(home, venv != null ? venv : home.resolve(".venv"), python, progress);
      venvPython = peer.prepare();
    }
    double[] ours = new double[0];
    double[] oursCpu = new double[0];
    double[] numpy = new double[0];
    double[] numpyCpu = new double[0];
    NumpyPeer.Result numpyInfo = null;
    try (OwnGemmRun run = new OwnGemmRun(size, t)) {
      say(progress, "ours: warming up n=" + size + " on " + t + " thread(s) until the JIT has settled…");
      run.warmUp();
      for (int r = 1; r <= rounds; r++) {
        say(progress, "[round " + r + "/" + rounds + "] ours: " + repeat + " samples…");
        OwnGemmRun.Samples samples = run.sample(repeat);
        ours = concat(ours, samples.wall());
        oursCpu = concat(oursCpu, samples.cpu());
        if (peer != null) {
          say(progress, "[round " + r + "/" + rounds + "] numpy: " + repeat + " samples with " + t + " OpenBLAS thread(s)…");
          numpyInfo = peer.measure(venvPython, size, repeat, t);
          numpy = concat(numpy, numpyInfo.samples());
          numpyCpu = concat(numpyCpu, numpyInfo.cpuSamples());
        }
      }
    }

    Timing own = Timing.of(ours);
    Timing ownCpu = Timing.of(oursCpu);
    out.printf(Locale.ROOT, "ours  n=%d best=%.1f GFLOP/s median=%.1f GFLOP/s (%.3f ms per product) cpu=%.1f GFLOP per CPU-s%n",
        size, own.bestGflops(size), own.medianGflops(size), own.bestSeconds() * 1e3, ownCpu.medianGflops(size));
    if (numpyInfo == null) {
      out.printf(Locale.ROOT, "gemm n=%d gflops=%.1f%n", size, own.bestGflops(size));
      out.flush();
      return 0;
    }
    Timing peerTiming = Timing.of(numpy);
    Timing peerCpu = Timing.of(numpyCpu);
    out.printf(Locale.ROOT, "numpy n=%d best=%.1f GFLOP/s median=%.1f GFLOP/s (%.3f ms per product) cpu=%.1f GFLOP per CPU-s"
            + " (numpy %s, %s, OPENBLAS_NUM_THREADS=%s)%n",
        size, peerTiming.bestGflops(size), peerTiming.medianGflops(size), peerTiming.bestSeconds() * 1e3,
        peerCpu.medianGflops(size), numpyInfo.numpyVersion(), numpyInfo.blas(), numpyInfo.threads());
    out.printf(Locale.ROOT, "load=%s median ratio=%.2f cpu ratio=%.2f (the ratio below compares best samples)%n",
        loadAverage(), peerTiming.medianSeconds() / own.medianSeconds(), peerCpu.medianSeconds() / ownCpu.medianSeconds());
    out.printf(Locale.ROOT, "gemm n=%d ratio=%.2f%n", size, peerTiming.bestSeconds() / own.bestSeconds());
    out.flush();
    return 0;
  }

  private static void say(PrintWriter progress, String line) {
    progress.println(line);
    progress.flush();
  }

  private static double[] concat(double[] x, double[] y) {
    return DoubleStream.concat(Arrays.stream(x), Arrays.stream(y)).toArray();
  }

  /** The 1/5/15-minute load averages, to read the figures against what else ran (Linux; "n/a" elsewhere). */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
