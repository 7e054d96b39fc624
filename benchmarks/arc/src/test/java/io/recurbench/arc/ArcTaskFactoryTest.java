package io.recurbench.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.task.Task;
import io.recurbench.api.task.TaskFactory;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ArcTaskFactoryTest {

    private static TaskFactory factory() {
        return ServiceLoader.load(TaskFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("arc-agi-1")).findFirst().orElseThrow();
    }

    @Test
    void isFoundByServiceLoaderAndBuildsTheTask() {
        TaskFactory f = factory();
        assertThat(f).isInstanceOf(ArcTaskFactory.class);
        assertThat(f.options()).containsKeys("data", "augmentations", "seed", "translate", "pass-k", "decode");
        Task t = f.create(Map.of("data", RealData.directory().toString(), "augmentations", "2", "pass-k", "1,2"));
        assertThat(t.name()).isEqualTo("arc-agi-1");
        assertThat(t.vocabularySize()).isEqualTo(12);
        assertThat(t.sequenceLength()).isEqualTo(900);
        assertThat(t.usesPuzzleEmbeddings()).isTrue();
        // 800 tasks with 3 distinct views each (original + 2) plus the blank identifier.
        assertThat(t.puzzleIdentifierCount()).isEqualTo(1 + 800 * 3);
        assertThat(t.newScorer().result().metrics()).containsKeys("pass@1", "pass@2").doesNotContainKey("pass@5");
    }

    @Test
    void missingDataAndBadOptionsFailWithOneClearLine() {
        TaskFactory f = factory();
        assertThatThrownBy(() -> f.create(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("task arc-agi-1: option 'data' is required");
        assertThatThrownBy(() -> f.create(Map.of("data", "/nonexistent/arc")))
                .hasMessageStartingWith("/nonexistent/arc: no such directory or file");
        assertThatThrownBy(() -> f.create(Map.of("data", "x", "augs", "3")))
                .hasMessage("task arc-agi-1: unknown option 'augs' (known: data, augmentations, seed, translate, pass-k, decode)");
        assertThatThrownBy(() -> f.create(Map.of("data", "x", "translate", "yes")))
                .hasMessage("task arc-agi-1: option 'translate' = 'yes': expected true or false");
        assertThatThrownBy(() -> f.create(Map.of("data", "x", "pass-k", "2,1")))
                .hasMessage("task arc-agi-1: pass@K values must be ascending and >= 1, got [2, 1]");
        assertThatThrownBy(() -> f.create(Map.of("data", "x", "decode", "lenient")))
                .hasMessage("task arc-agi-1: option 'decode' = 'lenient': expected strict or trm-crop");
    }
}
