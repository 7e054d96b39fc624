package io.recurbench.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.operator.ModelDims;
import io.recurbench.operators.parity.Budget;
import io.recurbench.operators.parity.ParityConfig;
import io.recurbench.plugins.testplugins.GoodPlugin;
import io.recurbench.plugins.testplugins.FreshParametersPlugin;
import io.recurbench.plugins.testplugins.HangingPlugin;
import io.recurbench.plugins.testplugins.NanNowPlugin;
import io.recurbench.plugins.testplugins.PickyPlugin;
import io.recurbench.plugins.testplugins.NanLaterPlugin;
import io.recurbench.plugins.testplugins.OverBudgetPlugin;
import io.recurbench.plugins.testplugins.ThrowingPlugin;
import io.recurbench.plugins.testplugins.TwinA;
import io.recurbench.plugins.testplugins.TwinB;
import io.recurbench.plugins.testplugins.WrongShapePlugin;
import io.recurbench.plugins.testplugins.WrongSpiPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad plugin the host must survive, in one plugin directory next to a good one:
 * each is refused with its documented line (see docs/plugins.md) and the others go on.
 */
class BadPluginsTest {

    static final ParityConfig TINY = new ParityConfig("tiny", new ModelDims(16, 8, 2, 2, 2.0), 10);

    @TempDir
    static Path root;
    static Path plugins;

    @BeforeAll
    static void buildPluginDirectory() throws Exception {
        plugins = root.resolve("plugins");
        Class<?> base = Class.forName("io.recurbench.plugins.testplugins.TestPlugin");
        TestJars.jar(plugins.resolve("good.jar"), List.of(GoodPlugin.class.getName()), GoodPlugin.class, base);
        TestJars.jar(plugins.resolve("no-service.jar"), null, GoodPlugin.class, base);
        TestJars.jar(plugins.resolve("twin-a.jar"), List.of(TwinA.class.getName()), TwinA.class, base);
        // A plugin folder: the plugin and the library it needs, in two jars.
        TestJars.jar(plugins.resolve("twin-b/lib.jar"), null, base);
        TestJars.jar(plugins.resolve("twin-b/twin.jar"), List.of(TwinB.class.getName()), TwinB.class);
        TestJars.jar(plugins.resolve("future.jar"), List.of(WrongSpiPlugin.class.getName()), WrongSpiPlugin.class, base);
        TestJars.jar(plugins.resolve("half-width.jar"), List.of(WrongShapePlugin.class.getName()), WrongShapePlugin.class, base);
        TestJars.jar(plugins.resolve("thrower.jar"), List.of(ThrowingPlugin.class.getName()), ThrowingPlugin.class, base);
        TestJars.jar(plugins.resolve("nan-later.jar"), List.of(NanLaterPlugin.class.getName()), NanLaterPlugin.class, base);
        TestJars.jar(plugins.resolve("too-big.jar"), List.of(OverBudgetPlugin.class.getName()), OverBudgetPlugin.class, base);
        TestJars.jar(plugins.resolve("missing-class.jar"), List.of("com.example.Missing"));
        // Three plugins in one jar: one unit may hold several providers.
        TestJars.jar(plugins.resolve("more.jar"), List.of(NanNowPlugin.class.getName(),
                FreshParametersPlugin.class.getName(), PickyPlugin.class.getName()), NanNowPlugin.class,
                FreshParametersPlugin.class, PickyPlugin.class, base);
        Files.createDirectories(plugins.resolve("sources/src/main/java")); // a module's sources, not a plugin
        Files.writeString(plugins.resolve("README.txt"), "not a plugin");
    }

    private static String in(String entry) {
        return plugins.resolve(entry).toString();
    }

