package io.recurbench.tvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.trace.Tracer;
import io.recurbench.tvm.ffi.TvmException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The CUDA path up to the point a GPU is needed: the bridge compiles for {@code cuda} (DLight
 * schedules, kernels in the library) on a machine without a GPU; starting the tvm-cuda backend
 * here must fail with a message naming the missing CUDA library rather than crash. On a GPU machine the same test sees a working
 * executable instead (see docs/tvm.md for the GPU run).
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
        assertThat(new String(Files.readAllBytes(c.library()), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("__global__");
        assertThat(c.target()).contains("\"kind\":\"cuda\"").contains("sm_80");
        boolean gpu = Files.exists(java.nio.file.Path.of("/dev/nvidia0"));
        if (!gpu) {
            assertThatThrownBy(() -> TvmBackend.cuda(0, "sm_80", env, l -> { }))
                    .isInstanceOf(TvmException.class)
                    .satisfies(e -> {
                        System.out.println("tvm-cuda without a GPU: " + e.getMessage().lines().findFirst().orElse(""));
                        assertThat(e.getMessage().toLowerCase(java.util.Locale.ROOT)).contains("cuda");
                    });
        }
    }
}
