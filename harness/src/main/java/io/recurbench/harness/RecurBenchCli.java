package io.recurbench.harness;

import io.recurbench.harness.bench.BenchCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code recurbench} command line (the launcher script at the repository root runs this class
 * from {@code harness/target/recurbench.jar}). Without a subcommand it prints its usage.
 */
@Command(name = "recurbench", mixinStandardHelpOptions = true, version = "RecurBench 0.1.0-SNAPSHOT",
    description = "Compares recursive-reasoning operators inside the TRM scaffold; measures the engine's kernels.",
    subcommands = {BenchCommand.class, CommandLine.HelpCommand.class})
public final class RecurBenchCli implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The configured command line: a {@link UserError} becomes one line {@code recurbench: <message>}
   * on the error stream and exit code 1, without a stack trace.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new RecurBenchCli());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof UserError) {
        PrintWriter err = commandLine.getErr();
        err.println("recurbench: " + e.getMessage());
        err.flush();
        return 1;
      }
      throw e;
    });
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
