package io.recurbench.tvm;

import io.recurbench.engine.backend.Backend;
import io.recurbench.engine.ir.Graph;
import io.recurbench.tvm.ffi.Device;
import io.recurbench.tvm.ffi.RelaxVm;
import io.recurbench.tvm.ffi.TvmException;
import io.recurbench.tvm.ffi.TvmFfi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The TVM backend: {@code tvm-llvm} (host CPU) or {@code tvm-cuda} (an NVIDIA GPU).
 *
 * <p>{@link #compile} hands the graph's JSON to the Python bridge (Relax, {@code tvm.compile},
 * cached by graph hash, target and TVM version), then loads the library into this process through
 * the {@link TvmFfi} binding and wraps it in a {@link TvmExecutable}. Autodiff and optimizers stay in
 * Java: TVM sees plain forward graphs (a train step is just a bigger forward graph).
 */
public final class TvmBackend implements Backend {
    private final String target;
    private final Device device;
    private final String cudaArch;
    private final TvmSetup.Environment env;
    private final TvmFfi ffi;
    private final BridgeCompiler compiler;

    private TvmBackend(String target, Device device, String cudaArch, TvmSetup.Environment env, Consumer<String> progress) {
        this.target = target;
        this.device = device;
        this.cudaArch = cudaArch;
        this.env = env;
        this.ffi = TvmFfi.load(env.installation());
        this.compiler = new BridgeCompiler(env, progress);
    }

    /** {@code tvm-llvm} with the default environment ({@link TvmSetup#ensure()}). */
    public static TvmBackend llvm() {
        return llvm(TvmSetup.ensure(), System.err::println);
    }

    public static TvmBackend llvm(TvmSetup.Environment env, Consumer<String> progress) {
        return new TvmBackend("llvm", Device.cpu(), null, env, progress);
    }

    /**
     * {@code tvm-cuda} on GPU {@code deviceId}; {@code arch} like {@code sm_90}, or null to ask
     * {@code nvidia-smi} for the GPU's compute capability.
     */
    public static TvmBackend cuda(int deviceId, String arch, TvmSetup.Environment env, Consumer<String> progress) {
        String a = arch != null ? arch : detectCudaArch(deviceId);
        TvmBackend backend = new TvmBackend("cuda", Device.cuda(deviceId), a, env, progress);
        backend.ffi.loadCudaRuntime();
        return backend;
    }

    /** {@code sm_XY} of GPU {@code deviceId} from {@code nvidia-smi}; fails clearly where there is no GPU. */
    static String detectCudaArch(int deviceId) {
        ProcessBuilder pb = new ProcessBuilder("nvidia-smi", "--query-gpu=compute_cap", "--format=csv,noheader",
                "-i", Integer.toString(deviceId));
        String out;
        try {
            out = TvmSetup.run(pb, l -> { }, "nvidia-smi", new java.util.ArrayList<>());
        } catch (TvmException e) {
            throw new TvmException("SetupError", "tvm-cuda needs an NVIDIA GPU and nvidia-smi (or the architecture "
                    + "given explicitly, e.g. sm_90): " + e.getMessage());
        }
        return parseComputeCapability(out);
    }

    /** {@code "9.0"} → {@code sm_90}. */
    static String parseComputeCapability(String nvidiaSmiOutput) {
        String line = nvidiaSmiOutput.strip().lines().findFirst().orElse("").strip();
        if (!line.matches("\\d+\\.\\d+")) {
            throw new TvmException("SetupError", "nvidia-smi reported compute capability '" + line + "', expected e.g. 9.0");
        }
        return "sm_" + line.replace(".", "");
    }

    @Override
    public String name() {
        return "tvm-" + target;
    }

    @Override
    public String device() {
        String tvm = "TVM " + tvmVersion() + ", tvm-ffi ABI " + ffi.versionString();
        if (device.isCpu()) {
            return cpuModel() + " (" + Runtime.getRuntime().availableProcessors() + " cores), " + tvm;
        }
        return "NVIDIA GPU " + device + " (" + cudaArch + "), " + tvm;
    }

    /** The apache-tvm version in the venv (from its dist-info directory name). */
    public String tvmVersion() {
        Path site = env.installation().libTvmRuntime().getParent().getParent().getParent();
        try (var s = Files.list(site)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("apache_tvm-") && n.endsWith(".dist-info"))
                    .map(n -> n.substring("apache_tvm-".length(), n.length() - ".dist-info".length()))
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("CPU");
        } catch (IOException e) {
            return "CPU";
        }
    }

    @Override
    public TvmExecutable compile(Graph graph) {
        BridgeCompiler.Compiled c = compiler.compile(graph, target, cudaArch);
        return new TvmExecutable(graph, c, RelaxVm.load(ffi, c.library(), device), ffi);
    }

    public TvmFfi ffi() {
        return ffi;
    }
}
