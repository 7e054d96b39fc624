package io.recurbench.tvm;

import io.recurbench.tvm.ffi.TvmException;
import io.recurbench.tvm.ffi.TvmInstallation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sets up what the TVM backend needs on this machine: the pinned Python environment (apache-tvm,
 * apache-tvm-ffi; see {@code tvm/python/requirements.txt}) and the compile bridge's sources. The
 * harness exposes it as {@code recurbench setup tvm}; the backend also calls {@link #ensure} itself,
 * which costs a stamp check when everything is in place.
 *
 * <p>The bridge's Python files travel inside this jar ({@link #BRIDGE_FILES}) and are extracted to
 * a directory named by their content hash, so a jar always runs the bridge it was built with.
 *
 * <p>Locations, in order of precedence: system properties {@code recurbench.tvm.venv} /
 * {@code recurbench.tvm.cache}, environment {@code RECURBENCH_TVM_VENV} / {@code RECURBENCH_TVM_CACHE},
 * then {@code <recurbench.home>/tvm/.venv} (the launcher sets {@code recurbench.home}) or
 * {@code ~/.cache/recurbench/tvm/venv}, and {@code ~/.cache/recurbench/tvm}.
 */
public final class TvmSetup {
    private static final String RESOURCE_ROOT = "/io/recurbench/tvm/python/";

    /** The bridge's files, relative to {@code tvm/python} (a test checks this list against the directory). */
    public static final List<String> BRIDGE_FILES = List.of(
            "bootstrap.sh",
            "requirements.txt",
            "recurbench_tvm/__init__.py",
            "recurbench_tvm/__main__.py",
            "recurbench_tvm/compiler.py",
            "recurbench_tvm/cpu_schedule.py",
            "recurbench_tvm/graph.py",
            "recurbench_tvm/relax_builder.py");

    /** What {@link #ensure} found or made. */
    public record Environment(TvmInstallation installation, Path bridgeDir, Path cacheDir) {
        public Path python() {
            return installation.python();
        }
    }

    private TvmSetup() {}

    public static Path defaultVenv() {
        String p = setting("recurbench.tvm.venv", "RECURBENCH_TVM_VENV");
        if (p != null) {
            return Path.of(p);
        }
        String home = System.getProperty("recurbench.home");
        return home != null ? Path.of(home, "tvm", ".venv") : userCache().resolve("venv");
    }

    public static Path defaultCache() {
        String p = setting("recurbench.tvm.cache", "RECURBENCH_TVM_CACHE");
        return p != null ? Path.of(p) : userCache();
    }

    private static Path userCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "recurbench", "tvm");
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        return v != null && !v.isBlank() ? v : System.getenv(env) != null && !System.getenv(env).isBlank()
                ? System.getenv(env) : null;
    }

    /** {@link #ensure(Path, Path, Consumer)} with the default locations, progress to stderr. */
    public static Environment ensure() {
        return ensure(defaultVenv(), defaultCache(), System.err::println);
    }

    /**
     * Extracts the bridge and runs its {@code bootstrap.sh}, which creates or refreshes the venv
     * (seconds when already installed). Fails with the script's one-line reason when python3, venv or
     * pip is missing.
     */
    public static Environment ensure(Path venv, Path cacheDir, Consumer<String> progress) {
        return ensure(venv, cacheDir, progress, Map.of());
    }

    static Environment ensure(Path venv, Path cacheDir, Consumer<String> progress, Map<String, String> extraEnv) {
        Path bridge = extractBridge(cacheDir);
        List<String> cmd = List.of(bash(), bridge.resolve("bootstrap.sh").toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().put("RECURBENCH_TVM_VENV", venv.toAbsolutePath().toString());
        pb.environment().putAll(extraEnv);
        List<String> stderr = new ArrayList<>();
        String stdout = run(pb, line -> {
            stderr.add(line);
            progress.accept(line);
        }, "bootstrap.sh", stderr);
        if (stdout.isBlank()) {
            throw new TvmException("SetupError", "bootstrap.sh printed no interpreter path");
        }
        return new Environment(TvmInstallation.inVenv(venv.toAbsolutePath()), bridge, cacheDir);
    }

    private static String bash() {
        for (String c : List.of("/bin/bash", "/usr/bin/bash")) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        throw new TvmException("SetupError", "bash not found (/bin/bash); the TVM setup script needs it");
    }

    /**
     * Runs a process, forwarding stderr lines to {@code onStderr}; returns stdout. A non-zero exit
     * becomes a {@link TvmException} with the last {@code error:}/setup line of stderr.
     */
    static String run(ProcessBuilder pb, Consumer<String> onStderr, String what, List<String> stderrLines) {
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            Thread pump = Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    r.lines().forEach(onStderr);
                } catch (IOException e) {
                    onStderr.accept(what + ": lost its stderr: " + e.getMessage());
                }
            });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            pump.join();
            if (rc != 0) {
                String reason = stderrLines.reversed().stream()
                        .filter(l -> l.startsWith("error:") || l.startsWith("recurbench setup tvm:"))
                        .findFirst()
                        .orElse(stderrLines.isEmpty() ? "(no output)" : stderrLines.getLast());
                throw new TvmException(what.equals("bootstrap.sh") ? "SetupError" : "CompileError",
                        what + " failed (exit " + rc + "): " + reason);
            }
            return out;
        } catch (IOException e) {
            throw new TvmException("SetupError", "cannot run " + pb.command() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TvmException("Interrupted", what + " was interrupted");
        }
    }

    /** Copies the bridge out of the jar to {@code <cache>/bridge-<hash>/} (atomically; reused when present). */
    static Path extractBridge(Path cacheDir) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<byte[]> contents = new ArrayList<>();
            for (String f : BRIDGE_FILES) {
                byte[] b = resource(f);
                contents.add(b);
                sha.update(f.getBytes(StandardCharsets.UTF_8));
                sha.update(b);
            }
            Path dir = cacheDir.resolve("bridge-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16));
            if (Files.isDirectory(dir)) {
                return dir;
            }
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempDirectory(cacheDir, ".bridge-");
            for (int i = 0; i < BRIDGE_FILES.size(); i++) {
                Path target = tmp.resolve(BRIDGE_FILES.get(i));
                Files.createDirectories(target.getParent());
                Files.write(target, contents.get(i));
            }
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isDirectory(dir)) {
                    throw raced;
                }
                deleteTree(tmp);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the TVM bridge into " + cacheDir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String file) throws IOException {
        try (InputStream in = TvmSetup.class.getResourceAsStream(RESOURCE_ROOT + file)) {
            if (in == null) {
                throw new IOException("resource " + RESOURCE_ROOT + file + " is missing from the recurbench-tvm jar");
            }
            return in.readAllBytes();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** {@code recurbench setup tvm}: installs or checks the environment and prints where it is. */
    public static void main(String[] args) {
        try {
            Environment env = ensure();
            io.recurbench.tvm.ffi.TvmFfi ffi = io.recurbench.tvm.ffi.TvmFfi.load(env.installation());
            System.out.println("TVM ready: venv " + env.installation().venv() + ", tvm-ffi ABI " + ffi.versionString()
                    + ", cache " + env.cacheDir());
        } catch (TvmException e) {
            System.err.println("recurbench setup tvm: " + e.getMessage());
            System.exit(2);
        }
    }
}
