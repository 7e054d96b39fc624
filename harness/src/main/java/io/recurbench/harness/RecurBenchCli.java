package io.recurbench.harness;

import com.google.inject.Injector;
import io.recurbench.harness.bench.BenchCommand;
import io.recurbench.harness.cli.CompareCommand;
import io.recurbench.harness.cli.EvalCommand;
import io.recurbench.harness.cli.ListCommand;
import io.recurbench.harness.cli.ReportCommand;
import io.recurbench.harness.cli.SetupCommand;
import io.recurbench.harness.cli.TrainCommand;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code recurbench} command line (the launcher script at the repository root runs this class
 * from {@code harness/target/recurbench.jar}). Without a subcommand it prints its usage. Commands
 * get the wired application from {@link #injector()}, created on first use so that {@code --help}
 * and {@code bench gemm} do not discover plugins.
 */
@Command(name = "recurbench", mixinStandardHelpOptions = true, version = "RecurBench 0.1.0-SNAPSHOT",
    description = "Compares recursive-reasoning operators inside the TRM scaffold; measures the engine's kernels.",
    subcommands = {CompareCommand.class, TrainCommand.class, EvalCommand.class, ListCommand.class,
        ReportCommand.class, BenchCommand.class, SetupCommand.class, CommandLine.HelpCommand.class})
public final class RecurBenchCli implements Runnable {
  @Spec
  CommandSpec spec;

  private final Supplier<Injector> injectorFactory;
  private Injector injector;

  public RecurBenchCli(Supplier<Injector> injectorFactory) {
    this.injectorFactory = injectorFactory;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The wired application (created once, on first use). */
  public Injector injector() {
    if (injector == null) {
      injector = injectorFactory.get();
    }
    return injector;
  }

  /** The command line of the application as shipped. */
  public static CommandLine commandLine() {
    return commandLine(Application::injector);
  }

  /**
   * The configured command line over {@code injectorFactory}: a {@link UserError} becomes one line
   * {@code recurbench: <message>} on the error stream and exit code 1, without a stack trace.
   */
  public static CommandLine commandLine(Supplier<Injector> injectorFactory) {
    CommandLine cli = new CommandLine(new RecurBenchCli(injectorFactory));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
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
