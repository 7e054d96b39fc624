package io.recurbench.tvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.trace.Tracer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Executable contract's feed errors, and the resident-argument API's. */
class TvmExecutableFeedTest {

    static Graph affine() {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(2, 3), DType.F32);
        Tensor w = t.parameter("w", Shape.of(3, 2), Initializer.ones());
        t.output("y", x.matmul(w));
        t.output("w_next", w.mul(2f));
        return t.build();
    }

    @Test
    void feedErrorsNameTheFeedAndBothShapes() {
        HostTensor x = HostTensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        HostTensor w = HostTensor.of(Shape.of(3, 2), 1, 1, 1, 1, 1, 1);
        try (TvmExecutable exe = Fixtures.llvm().compile(affine())) {
            assertThatThrownBy(() -> exe.run(Map.of("x", x)))
                    .hasMessage("missing feed for 'w' (expected F32[3, 2]) and it is not resident");
            assertThatThrownBy(() -> exe.run(Map.of("x", HostTensor.of(Shape.of(3, 2), new float[6]), "w", w)))
                    .hasMessage("feed 'x': expected F32[2, 3], got F32[3, 2]");
            assertThatThrownBy(() -> exe.run(Map.of("x", HostTensor.ofInts(Shape.of(2, 3), new int[6]), "w", w)))
                    .hasMessage("feed 'x': expected F32[2, 3], got I32[2, 3]");
            assertThat(exe.run(Map.of("x", x, "w", w)).get("y").f32()).containsExactly(6, 6, 15, 15);
        }
    }

    @Test
    void residentArgumentsAndKeptOutputs() {
        HostTensor x = HostTensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        try (TvmExecutable exe = Fixtures.llvm().compile(affine())) {
            exe.setResident("w", HostTensor.of(Shape.of(3, 2), 1, 1, 1, 1, 1, 1));
            Map<String, HostTensor> first = exe.step(Map.of("x", x), Map.of("w_next", "w"));
            assertThat(first.keySet()).containsExactly("y");
            assertThat(first.get("y").f32()).containsExactly(6, 6, 15, 15);
            assertThat(exe.resident("w").f32()).containsExactly(2, 2, 2, 2, 2, 2);
            assertThat(exe.run(Map.of("x", x)).get("y").f32()).containsExactly(12, 12, 30, 30);
            assertThatThrownBy(() -> exe.step(Map.of("x", x), Map.of("y", "w")))
                    .hasMessage("cannot keep output 'y' (F32[2, 2]) as 'w' (F32[3, 2])");
            assertThatThrownBy(() -> exe.step(Map.of("x", x), Map.of("nope", "w")))
                    .hasMessageStartingWith("cannot keep output 'nope' as argument 'w'");
            assertThatThrownBy(() -> exe.setResident("v", HostTensor.of(Shape.of(3, 2), new float[6])))
                    .hasMessageStartingWith("graph has no input or parameter 'v'");
            exe.close();
            assertThatThrownBy(() -> exe.run(Map.of("x", x))).hasMessage("executable is closed");
        }
    }
}
