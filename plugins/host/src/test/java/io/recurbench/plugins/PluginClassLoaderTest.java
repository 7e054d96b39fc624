package io.recurbench.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.plugins.testplugins.GoodPlugin;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginClassLoaderTest {

    @TempDir
    Path dir;

    private PluginClassLoader loaderFor(Path jar) throws Exception {
        return new PluginClassLoader(jar.toString(), List.of(jar.toUri().toURL()), OperatorPlugin.class.getClassLoader());
    }

    @Test
    void pluginClassesComeFromTheJarEvenWhenTheHostHasThemToo() throws Exception {
        Path jar = TestJars.jar(dir.resolve("good.jar"), List.of(GoodPlugin.class.getName()), GoodPlugin.class,
                Class.forName("io.recurbench.plugins.testplugins.TestPlugin"));
        try (PluginClassLoader loader = loaderFor(jar)) {
            Class<?> c = loader.loadClass(GoodPlugin.class.getName());
            assertThat(c).isNotSameAs(GoodPlugin.class);
            assertThat(c.getClassLoader()).isSameAs(loader);
            assertThat(c.getProtectionDomain().getCodeSource().getLocation()).isEqualTo(jar.toUri().toURL());
            assertThat(OperatorPlugin.class.isAssignableFrom(c)).as("the SPI is shared with the host").isTrue();
        }
    }

    @Test
    void theSpiAndTheJdkAreSharedAndNothingElseOfTheHostIsVisible() throws Exception {
        Path jar = TestJars.jar(dir.resolve("empty.jar"), null);
        try (PluginClassLoader loader = loaderFor(jar)) {
            assertThat(loader.loadClass(OperatorPlugin.class.getName())).isSameAs(OperatorPlugin.class);
            assertThat(loader.loadClass("java.util.List")).isSameAs(List.class);
            assertThat(loader.loadClass("java.sql.Connection").getClassLoader())
                    .isSameAs(ClassLoader.getPlatformClassLoader());
            for (String hidden : List.of(PluginHost.class.getName(), "io.recurbench.engine.ir.Graph",
                    "io.recurbench.operators.parity.Budget", "org.junit.jupiter.api.Test")) {
                assertThatThrownBy(() -> loader.loadClass(hidden)).isInstanceOf(ClassNotFoundException.class);
            }
        }
    }

    @Test
    void aCopyOfTheSpiBundledInThePluginIsIgnored() throws Exception {
        Path jar = TestJars.jar(dir.resolve("fat.jar"), List.of(GoodPlugin.class.getName()), GoodPlugin.class,
                Class.forName("io.recurbench.plugins.testplugins.TestPlugin"), OperatorPlugin.class);
        PluginDiscovery.Result r = PluginDiscovery.fromDirectory(dir);
        assertThat(r.refused()).isEmpty();
        assertThat(r.loaded()).singleElement().satisfies(p -> {
            assertThat(p.plugin()).isInstanceOf(OperatorPlugin.class);
            assertThat(p.source().location()).contains(jar);
        });
    }

    @Test
    void serviceFilesAreReadFromThePluginOnly() throws Exception {
        Path jar = TestJars.jar(dir.resolve("good.jar"), List.of(GoodPlugin.class.getName()), GoodPlugin.class);
        try (PluginClassLoader loader = loaderFor(jar)) {
            assertThat(Collections.list(loader.getResources(PluginDiscovery.SERVICE_FILE)))
                    .singleElement().asString().isEqualTo("jar:" + jar.toUri().toURL() + "!/" + PluginDiscovery.SERVICE_FILE);
        }
    }
}
