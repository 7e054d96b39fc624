package io.recurbench.harness.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recurbench.harness.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * numpy (with its bundled OpenBLAS) as the GEMM peer: makes sure the project-local virtual
 * environment exists with the pinned {@code python/requirements-bench.txt}, runs {@code
 * python/bench_gemm.py} in it and reads the one JSON line it prints.
 *
 * @param home     the repository root (holds {@code python/})
 * @param venv     the virtual environment directory ({@code <home>/.venv} by default)
 * @param python   the interpreter that creates the environment when it is missing
 * @param progress where progress lines go
 */
record NumpyPeer(Path home, Path venv, String python, PrintWriter progress) {
  /** The numpy side of one measurement: wall and process-CPU seconds per product of each sample. */
  record Result(double[] samples, double[] cpuSamples, String numpyVersion, String blas, String threads) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Makes sure the virtual environment has numpy (creating it once); returns its interpreter. */
  Path prepare() {
    if (!Files.isRegularFile(script())) {
      throw new UserError(script() + ": not found (the numpy side of --vs-numpy; run it from the repository or set -Drecurbench.home)");
    }
    return ensureEnvironment();
  }

  /** One round of {@code repeat} samples of numpy on an n × n × n product, with the interpreter {@link #prepare} returned. */
  Result measure(Path venvPython, int n, int repeat, int threads) {
    Path script = script();
    List<String> stdout = new ArrayList<>();
    int exit = run(List.of(venvPython.toString(), script.toString(), "--size", Integer.toString(n),
        "--repeat", Integer.toString(repeat)), threads, stdout::add);
    if (exit != 0 || stdout.isEmpty()) {
      throw new UserError(script + " exited with " + exit + ": " + String.join(" | ", stdout));
    }
    return parse(stdout.getLast());
  }

  /** Reads the JSON line of {@code bench_gemm.py}. */
  static Result parse(String line) {
    try {
      JsonNode json = JSON.readTree(line);
      for (String field : List.of("samples_s", "cpu_samples_s", "numpy", "blas", "threads")) {
        if (!json.hasNonNull(field)) {
          throw new UserError("bench_gemm.py output: field '" + field + "' missing in " + line);
        }
      }
      return new Result(seconds(json, "samples_s", line), seconds(json, "cpu_samples_s", line),
          json.get("numpy").asText(), json.get("blas").asText(), json.get("threads").asText());
    } catch (IOException e) {
      throw new UserError("bench_gemm.py output: expected one JSON object, got: " + line, e);
    }
  }

  private static double[] seconds(JsonNode json, String field, String line) {
    JsonNode samples = json.get(field);
    if (!samples.isArray() || samples.isEmpty()) {
      throw new UserError("bench_gemm.py output: '" + field + "' must be a non-empty array in " + line);
    }
    double[] seconds = new double[samples.size()];
    for (int i = 0; i < seconds.length; i++) {
      seconds[i] = samples.get(i).asDouble();
    }
    return seconds;
  }

  private Path script() {
    return home.resolve("python/bench_gemm.py");
  }

  private Path ensureEnvironment() {
    Path venvPython = venv.resolve("bin/python");
    if (Files.isExecutable(venvPython) && run(List.of(venvPython.toString(), "-c", "import numpy"), 1, l -> {}) == 0) {
      return venvPython;
    }
    Path requirements = home.resolve("python/requirements-bench.txt");
    if (!Files.isRegularFile(requirements)) {
      throw new UserError(requirements + ": not found (pins numpy for --vs-numpy)");
    }
    if (!Files.isExecutable(venvPython)) {
      progress.println("numpy: creating the virtual environment " + venv + " with " + python + " (once)…");
      progress.flush();
      int created;
      try {
        created = run(List.of(python, "-m", "venv", venv.toString()), 1, this::echo);
      } catch (UserError e) {
        throw new UserError("--vs-numpy needs Python 3 to build " + venv + ", but '" + python
            + "' cannot be run (" + e.getMessage() + "); install python3 or pass --python PATH");
      }
      if (created != 0) {
        throw new UserError("'" + python + " -m venv " + venv + "' failed with exit code " + created);
      }
    }
    progress.println("numpy: installing " + requirements + " into " + venv + " (once)…");
    progress.flush();
    int installed = run(List.of(venvPython.toString(), "-m", "pip", "install", "--disable-pip-version-check", "-q",
        "-r", requirements.toString()), 1, this::echo);
    if (installed != 0) {
      throw new UserError("installing " + requirements + " into " + venv + " failed with exit code " + installed);
    }
    return venvPython;
  }

  private void echo(String line) {
    progress.println("  " + line);
    progress.flush();
  }

  /** "No such file or directory" out of "Cannot run program "x": error=2, No such file or directory" and its variants. */
  private static String reason(IOException e) {
    String message = String.valueOf(e.getMessage()).strip();
    int open = message.lastIndexOf('(');
    if (open >= 0 && message.endsWith(")")) {
      return message.substring(open + 1, message.length() - 1).strip();
    }
    int comma = message.lastIndexOf(", ");
    return comma >= 0 ? message.substring(comma + 2) : message;
  }

  /** Runs a process with OPENBLAS_NUM_THREADS set, feeding its merged output to {@code lines}. */
  private static int run(List<String> command, int threads, Consumer<String> lines) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
    try {
      Process process = builder.start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          lines.accept(line);
        }
      }
      return process.waitFor();
    } catch (IOException e) {
      throw new UserError(reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while running " + command.getFirst(), e);
    }
  }
}
