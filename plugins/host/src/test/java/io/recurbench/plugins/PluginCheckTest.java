package io.recurbench.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.operators.parity.ParityConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PluginCheckTest {

    @Test
    void defaults() {
        PluginCheck.Options o = PluginCheck.parse(new String[0]);
        assertThat(o).isEqualTo(new PluginCheck.Options(Optional.of(Path.of("plugins")), true, ParityConfig.SUDOKU,
                Optional.empty(), Map.of(), 20, Duration.ofSeconds(300)));
    }

    @Test
    void everyOption() {
        PluginCheck.Options o = PluginCheck.parse(new String[] {"--plugins", "x", "--no-classpath", "--config", "arc",
                "--budget", "6.83M", "--tolerance", "1%", "--set", "mamba2-hybrid.d_state=64", "--set",
                "mamba2-hybrid.mixer=mlp_t", "--steps", "3", "--timeout", "9"});
        assertThat(o.plugins()).contains(Path.of("x"));
        assertThat(o.classpath()).isFalse();
        assertThat(o.config()).isEqualTo(ParityConfig.ARC);
        assertThat(o.budget().orElseThrow().target()).isEqualTo(6_830_000);
        assertThat(o.budget().orElseThrow().tolerance()).isEqualTo(0.01);
        assertThat(o.hyperParameters()).isEqualTo(Map.of("mamba2-hybrid", Map.of("d_state", "64", "mixer", "mlp_t")));
        assertThat(o.steps()).isEqualTo(3);
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void aBadCommandLineIsOneLineAndTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PluginCheck.run(new String[] {"--set", "oops"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
                "recurbench-plugins: --set expects OP.KEY=VALUE, got 'oops'\nusage: java -jar recurbench-plugins.jar");
    }
}
