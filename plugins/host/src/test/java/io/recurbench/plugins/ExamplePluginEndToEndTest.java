package io.recurbench.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.operator.ModelDims;
import io.recurbench.operators.parity.Budget;
import io.recurbench.operators.parity.ParityConfig;
import io.recurbench.plugins.testplugins.NanLaterPlugin;
import io.recurbench.plugins.testplugins.ThrowingPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example outside plugin, built by the reactor to its own jar, dropped into a plugin directory
 * next to two bad plugins, loaded through its own class loader, validated against a budget together
 * with the built-ins from the class path, and compared with them in a tiny training run.
 */
class ExamplePluginEndToEndTest {

    static final String GLA = "gated-linear-attention";
    static final String GLA_CLASS = "io.recurbench.examples.gla.GatedLinearAttentionPlugin";
    static final ParityConfig TINY = new ParityConfig("tiny", new ModelDims(16, 8, 2, 2, 2.0), 10);

    @TempDir
    Path root;

    /** The example's jar as the reactor built it, or (when only compiled) a jar of its class folder. */
    private Path exampleJar(Path pluginDir) throws Exception {
        Path built = Path.of(System.getProperty("recurbench.example.jar"));
        Path target = pluginDir.resolve("gated-linear-attention.jar");
        if (Files.isRegularFile(built)) {
            return Files.copy(built, target);
        }
        Path classes = Path.of(System.getProperty("recurbench.example.classes"));
        assertThat(classes).as("the reactor builds the example before the host").isDirectory();
        return TestJars.jarOfFolder(classes, target);
    }

    @Test
    void theExampleLoadsFromThePluginDirectoryAndIsComparedWithTheBuiltIns() throws Exception {
        assertThatThrownBy(() -> Class.forName(GLA_CLASS)).as("the example is not on the host's class path")
                .isInstanceOf(ClassNotFoundException.class);
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        exampleJar(plugins);
        Class<?> base = Class.forName("io.recurbench.plugins.testplugins.TestPlugin");
        TestJars.jar(plugins.resolve("nan-later.jar"), List.of(NanLaterPlugin.class.getName()), NanLaterPlugin.class, base);
        TestJars.jar(plugins.resolve("thrower.jar"), List.of(ThrowingPlugin.class.getName()), ThrowingPlugin.class, base);

        // Every operator is solved to the transformer's count at its defaults (±2%) by a parity knob.
        Map<String, Map<String, Object>> hp = Map.of(
                "mamba2-hybrid", Map.of("head_dim", 8, "d_state", 4, "chunk", 4),
                "nan-later", Map.of());
        long budget = 26_624 + TINY.scaffold().count(); // transformer: 2 · (4·16² + 3·16·256)
        ValidationSettings settings = ValidationSettings.of(TINY).withHyperParameters(hp)
                .withBudget(new Budget(budget, 0.02));
        PluginHost.Inventory inventory = PluginHost.load(new PluginHost.Sources(true, Optional.of(plugins)), settings);

        assertThat(inventory.accepted()).extracting(AcceptedPlugin::name)
                .containsExactlyInAnyOrder("transformer", "mamba2-hybrid", "mlp-mixer", GLA);
        AcceptedPlugin gla = inventory.get(GLA);
        Class<?> glaClass = gla.loaded().plugin().getClass();
        assertThat(glaClass.getName()).isEqualTo(GLA_CLASS);
        assertThat(glaClass.getClassLoader()).isInstanceOf(PluginClassLoader.class)
                .isNotSameAs(ClassLoader.getSystemClassLoader()).isNotSameAs(getClass().getClassLoader());
        assertThat(gla.loaded().source().location()).contains(plugins.resolve("gated-linear-attention.jar"));
        assertThat(inventory.get("transformer").loaded().source()).isEqualTo(PluginSource.classpath());
        for (AcceptedPlugin a : inventory.accepted()) {
            assertThat(settings.budget().orElseThrow().admits(a.operatorParameters() + TINY.scaffold().count()))
                    .as(a.parity()).isTrue();
        }
        assertThat(inventory.refused()).extracting(RefusedPlugin::plugin).containsExactlyInAnyOrder("nan-later", "thrower");
        assertThat(inventory.refused()).filteredOn(r -> r.plugin().equals("nan-later")).singleElement()
                .extracting(RefusedPlugin::reason).asString()
                .startsWith("parameter count misses the budget: nan-later: 355 parameters (operator 1 + scaffold 354)");

        var comparison = new SmokeComparison(new ProbeTraining(TINY.dims(), 2, 6, 0.05, 3), Duration.ofSeconds(120));
        List<SmokeComparison.Row> rows = comparison.run(inventory.accepted());
        System.out.println(SmokeComparison.markdown(rows, inventory.refused()));
        for (SmokeComparison.Row row : rows) {
            assertThat(row.outcome()).as(row.operator()).isInstanceOfSatisfying(RunOutcome.Ok.class, ok -> {
                ProbeTraining.Curve curve = (ProbeTraining.Curve) ok.value();
                assertThat(curve.losses()).hasSize(7);
                assertThat(curve.last()).as(row.operator() + " learns: " + curve.losses()).isLessThan(curve.first());
            });
        }
        assertThat(SmokeComparison.markdown(rows, inventory.refused()))
                .contains("| " + GLA + " | " + plugins.resolve("gated-linear-attention.jar") + " | ")
                .contains("- plugin 'thrower' (" + plugins.resolve("thrower.jar") + "): throws at trace time");
    }
}
