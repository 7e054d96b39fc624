package io.recurbench.harness;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import io.recurbench.harness.run.RendererReportWriter;
import io.recurbench.harness.run.ReportWriter;
import io.recurbench.harness.run.ScaffoldRuntime;
import io.recurbench.harness.wiring.HarnessModule;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The application as shipped: {@link HarnessModule} over the application's class path and the
 * plugin directory, the TRM scaffold, and the reports module's renderer. The plugin directory is
 * {@code -Drecurbench.plugins=DIR}, else {@code $RECURBENCH_PLUGINS}, else {@code plugins/jars/}
 * under the project home ({@code plugins/} itself holds the plugin host's sources).
 */
public final class Application {
  private Application() {}

  public static Injector injector() {
    ScaffoldRuntime scaffold = java.util.ServiceLoader.load(ScaffoldRuntime.class, Application.class.getClassLoader())
        .findFirst().orElseThrow(() -> new UserError("no scaffold runtime on the class path (META-INF/services/"
            + ScaffoldRuntime.class.getName() + "); the harness jar is incomplete"));
    return injector(Application.class.getClassLoader(), pluginDirectory(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(ScaffoldRuntime.class).toInstance(scaffold);
      }
    });
  }

  /** The application with another scaffold runtime (tests bind a small one). */
  public static Injector injector(ClassLoader classpath, Optional<Path> plugins, Module scaffold) {
    return Guice.createInjector(Stage.PRODUCTION, new HarnessModule(classpath, plugins), scaffold,
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(ReportWriter.class).to(RendererReportWriter.class);
          }
        });
  }

  static Optional<Path> pluginDirectory() {
    String property = System.getProperty("recurbench.plugins");
    if (property == null || property.isBlank()) {
      property = System.getenv("RECURBENCH_PLUGINS");
    }
    if (property != null && !property.isBlank()) {
      return Optional.of(Path.of(property));
    }
    Path dir = ProjectHome.locate().resolve("plugins").resolve("jars");
    return java.nio.file.Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
  }
}
