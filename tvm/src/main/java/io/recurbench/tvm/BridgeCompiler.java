package io.recurbench.tvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.GraphJson;
import io.recurbench.tvm.ffi.TvmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the Python compile bridge ({@code python -m recurbench_tvm compile}) in the TVM venv on a
 * graph's site-less canonical JSON and reads back where the library is and its signature.
 */
final class BridgeCompiler {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One argument or result of the compiled {@code main}. */
    record Slot(String name, Shape shape, DType dtype) {}

    /** {@code main(inputs..., parameters...) -> (outputs...)}, as the bridge built it. */
    record Signature(List<Slot> inputs, List<Slot> parameters, List<Slot> outputs) {}

    record Compiled(Path library, Signature signature, boolean cacheHit, double seconds, String target) {}

    private final TvmSetup.Environment env;
    private final Consumer<String> progress;

    BridgeCompiler(TvmSetup.Environment env, Consumer<String> progress) {
        this.env = env;
        this.progress = progress;
    }

    /** Compiles for {@code target} ({@code llvm}, {@code cuda}), with {@code cudaArch} for CUDA (else null). */
    Compiled compile(Graph graph, String target, String cudaArch) {
        Path libs = env.cacheDir().resolve("libs");
        try {
            Files.createDirectories(libs);
            Path json = libs.resolve("graph-" + GraphJson.contentHash(graph) + ".json");
            if (!Files.exists(json)) {
                GraphJson.writeFile(graph, false, json);
            }
            List<String> cmd = new ArrayList<>(List.of(env.python().toString(), "-B", "-m", "recurbench_tvm", "compile",
                    "--graph", json.toString(), "--target", target, "--cache", libs.toString()));
            if (cudaArch != null) {
                cmd.addAll(List.of("--cuda-arch", cudaArch));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("PYTHONPATH", env.bridgeDir().toString());
            List<String> stderr = new ArrayList<>();
            String out = TvmSetup.run(pb, line -> {
                stderr.add(line);
                progress.accept(line);
            }, "the TVM compile bridge", stderr);
            List<String> lines = out.strip().lines().toList();
            if (lines.isEmpty()) {
                throw new TvmException("CompileError", "the TVM compile bridge printed no result");
            }
            return parse(MAPPER.readTree(lines.getLast()));
        } catch (IOException e) {
            throw new UncheckedIOException("TVM compile bridge I/O under " + libs, e);
        }
    }

    private static Compiled parse(JsonNode r) {
        JsonNode sig = r.get("signature");
        return new Compiled(Path.of(r.get("library").asText()),
                new Signature(slots(sig.get("inputs")), slots(sig.get("parameters")), slots(sig.get("outputs"))),
                r.get("cache_hit").asBoolean(), r.get("seconds").asDouble(), r.get("target").asText());
    }

    private static List<Slot> slots(JsonNode array) {
        List<Slot> out = new ArrayList<>();
        for (JsonNode s : array) {
            int[] dims = new int[s.get("shape").size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = s.get("shape").get(i).asInt();
            }
            out.add(new Slot(s.get("name").asText(), Shape.of(dims),
                    s.get("dtype").asText().equals("i32") ? DType.I32 : DType.F32));
        }
        return out;
    }
}
