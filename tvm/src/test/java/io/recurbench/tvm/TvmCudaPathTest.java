package io.recurbench.tvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.reference.ReferenceInterpreter;
import io.recurbench.engine.trace.Tracer;
import io.recurbench.tvm.ffi.TvmException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CUDA path up to the point a GPU is needed: the bridge compiles for {@code cuda} (DLight
 * schedules, kernels compiled to a cubin by NVRTC) on a machine without a GPU; starting the
 * tvm-cuda backend here must fail with a message naming the missing driver library (libcuda.so.1;
 * libcudart comes from the venv's wheel) rather than crash. On a GPU machine the same test runs the
 * graph on GPU 0 (architecture from nvidia-smi) and compares it with the float64 reference instead
 * (see docs/tvm.md for the GPU run).
 */
class TvmCudaPathTest {

    @Test
    void cudaCompilesHereAndLoadingWithoutAGpuFailsCleanly() throws Exception {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(4, 8), DType.F32);
        t.output("y", x.matmul(t.input("w", Shape.of(8, 16), DType.F32)).tanh());
        Graph g = t.build();
        TvmSetup.Environment env = Fixtures.env();
        BridgeCompiler.Compiled c = new BridgeCompiler(env, l -> { }).compile(g, "cuda", "sm_80");
        // The kernels travel as an NVRTC-compiled cubin (module format "cubin"), not as CUDA source
        // that only a Python process could compile at load time.
        assertThat(new String(Files.readAllBytes(c.library()), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("__global__").contains("cubin").contains("\u007fELF");
        assertThat(c.target()).contains("\"kind\":\"cuda\"").contains("sm_80");
        boolean gpu = Files.exists(java.nio.file.Path.of("/dev/nvidia0"));
        if (!gpu) {
            assertThatThrownBy(() -> TvmBackend.cuda(0, "sm_80", env, l -> { }))
                    .isInstanceOf(TvmException.class)
                    .satisfies(e -> {
                        System.out.println("tvm-cuda without a GPU: " + e.getMessage().lines().findFirst().orElse(""));
                        assertThat(e.getMessage()).contains("tvm-cuda needs an NVIDIA GPU").contains("libcuda.so.1");
                    });
        } else {
            // Only on a machine with a GPU (not exercised where this was written; see docs/tvm.md).
            Map<String, HostTensor> feeds = Fixtures.feeds(g, 3, Map.of());
            Map<String, double[]> expected = ReferenceInterpreter.run(g, feeds);
            try (TvmExecutable exe = TvmBackend.cuda(0, null, env, System.err::println).compile(g)) {
                float[] y = exe.run(feeds).get("y").f32();
                double[] e = expected.get("y");
                for (int i = 0; i < e.length; i++) {
                    assertThat((double) y[i]).as("y[%d]", i).isCloseTo(e[i], within(1e-5 + 1e-5 * Math.abs(e[i])));
                }
            }
        }
    }
}
