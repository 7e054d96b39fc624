package io.recurbench.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.harness.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GemmBenchCommandTest {
  @Test
  void parsesEveryOption() {
    GemmBenchCommand command = new GemmBenchCommand();
    new CommandLine(command).parseArgs("--size", "64", "--repeat", "2", "--rounds", "4", "--threads", "3", "--vs-numpy",
        "--python", "/opt/py/bin/python3", "--venv", "/tmp/v");
    assertThat(command.size).isEqualTo(64);
    assertThat(command.repeat).isEqualTo(2);
    assertThat(command.rounds).isEqualTo(4);
    assertThat(command.threads).isEqualTo(3);
    assertThat(command.vsNumpy).isTrue();
    assertThat(command.python).isEqualTo("/opt/py/bin/python3");
    assertThat(command.venv).isEqualTo(Path.of("/tmp/v"));
  }

  @Test
  void defaultsAreSize1024Repeat5Rounds2AllProcessorsNoNumpy() {
    GemmBenchCommand command = new GemmBenchCommand();
    new CommandLine(command).parseArgs();
    assertThat(command.size).isEqualTo(1024);
    assertThat(command.repeat).isEqualTo(5);
    assertThat(command.rounds).isEqualTo(2);
    assertThat(command.threads).isNull();
    assertThat(command.vsNumpy).isFalse();
    assertThat(command.python).isEqualTo("python3");
  }

  @Test
  void runsOnATinySizeAndPrintsOurFigures() {
    CliRun run = CliRun.of("bench", "gemm", "--size", "48", "--repeat", "2", "--rounds", "1", "--threads", "2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] lines = run.out().strip().split("\n");
    assertThat(lines[0]).contains("gemm float32 n=48 threads=2 repeat=2 rounds=1").contains("lanes").contains("load=");
    assertThat(lines[1]).matches("ours  n=48 best=[0-9.]+ GFLOP/s median=[0-9.]+ GFLOP/s .* cpu=[0-9.]+ GFLOP per CPU-s");
    assertThat(lines[lines.length - 1]).matches("gemm n=48 gflops=[0-9.]+");
    assertThat(run.err()).contains("ours: warming up").contains("[round 1/1] ours: 2 samples");
  }

  @Test
  void vsNumpyAlternatesRoundsAndEndsWithTheRatio(@TempDir Path dir) throws Exception {
    // A stand-in interpreter in the venv: answers the numpy import probe and prints bench_gemm.py's JSON line,
    // echoing the thread count it was given, so the CLI's plumbing is tested without installing numpy.
    Path python = Files.createDirectories(dir.resolve("venv/bin")).resolve("python");
    Files.writeString(python, """
        #!/bin/sh
        if [ "$1" = "-c" ]; then exit 0; fi
        echo "{\\"numpy\\": \\"fake\\", \\"blas\\": \\"stand-in\\", \\"threads\\": \\"$OPENBLAS_NUM_THREADS\\", \\"samples_s\\": [0.5, 0.25], \\"cpu_samples_s\\": [1.0, 0.5]}"
        """.stripIndent().strip() + "\n");
    python.toFile().setExecutable(true);
    CliRun run = CliRun.of("bench", "gemm", "--size", "32", "--repeat", "2", "--rounds", "2", "--threads", "1",
        "--vs-numpy", "--venv", dir.resolve("venv").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] lines = run.out().strip().split("\n");
    assertThat(run.out()).contains("numpy n=32 best=0.0 GFLOP/s median=0.0 GFLOP/s (250.000 ms per product) cpu=0.0 GFLOP per CPU-s"
        + " (numpy fake, stand-in, OPENBLAS_NUM_THREADS=1)");
    assertThat(lines[lines.length - 1]).matches("gemm n=32 ratio=[0-9.]+");
    assertThat(run.err()).contains("[round 2/2] numpy: 2 samples with 1 OpenBLAS thread(s)");
  }

  @Test
  void rejectsANonPositiveSize() {
    CliRun run = CliRun.of("bench", "gemm", "--size", "0");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--size, --repeat, --rounds and --threads must be >= 1");
  }

  @Test
  void vsNumpyWithoutAPythonFailsWithOneClearLine(@TempDir Path dir) {
    CliRun run = CliRun.of("bench", "gemm", "--size", "16", "--repeat", "1", "--vs-numpy",
        "--python", dir.resolve("no-such-python3").toString(), "--venv", dir.resolve("venv").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("recurbench: --vs-numpy needs Python 3").contains("no-such-python3")
        .doesNotContain("Exception");
  }

  @Test
  void readsTheNumpyScriptsJsonLine() {
    NumpyPeer.Result result = NumpyPeer.parse("{\"n\": 64, \"best_s\": 0.002, \"median_s\": 0.003, "
        + "\"gflops_best\": 0.26, \"gflops_median\": 0.17, \"numpy\": \"2.4.6\", \"blas\": \"scipy-openblas 0.3\", "
        + "\"threads\": \"2\", \"samples_s\": [0.003, 0.002, 0.004], \"cpu_samples_s\": [0.006, 0.004, 0.008]}");
    assertThat(result.samples()).containsExactly(0.003, 0.002, 0.004);
    assertThat(result.cpuSamples()).containsExactly(0.006, 0.004, 0.008);
    assertThat(result.numpyVersion()).isEqualTo("2.4.6");
    assertThat(result.threads()).isEqualTo("2");
  }

  @Test
  void rejectsNumpyOutputWithoutSamples() {
    assertThatThrownBy(() -> NumpyPeer.parse("{\"numpy\": \"2.4.6\", \"blas\": \"x\", \"threads\": \"1\"}"))
        .hasMessageContaining("field 'samples_s' missing");
    assertThatThrownBy(() -> NumpyPeer.parse("Traceback (most recent call last):"))
        .hasMessageContaining("expected one JSON object");
  }

  @Test
  void timingReportsBestAndMedianAsGflops() {
    Timing t = Timing.of(new double[] {0.4, 0.1, 0.2, 0.3});
    assertThat(t.bestSeconds()).isEqualTo(0.1);
    assertThat(t.medianSeconds()).isEqualTo(0.25);
    assertThat(t.bestGflops(1000)).isEqualTo(2e9 / 0.1 / 1e9);
  }
}
