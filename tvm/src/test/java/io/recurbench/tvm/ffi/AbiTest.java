package io.recurbench.tvm.ffi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AbiTest {

    @Test
    void constantsMatchTheInstalledHeaders() {
        Abi.verify(TvmInstallation.inVenv(TestEnv.venv()).includeDir());
    }

    @Test
    void aChangedHeaderFailsNamingTheConstant(@TempDir Path dir) throws Exception {
        Path include = TvmInstallation.inVenv(TestEnv.venv()).includeDir();
        Path ffi = Files.createDirectories(dir.resolve("tvm/ffi"));
        Path dl = Files.createDirectories(dir.resolve("dlpack"));
        Files.writeString(ffi.resolve("c_api.h"), Files.readString(include.resolve("tvm/ffi/c_api.h"))
                .replace("kTVMFFITensor = 70", "kTVMFFITensor = 90"));
        Files.copy(include.resolve("dlpack/dlpack.h"), dl.resolve("dlpack.h"));
        assertThatThrownBy(() -> Abi.verify(dir))
                .isInstanceOf(TvmException.class)
                .hasMessageContaining("kTVMFFITensor = 90 in " + ffi.resolve("c_api.h") + ", binding expects 70")
                .hasMessageContaining("recurbench setup tvm");
    }

    @Test
    void headerParserReadsEnumeratorsAndDefines() {
        var m = Abi.parseHeader("#define TVM_FFI_VERSION_MINOR 1\n  kDLFloat = 2U,\n  kTVMFFIAny = -1,\n");
        assertThat(m).containsEntry("TVM_FFI_VERSION_MINOR", 1L).containsEntry("kDLFloat", 2L).containsEntry("kTVMFFIAny", -1L);
    }

    @Test
    void missingVenvSaysWhatToRun(@TempDir Path dir) {
        assertThatThrownBy(() -> TvmInstallation.inVenv(dir))
                .hasMessageContaining("no apache-tvm-ffi in the Python environment " + dir)
                .hasMessageContaining("recurbench setup tvm");
    }
}
