package io.recurbench.harness.run;

import io.recurbench.reports.model.Results;
import java.nio.file.Path;
import java.util.List;

/** Renders the reports of a results file into a directory ({@code report.md}, {@code report.html}). */
public interface ReportWriter {
  /** Writes the reports of {@code results} into {@code directory}; returns the files written. */
  List<Path> write(Results results, Path directory);
}
