package io.recurbench.harness;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in-process and keeps its exit code and what it printed (test helper). */
public record CliRun(int exitCode, String out, String err) {
  public static CliRun of(String... args) {
    return run(RecurBenchCli.commandLine(), args);
  }

  /** Runs over a given application (e.g. {@link TestApp#with}). */
  public static CliRun with(Injector injector, String... args) {
    return run(RecurBenchCli.commandLine(() -> injector), args);
  }

  private static CliRun run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
