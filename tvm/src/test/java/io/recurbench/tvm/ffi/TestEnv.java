package io.recurbench.tvm.ffi;

import java.nio.file.Path;

/** The venv that the tvm module's build created (bootstrap.sh runs before the tests). */
public final class TestEnv {
    private TestEnv() {}

    public static Path venv() {
        String v = System.getProperty("recurbench.tvm.venv");
        if (v == null) {
            throw new IllegalStateException("system property recurbench.tvm.venv is not set (run through Maven)");
        }
        return Path.of(v);
    }

    public static TvmFfi ffi() {
        return TvmFfi.load(TvmInstallation.inVenv(venv()));
    }
}
