package io.recurbench.harness.cli;

import io.recurbench.harness.RecurBenchCli;
import io.recurbench.harness.UserError;
import io.recurbench.harness.run.ReportWriter;
import io.recurbench.reports.model.Results;
import io.recurbench.reports.model.ResultsFormatException;
import io.recurbench.reports.model.ResultsIo;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code recurbench report results.json}: renders report.md and report.html from a results file.
 * Rendering depends on the results alone, so re-rendering a run directory's results gives
 * byte-identical reports.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Re-renders report.md and report.html from a results.json (byte-identical for the same file).")
public final class ReportCommand implements Callable<Integer> {
  @ParentCommand
  RecurBenchCli root;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RESULTS", description = "a results.json")
  Path results;

  @Option(names = "--out", paramLabel = "DIR", description = "where to write the reports (default: next to the results)")
  Path out;

  @Override
  public Integer call() {
    Results read;
    try {
      read = ResultsIo.read(results);
    } catch (ResultsFormatException e) {
      throw new UserError(e.getMessage(), e);
    }
    Path dir = out != null ? out : results.toAbsolutePath().getParent();
    List<Path> written;
    try {
      written = root.injector().getInstance(ReportWriter.class).write(read, dir);
    } catch (IllegalArgumentException e) {
      throw new UserError(results + ": cannot be reported: " + e.getMessage(), e);
    }
    written.forEach(spec.commandLine().getOut()::println);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