    @Test
    void discoveryLoadsWhatItCanAndRefusesTheRestWithOneLineEach() {
        PluginDiscovery.Result r = PluginDiscovery.fromDirectory(plugins);
        assertThat(r.loaded()).extracting(LoadedPlugin::name)
                .containsExactly("probe-good", "half-width", "nan-now", "fresh-params", "picky", "nan-later", "thrower",
                        "too-big", "twin", "twin");
        assertThat(r.loaded()).allSatisfy(p -> assertThat(p.plugin().getClass().getClassLoader())
                .isInstanceOf(PluginClassLoader.class));
        assertThat(r.refused()).extracting(RefusedPlugin::line).containsExactly(
                "plugin 'from-the-future' (" + in("future.jar") + "): version 2.0.0 was built for operator SPI version 2;"
                        + " this host supports SPI version 1 (rebuild it against recurbench-api 1)",
                "plugin 'missing-class.jar' (" + in("missing-class.jar") + "): cannot instantiate the plugin:"
                        + " ServiceConfigurationError: io.recurbench.api.operator.OperatorPlugin: Provider"
                        + " com.example.Missing not found",
                "plugin 'no-service.jar' (" + in("no-service.jar") + "): no operator plugin: it has no"
                        + " META-INF/services/io.recurbench.api.operator.OperatorPlugin entry");
        assertThat(r.refused()).extracting(RefusedPlugin::version).containsExactly("2.0.0", "unknown", "unknown");
    }

    @Test
    void aMissingDirectoryHoldsNoPluginsAndAFileIsNotADirectory() throws Exception {
        assertThat(PluginDiscovery.fromDirectory(root.resolve("absent")).loaded()).isEmpty();
        Path file = Files.writeString(root.resolve("plain-file"), "x");
        assertThatThrownBy(() -> PluginDiscovery.fromDirectory(file))
                .hasMessage("plugin directory " + file + " is not a directory");
    }

    @Test
    void validationRefusesDuplicatesWrongShapesThrowersAndNaNsAndKeepsTheOthers() {
        PluginValidator.Report report = new PluginValidator(ValidationSettings.of(TINY))
                .validate(PluginDiscovery.fromDirectory(plugins).loaded());
        assertThat(report.accepted()).extracting(AcceptedPlugin::name).containsExactly("probe-good", "nan-later", "too-big");
        String twins = "two plugins are named 'twin': " + in("twin-a.jar") + " (io.recurbench.plugins.testplugins.TwinA)"
                + " and " + in("twin-b") + " (io.recurbench.plugins.testplugins.TwinB); remove or rename one";
        assertThat(report.refused()).extracting(RefusedPlugin::line).containsExactly(
                "plugin 'half-width' (" + in("half-width.jar") + "): returns F32 [2, 8, 8] for the probe input F32"
                        + " [2, 8, 16]; a recursive operator must return F32 [B, S, D]",
                "plugin 'nan-now' (" + in("more.jar") + "): the forward pass on the probe input is not finite:"
                        + " out[0] = NaN (parameters from their initializers, seed 0)",
                "plugin 'fresh-params' (" + in("more.jar") + "): a second call declares new parameters (1 after one"
                        + " call, 2 after two); the operator must use the same parameter names on every call",
                "plugin 'picky' (" + in("more.jar") + "): create() fails at the probe dimensions (D = 16, S = 8,"
                        + " heads = 2): IllegalArgumentException: operator 'picky': hidden size 16 is not a multiple of 3",
                "plugin 'thrower' (" + in("thrower.jar") + "): throws at trace time on the probe input [2, 8, 16]:"
                        + " IllegalStateException: this block cannot be traced at"
                        + " io.recurbench.plugins.testplugins.ThrowingPlugin.lambda$create$0(ThrowingPlugin.java:17)",
                "plugin 'twin' (" + in("twin-a.jar") + "): " + twins,
                "plugin 'twin' (" + in("twin-b") + "): " + twins);
        assertThat(report.accepted().getFirst().parity()).isEqualTo("482 parameters (operator 128 + scaffold 354), no budget");
    }

