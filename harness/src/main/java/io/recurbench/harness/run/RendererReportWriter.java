package io.recurbench.harness.run;

import io.recurbench.reports.ReportRenderer;
import io.recurbench.reports.model.Results;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** Reports through the reports module's {@link ReportRenderer} (deterministic: same results, same bytes). */
public final class RendererReportWriter implements ReportWriter {
  @Override
  public List<Path> write(Results results, Path directory) {
    try {
      ReportRenderer.Written written = ReportRenderer.render(results, directory);
      return List.of(written.markdown(), written.html());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reports into " + directory, e);
    }
  }
}
