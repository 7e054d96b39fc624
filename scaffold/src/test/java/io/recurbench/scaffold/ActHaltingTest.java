package io.recurbench.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.Shape;
import io.recurbench.engine.backend.Backend;
import io.recurbench.engine.backend.Executable;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ACT loop (halting, exploration, refill, reset, metrics) driven by a scripted fake train step. */
class ActHaltingTest {

    /** Returns scripted halting logits; echoes parameters and state; records what it was fed. */
    static final class ScriptedBackend implements Backend {
        final Deque<float[]> haltLogits = new ArrayDeque<>();
        final List<Map<String, HostTensor>> feeds = new ArrayList<>();
        float constantLogit = Float.NaN;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public String device() {
            return "none";
        }

        @Override
        public Executable compile(Graph graph) {
            return new Executable() {
                @Override
                public Graph graph() {
                    return graph;
                }

                @Override
                public Map<String, HostTensor> run(Map<String, HostTensor> fed) {
                    feeds.add(new HashMap<>(fed));
                    Map<String, HostTensor> out = new HashMap<>();
                    graph.outputs().forEach((name, id) -> {
                        Node node = graph.node(id);
                        if (name.startsWith("new/")) {
                            out.put(name, fed.get(name.substring(4)));
                        } else if (name.equals(TrmNames.HALT_LOGIT)) {
                            float[] l = Float.isNaN(constantLogit) ? haltLogits.removeFirst() : filled(node.shape(), constantLogit);
                            out.put(name, HostTensor.of(node.shape(), l));
                        } else if (name.equals(TrmNames.LABELLED_CELLS)) {
                            out.put(name, HostTensor.of(node.shape(), filled(node.shape(), 3)));
                        } else if (node.dtype() == io.recurbench.api.DType.F32) {
                            out.put(name, HostTensor.of(node.shape(), filled(node.shape(), 0.5f)));
                        } else {
                            out.put(name, HostTensor.zeros(node.shape(), node.dtype()));
                        }
                    });
                    return out;
                }

                @Override
                public void close() {}
            };
        }

        private static float[] filled(Shape shape, float v) {
            float[] a = new float[shape.intSize()];
            Arrays.fill(a, v);
            return a;
        }
    }

    private static Trainer trainer(ScriptedBackend backend, int batch, int haltMax, double explore) {
        TrmConfig c = TrmConfigOverrides.apply(TestModels.tiny(batch, haltMax), Map.of("explore", Double.toString(explore)));
        c = TestModels.withHidden(c, 8, 2);
        CountingTask task = new CountingTask(3);
        return Trainer.start(TestModels.model(c, task), "transformer", task, backend, Trainer.Options.quiet());
    }

    private static float[] reset(ScriptedBackend b, int call) {
        return b.feeds.get(call).get(TrmNames.RESET).f32();
    }

    /** The example id in each slot at a call, read back from the first input token (k mod 7 + 1). */
    private static int[] firstTokens(ScriptedBackend b, int call) {
        int[] in = b.feeds.get(call).get(TrmNames.INPUTS).i32();
        int[] first = new int[in.length / CountingTask.LENGTH];
        for (int i = 0; i < first.length; i++) {
            first[i] = in[i * CountingTask.LENGTH];
        }
        return first;
    }

