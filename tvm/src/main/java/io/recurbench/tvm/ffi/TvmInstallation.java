package io.recurbench.tvm.ffi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the pinned wheels put the native pieces inside a virtual environment:
 * {@code tvm_ffi/lib/libtvm_ffi.so}, {@code tvm/lib/libtvm_runtime.so} and the tvm-ffi headers
 * ({@code tvm_ffi/include}) that {@link Abi#verify} reads.
 */
public record TvmInstallation(Path venv, Path libTvmFfi, Path libTvmRuntime, Path includeDir) {

    /** Finds the libraries under {@code <venv>/lib/python3.*}/site-packages; fails naming what is missing. */
    public static TvmInstallation inVenv(Path venv) {
        Path lib = venv.resolve("lib");
        List<Path> sitePackages;
        try (Stream<Path> s = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
            sitePackages = s.filter(p -> p.getFileName().toString().startsWith("python"))
                    .map(p -> p.resolve("site-packages"))
                    .filter(p -> Files.isRegularFile(p.resolve("tvm_ffi/lib/libtvm_ffi.so")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new TvmException("SetupError", "cannot list " + lib + ": " + e.getMessage());
        }
        if (sitePackages.isEmpty()) {
            throw new TvmException("SetupError", "no apache-tvm-ffi in the Python environment " + venv
                    + " (expected lib/python3.*/site-packages/tvm_ffi/lib/libtvm_ffi.so); run `recurbench setup tvm`");
        }
        Path site = sitePackages.getLast();
        Path runtime = site.resolve("tvm/lib/libtvm_runtime.so");
        if (!Files.isRegularFile(runtime)) {
            throw new TvmException("SetupError", "no apache-tvm in " + site + " (expected tvm/lib/libtvm_runtime.so); "
                    + "run `recurbench setup tvm`");
        }
        return new TvmInstallation(venv, site.resolve("tvm_ffi/lib/libtvm_ffi.so"), runtime, site.resolve("tvm_ffi/include"));
    }

    /** The environment's interpreter. */
    public Path python() {
        return venv.resolve("bin/python");
    }
}
