package io.recurbench.harness.bench;

import io.recurbench.engine.cpu.gemm.MicroKernel;
import io.recurbench.harness.ProjectHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code recurbench bench gemm}: GFLOP/s of our float32 GEMM on an n × n × n product and, with
 * {@code --vs-numpy}, of numpy/OpenBLAS on the same size in the same run, then the ratio. Results go
 * to standard output (the last line is {@code gemm n=<n> ratio=<ours/numpy>}, or {@code gemm n=<n>
 * gflops=<ours>} alone); progress lines go to standard error.
 */
@Command(name = "gemm", mixinStandardHelpOptions = true,
    description = {"Times our float32 GEMM (C = A·B, n × n × n) and optionally numpy/OpenBLAS on the same size.",
        "GFLOP/s = 2n³ / seconds per product; 'best' is the fastest sample, 'median' the middle one."})
public final class GemmBenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--size", paramLabel = "N", defaultValue = "1024", description = "matrix size n (default: ${DEFAULT-VALUE})")
  int size;

  @Option(names = "--repeat", paramLabel = "R", defaultValue = "5",
      description = "timed samples per side, each ≥ 50 ms of products (default: ${DEFAULT-VALUE})")
  int repeat;

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
    if (size < 1 || repeat < 1 || (threads != null && threads < 1)) {
      throw new ParameterException(spec.commandLine(), "--size, --repeat and --threads must be >= 1");
    }
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter progress = spec.commandLine().getErr();
    out.printf(Locale.ROOT, "gemm float32 n=%d threads=%d repeat=%d species=%d lanes (tile %d×%d) load=%s%n",
        size, t, repeat, MicroKernel.LANES, MicroKernel.MR, MicroKernel.NR, loadAverage());
    out.flush();

    progress.println("ours: warming up and timing n=" + size + " on " + t + " thread(s)…");
    progress.flush();
    Timing ours = OwnGemmRun.measure(size, repeat, t);
    out.printf(Locale.ROOT, "ours  n=%d best=%.1f GFLOP/s median=%.1f GFLOP/s (%.3f ms per product)%n",
        size, ours.bestGflops(size), ours.medianGflops(size), ours.bestSeconds() * 1e3);
    out.flush();
    if (!vsNumpy) {
      out.printf(Locale.ROOT, "gemm n=%d gflops=%.1f%n", size, ours.bestGflops(size));
      out.flush();
      return 0;
    }

    Path home = ProjectHome.locate();
    NumpyPeer peer = new NumpyPeer(home, venv != null ? venv : home.resolve(".venv"), python, progress);
    NumpyPeer.Result numpy = peer.measure(size, repeat, t);
    out.printf(Locale.ROOT, "numpy n=%d best=%.1f GFLOP/s median=%.1f GFLOP/s (%.3f ms per product; numpy %s, %s, OPENBLAS_NUM_THREADS=%s)%n",
        size, numpy.timing().bestGflops(size), numpy.timing().medianGflops(size), numpy.timing().bestSeconds() * 1e3,
        numpy.numpyVersion(), numpy.blas(), numpy.threads());
    out.printf(Locale.ROOT, "load=%s median ratio=%.2f (the ratio below compares best times)%n", loadAverage(),
        numpy.timing().medianSeconds() / ours.medianSeconds());
    out.printf(Locale.ROOT, "gemm n=%d ratio=%.2f%n", size, numpy.timing().bestSeconds() / ours.bestSeconds());
    out.flush();
    return 0;
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