    @Test
    void aBudgetRefusesACountWithoutKnobsAndSolvesAKnobWhereThereIsOne() {
        long scaffold = TINY.scaffold().count();
        Budget budget = new Budget(scaffold + 2 * 16 * 20, 0.005);
        PluginValidator.Report report = new PluginValidator(ValidationSettings.of(TINY).withBudget(budget))
                .validate(PluginDiscovery.fromDirectory(plugins).loaded().stream()
                        .filter(p -> p.name().equals("probe-good") || p.name().equals("too-big")).toList());
        assertThat(report.accepted()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("probe-good");
            assertThat(a.params().getInt("width")).isEqualTo(20);
            assertThat(a.operatorParameters()).isEqualTo(640);
            assertThat(a.parity()).isEqualTo("probe-good: width = 20 gives 994 parameters (operator 640 + scaffold 354), +0.000% from budget 994 ±0.50%: within tolerance; width = 19 gives 962 (-3.219%)");
        });
        assertThat(report.refused()).extracting(RefusedPlugin::line).containsExactly(
                "plugin 'too-big' (" + in("too-big.jar") + "): parameter count misses the budget: too-big: 33,122"
                        + " parameters (operator 32,768 + scaffold 354), +3232.193% from budget 994 ±0.50%: outside"
                        + " tolerance; it declares no parity knob the solver could turn");
        assertThat(report.refused().getFirst().version()).isEqualTo("0.0.1");
        assertThat(report.refused().getFirst().totalParameters()).hasValue(33_122);
    }

    @Test
    void configHyperParametersThatDoNotParseOrNameNoPluginAreRefused() {
        var settings = ValidationSettings.of(TINY).withHyperParameters(Map.of(
                "probe-good", Map.of("width", "wide"), "no-such-op", Map.of()));
        PluginValidator.Report report = new PluginValidator(settings).validate(PluginDiscovery.fromDirectory(plugins)
                .loaded().stream().filter(p -> p.name().equals("probe-good")).toList());
        assertThat(report.accepted()).isEmpty();
        assertThat(report.refused()).extracting(RefusedPlugin::line).containsExactly(
                "plugin 'no-such-op' (run config): the run config sets hyper-parameters for it, but no plugin has this"
                        + " name; known: [probe-good]",
                "plugin 'probe-good' (" + in("good.jar") + "): hyper-parameters do not parse: operator 'probe-good':"
                        + " hyper-parameter 'width': expected an int in [1, 4096], got \"wide\"");
    }

    @Test
    void aPluginThatHangsIsRefusedAfterTheTimeout() throws Exception {
        Path dir = root.resolve("hanging");
        TestJars.jar(dir.resolve("hangs.jar"), List.of(HangingPlugin.class.getName()), HangingPlugin.class,
                Class.forName("io.recurbench.plugins.testplugins.TestPlugin"));
        PluginValidator.Report report = new PluginValidator(ValidationSettings.of(TINY).withTimeout(Duration.ofMillis(500)))
                .validate(PluginDiscovery.fromDirectory(dir).loaded());
        assertThat(report.refused()).extracting(RefusedPlugin::line).containsExactly("plugin 'hangs' ("
                + dir.resolve("hangs.jar") + "): validation did not finish within 500 ms (its thread was interrupted)");
    }

    @Test
    void aPluginThatTurnsNaNDuringTrainingFailsItsRunAndTheOthersFinish() {
        List<AcceptedPlugin> accepted = new PluginValidator(ValidationSettings.of(TINY))
                .validate(PluginDiscovery.fromDirectory(plugins).loaded()).accepted();
        var comparison = new SmokeComparison(new ProbeTraining(TINY.dims(), 2, 4, 0.05, 1), Duration.ofSeconds(60));
        List<SmokeComparison.Row> rows = comparison.run(accepted);
        assertThat(rows).extracting(SmokeComparison.Row::operator).containsExactly("probe-good", "nan-later", "too-big");
        assertThat(rows.get(0).outcome().ok()).isTrue();
        assertThat(rows.get(2).outcome().ok()).isTrue();
        assertThat(rows.get(1).outcome()).isInstanceOfSatisfying(RunOutcome.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(RunOutcome.Failure.NON_FINITE);
            assertThat(f.reason()).isEqualTo("loss at step 1 is NaN");
        });
        assertThat(SmokeComparison.markdown(rows, List.of()))
                .contains("| nan-later | " + in("nan-later.jar") + " | 1 | failed (non_finite): loss at step 1 is NaN | | |");
    }
}