    @Test
    void haltedSlotsAreRefilledInStreamOrderAndMaxStepsForcesHalting() {
        ScriptedBackend backend = new ScriptedBackend();
        backend.haltLogits.addAll(List.of(
                new float[] {1, -1, -1},     // step 1: slot 0 halts (logit > 0)
                new float[] {-1, -1, -1},    // step 2: nobody
                new float[] {-1, 2, -1},     // step 3: slot 1 halts
                new float[] {-1, -1, -1},    // step 4: slot 2 reaches halt_max_steps = 4
                new float[] {-1, 0, -1}));   // step 5: slot 0 reaches the maximum; a logit of exactly 0 does not halt
        try (Trainer t = trainer(backend, 3, 4, 0)) {
            List<StepMetrics> m = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                m.add(t.step());
            }
            assertThat(reset(backend, 0)).containsExactly(1, 1, 1);
            assertThat(firstTokens(backend, 0)).containsExactly(1, 2, 3);        // examples 0, 1, 2
            assertThat(reset(backend, 1)).containsExactly(1, 0, 0);
            assertThat(firstTokens(backend, 1)).containsExactly(4, 2, 3);        // example 3 in slot 0
            assertThat(reset(backend, 2)).containsExactly(0, 0, 0);
            assertThat(reset(backend, 3)).containsExactly(0, 1, 0);
            assertThat(firstTokens(backend, 3)).containsExactly(4, 5, 3);        // example 4 in slot 1
            assertThat(reset(backend, 4)).containsExactly(0, 0, 1);
            assertThat(firstTokens(backend, 4)).containsExactly(4, 5, 6);        // example 5 in slot 2

            assertThat(m.get(0).halted()).isEqualTo(1);
            assertThat(m.get(0).meanSteps()).isEqualTo(1.0);
            assertThat(m.get(1).halted()).isZero();
            assertThat(m.get(1).exactAccuracy()).isNaN();
            assertThat(m.get(2).halted()).isEqualTo(1);
            assertThat(m.get(2).meanSteps()).isEqualTo(3.0);
            assertThat(m.get(3).halted()).isEqualTo(1);
            assertThat(m.get(3).meanSteps()).isEqualTo(4.0);
            assertThat(m.get(3).haltingRate()).isEqualTo(1.0 / 3);
            assertThat(m.get(4).halted()).isEqualTo(1);
            assertThat(t.carry().steps(0)).isEqualTo(4);    // example 3: steps 2..5
            assertThat(t.carry().halted(0)).isTrue();
            assertThat(t.carry().halted(1)).isFalse();
        }
    }

    @Test
    void carriedStatesAreFedBackAndResetSlotsAreFlagged() {
        ScriptedBackend backend = new ScriptedBackend();
        backend.constantLogit = -1;
        try (Trainer t = trainer(backend, 2, 3, 0)) {
            t.step();
            t.step();
            // The fake returns 0.5 everywhere for next/y: the second step must be fed that carry.
            assertThat(backend.feeds.get(1).get(TrmNames.CARRY_Y).f32()).containsOnly(0.5f);
            assertThat(reset(backend, 1)).containsExactly(0, 0);
            t.step();
            assertThat(reset(backend, 2)).containsExactly(0, 0);
            t.step();                                       // after 3 steps both halted: refilled now
            assertThat(reset(backend, 3)).containsExactly(1, 1);
        }
    }

    @Test
    void explorationDelaysHaltingToARandomMinimumOfAtLeastTwoSteps() {
        ScriptedBackend backend = new ScriptedBackend();
        backend.constantLogit = 5;                          // the Q head always says "halt"
        try (Trainer t = trainer(backend, 4, 6, 1.0)) {     // exploration on every step
            int[] histogram = new int[7];
            for (int i = 0; i < 200; i++) {
                StepMetrics m = t.step();
                for (int slot = 0; slot < 4; slot++) {
                    if (t.carry().halted(slot)) {
                        histogram[t.carry().steps(slot)]++;
                    }
                }
                assertThat(m.halted()).isBetween(0, 4);
            }
            assertThat(histogram[1]).isZero();              // min steps is drawn from 2..6, never 1
            for (int s = 2; s <= 6; s++) {
                assertThat(histogram[s]).as("episodes of %d steps", s).isPositive();
            }
        }
    }

    @Test
    void withoutExplorationAPositiveLogitHaltsAfterOneStep() {
        ScriptedBackend backend = new ScriptedBackend();
        backend.constantLogit = 5;
        try (Trainer t = trainer(backend, 2, 6, 0)) {
            for (int i = 0; i < 3; i++) {
                assertThat(t.step().halted()).isEqualTo(2);
                assertThat(reset(backend, i)).containsExactly(1, 1);
            }
        }
    }
}
