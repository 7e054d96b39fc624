package io.recurbench.harness.bench;

import io.recurbench.harness.RecurBenchCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code recurbench bench}: kernel benchmarks that print a ratio against a peer measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks against a peer measured in the same run: GEMM kernels, operators × backends.",
    subcommands = {GemmBenchCommand.class, OperatorBenchCommand.class})
public final class BenchCommand implements Runnable {
  @ParentCommand
  RecurBenchCli root;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
