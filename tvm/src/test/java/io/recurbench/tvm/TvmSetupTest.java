package io.recurbench.tvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.tvm.ffi.TestEnv;
import io.recurbench.tvm.ffi.TvmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TvmSetupTest {

    @Test
    void bridgeFileListMatchesTheSourceDirectory() throws Exception {
        Path python = Path.of(System.getProperty("user.dir"), "python");
        try (Stream<Path> files = Files.walk(python.resolve("recurbench_tvm"))) {
            var sources = files.filter(p -> p.toString().endsWith(".py"))
                    .map(p -> python.relativize(p).toString()).toList();
            assertThat(TvmSetup.BRIDGE_FILES).containsAll(sources)
                    .contains("bootstrap.sh", "requirements.txt")
                    .hasSize(sources.size() + 2);
        }
    }

    @Test
    void bridgeIsExtractedOnceByContent(@TempDir Path cache) throws Exception {
        Path a = TvmSetup.extractBridge(cache);
        Path b = TvmSetup.extractBridge(cache);
        assertThat(a).isEqualTo(b);
        assertThat(Files.readString(a.resolve("recurbench_tvm/relax_builder.py")))
                .isEqualTo(Files.readString(Path.of(System.getProperty("user.dir"), "python/recurbench_tvm/relax_builder.py")));
        try (Stream<Path> entries = Files.list(cache)) {
            assertThat(entries).containsExactly(a);
        }
    }

    @Test
    void ensureOnAnInstalledVenvIsAStampCheck(@TempDir Path cache) {
        long t0 = System.nanoTime();
        TvmSetup.Environment env = TvmSetup.ensure(TestEnv.venv(), cache, l -> { });
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5.0);
        assertThat(env.python()).isExecutable();
    }

    @Test
    void missingPythonFailsWithOneClearLine(@TempDir Path dir) {
        assertThatThrownBy(() -> TvmSetup.ensure(dir.resolve("venv"), dir.resolve("cache"), l -> { },
                Map.of("RECURBENCH_PYTHON", "/nonexistent/python3")))
                .isInstanceOf(TvmException.class)
                .hasMessage("SetupError: bootstrap.sh failed (exit 2): recurbench setup tvm: python3 not found: "
                        + "RECURBENCH_PYTHON=/nonexistent/python3 is not an executable file");
    }

    @Test
    void computeCapabilityParsing() {
        assertThat(TvmBackend.parseComputeCapability("9.0\n")).isEqualTo("sm_90");
        assertThat(TvmBackend.parseComputeCapability("8.6")).isEqualTo("sm_86");
        assertThatThrownBy(() -> TvmBackend.parseComputeCapability("No devices were found"))
                .hasMessageContaining("expected e.g. 9.0");
    }
}
