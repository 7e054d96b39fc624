package io.recurbench.harness;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import io.recurbench.harness.run.ScaffoldRuntime;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Builds the application for tests: the real wiring with a given scaffold runtime and extra plugins. */
public final class TestApp {
  private TestApp() {}

  public static Injector with(ScaffoldRuntime scaffold) {
    return with(scaffold, TestApp.class.getClassLoader());
  }

  public static Injector with(ScaffoldRuntime scaffold, ClassLoader classpath) {
    return Application.injector(classpath, Optional.empty(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(ScaffoldRuntime.class).toInstance(scaffold);
      }
    });
  }

  /**
   * A class loader over the test class path that also registers {@code providers} as operator
   * plugins (a services file in {@code dir}), as a plugin on the class path would be.
   */
  public static ClassLoader withOperatorPlugins(Path dir, List<Class<?>> providers) throws IOException {
    Path services = dir.resolve("META-INF/services/io.recurbench.api.operator.OperatorPlugin");
    Files.createDirectories(services.getParent());
    Files.writeString(services, String.join("\n", providers.stream().map(Class::getName).toList()) + "\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, TestApp.class.getClassLoader());
  }
}
