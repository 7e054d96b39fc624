package io.recurbench.scaffold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.engine.backend.Backend;
import io.recurbench.engine.cpu.CpuBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint/resume bit-identity and the non-finite guard, on the CPU backend. */
class ResumeAndGuardTest {
    private static final int N = 4;

    private static TrmConfig config() {
        // Exploration on, halting after at most 3 steps: the RNG, the carry and refills all matter for resume.
        return TrmConfigOverrides.apply(TestModels.withHidden(TestModels.tiny(3, 3), 8, 2), Map.of("explore", "0.5"));
    }

    /** Trains 2N steps straight, and N steps + checkpoint + resume in a new trainer + N steps. */
    private static Checkpoint[] straightAndResumed(Backend backend, Path dir) {
        CountingTask task = new CountingTask(5);
        TrmConfig c = config();
        Checkpoint straight;
        try (Trainer t = Trainer.start(TestModels.model(c, task), "transformer", task, backend, Trainer.Options.quiet())) {
            t.train(2 * N);
            straight = t.checkpoint();
        }
        Path file = dir.resolve("run/checkpoint.bin");
        Trainer.Options every = new Trainer.Options(file, N, null, null, 1, null);
        try (Trainer t = Trainer.start(TestModels.model(c, task), "transformer", task, backend, every)) {
            t.train(N);                                      // writes the checkpoint at step N, then "dies"
        }
        Checkpoint resumed;
        try (Trainer t = Trainer.resume(TestModels.model(c, task), "transformer", task, backend, every, file)) {
            assertThat(t.stepCount()).isEqualTo(N);
            t.train(2 * N);
            resumed = t.checkpoint();
        }
        assertThat(resumed.longs("step")).containsExactly(2 * N);
        assertThat(resumed.longs("rng")).containsExactly(straight.longs("rng"));
        assertThat(resumed.longs("data_position")).containsExactly(straight.longs("data_position"));
        assertThat(resumed.ints("act/steps")).containsExactly(straight.ints("act/steps"));
        assertThat(resumed.ints("act/inputs")).containsExactly(straight.ints("act/inputs"));
        assertThat(resumed.floatEntries().keySet()).isEqualTo(straight.floatEntries().keySet());
        assertThat(resumed.floats("puzzle.embedding")).as("sign-SGD touched the puzzle rows").isNotEqualTo(new float[5 * 8]);
        return new Checkpoint[] {straight, resumed};
    }

    @Test
    void resumingIsBitIdenticalOnADeterministicBackend(@TempDir Path dir) {
        Checkpoint[] runs = straightAndResumed(new ReferenceBackend(), dir);
        runs[0].floatEntries().forEach((name, values) ->
                assertThat(bits(runs[1].floats(name))).as("bits of %s", name).containsExactly(bits(values)));
    }

    /**
     * The same comparison on the CPU backend, bit for bit: its kernels use our own transcendental
     * functions and fixed-order lane sums (docs/engine-cpu.md, "Reproducibility"), so a graph gives
     * the same bits cold and after the JIT has compiled it, and a resumed run continues exactly.
     */
    @Test
    void resumingOnTheCpuBackendIsBitIdentical(@TempDir Path dir) {
        Checkpoint[] runs = straightAndResumed(new CpuBackend(), dir);
        runs[0].floatEntries().forEach((name, values) ->
                assertThat(bits(runs[1].floats(name))).as("bits of %s", name).containsExactly(bits(values)));
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    @Test
    void aNonFiniteLossStopsTrainingNamingStepTensorAndOperatorAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) {
        CountingTask task = new CountingTask(5);
        Path file = dir.resolve("checkpoint.bin");
        // A learning rate of 1e30 from step 3 on: the update of step 3 is finite but huge, so step 4's
        // forward overflows. Checkpoints are written after every step.
        Trainer.Options options = new Trainer.Options(file, 1, null, null, 1, step -> step < 3 ? 1e-2 : 1e30);
        try (Trainer t = Trainer.start(TestModels.model(config(), task), "transformer", task, new CpuBackend(), options)) {
            assertThatThrownBy(() -> t.train(10))
                    .isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
                        assertThat(e.operator()).isEqualTo("transformer");
                        assertThat(e.step()).isBetween(4L, 5L);
                        assertThat(e.tensor()).isNotBlank();
                        assertThat(e.getMessage()).contains("step " + e.step()).contains("'" + e.tensor() + "'")
                                .contains("operator 'transformer'");
                    });
            long failedAt = t.stepCount() + 1;
            assertThatThrownBy(t::step).hasMessageContaining("resume from the last checkpoint");
            assertThatThrownBy(t::checkpoint).isInstanceOf(IllegalStateException.class);
            Checkpoint last = Checkpoint.read(file);
            assertThat(last.longs("step")).containsExactly(failedAt - 1);
            for (float[] v : last.floatEntries().values()) {
                for (float x : v) {
                    assertThat(Float.isFinite(x)).isTrue();
                }
            }
        }
        assertThat(Files.exists(file)).isTrue();
    }
}
