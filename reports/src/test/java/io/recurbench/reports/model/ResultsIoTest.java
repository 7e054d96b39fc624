package io.recurbench.reports.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recurbench.reports.SyntheticResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsIoTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final String FIXTURE_JSON = ResultsIo.toJson(SyntheticResults.build());

    @Test
    void roundTripIsLosslessAndByteIdentical() {
        Results results = SyntheticResults.build();
        String json = ResultsIo.toJson(results);
        Results back = ResultsIo.parse(json, "mem");
        assertThat(back).isEqualTo(results);
        assertThat(ResultsIo.toJson(back)).isEqualTo(json);
    }

    @Test
    void layoutIsFixed() {
        String json = ResultsIo.toJson(SyntheticResults.build());
        assertThat(json).startsWith("{\n  \"schema\": \"recurbench-results\",\n  \"version\": 1,\n  \"suite\": {\n    \"name\": \"fixture\",");
        assertThat(json).endsWith("}\n").doesNotContain("\r").doesNotContain("E-").doesNotContain("E+");
        assertThat(json).contains("\"seeds\": [1, 2, 3],");
        assertThat(json).contains("\"tvmVersion\": null,");
    }

    @Test
    void doublesArePlainShortestRoundTrip() {
        assertThat(DeterministicJson.formatDouble(1e-5)).isEqualTo("0.00001");
        assertThat(DeterministicJson.formatDouble(12.0)).isEqualTo("12.0");
        assertThat(DeterministicJson.formatDouble(0.1)).isEqualTo("0.1");
        assertThat(DeterministicJson.formatDouble(-2.5e-3)).isEqualTo("-0.0025");
        assertThat(DeterministicJson.formatDouble(1e21)).isEqualTo("1000000000000000000000.0");
        assertThat(DeterministicJson.formatDouble(1.0 / 3)).isEqualTo("0.3333333333333333");
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            double x = Double.longBitsToDouble(rnd.nextLong());
            if (Double.isFinite(x)) {
                assertThat(Double.parseDouble(DeterministicJson.formatDouble(x))).isEqualTo(x);
            }
        }
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/results.json");
        Results results = SyntheticResults.build();
        ResultsIo.write(file, results);
        Files.writeString(file, "stale");
        ResultsIo.write(file, results);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(ResultsIo.toJson(results));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
        assertThat(ResultsIo.read(file)).isEqualTo(results);
    }

    @Test
    void unknownFieldNamesItsPath() {
        assertRejected(root -> suite(root).put("gitShaa", "x"),
                "$.suite.gitShaa: unknown field (expected one of backend, budgetTolerance, configHash,");
    }

    @Test
    void missingFieldNamesItsPath() {
        assertRejected(root -> run(root, 0).remove("wallTimeSeconds"), "$.runs[0].wallTimeSeconds: missing");
        assertRejected(root -> suite(root).remove("tvmVersion"), "$.suite.tvmVersion: missing");
    }

    @Test
    void wrongTypeNamesItsPath() {
        assertRejected(root -> ((ArrayNode) suite(root).get("seeds")).set(1, "two"), "$.suite.seeds[1]: expected an integer");
        assertRejected(root -> run(root, 0).put("seed", 1.5), "$.runs[0].seed: expected an integer");
        assertRejected(root -> ((ArrayNode) run(root, 0).get("examples").get("ids")).set(0, 5),
                "$.runs[0].examples.ids[0]: expected a string");
        assertRejected(root -> suite(root).put("wallTimeSeconds", "12"), "$.suite.wallTimeSeconds: expected a number");
        assertRejected(root -> suite(root).putNull("gitSha"), "$.suite.gitSha: expected a non-empty string");
        assertRejected(root -> run(root, 1).put("learningCurve", "none"), "$.runs[1].learningCurve: expected an array");
        assertRejected(root -> ((ObjectNode) run(root, 0).get("status")).put("state", "great"),
                "$.runs[0].status.state: expected one of ok, failed, refused");
    }

    @Test
    void unknownOrMissingKindNamesItsPath() {
        assertRejected(root -> ((ObjectNode) run(root, 0).get("metrics")).put("kind", "chess"),
                "$.runs[0].metrics.kind: unknown kind \"chess\"");
        assertRejected(root -> ((ObjectNode) run(root, 0).get("metrics")).remove("kind"),
                "$.runs[0].metrics.kind: missing");
    }

    @Test
    void outOfRangeValueNamesItsPath() {
        assertRejected(root -> ((ObjectNode) run(root, 2).get("depth").get("supervisionSteps").get(1)).put("accuracy", 1.5),
                "$.runs[2].depth.supervisionSteps[1].accuracy: expected a fraction in [0, 1], got 1.5");
        assertRejected(root -> ((ObjectNode) run(root, 0).get("examples")).put("correct", "01"),
                "$.runs[0].examples.correct: has 2 characters for 60 ids");
        assertRejected(root -> ((ObjectNode) run(root, 0).get("metrics")).put("puzzlesCorrect", 0),
                "$.runs[0].metrics.exactAccuracy:");
    }

    @Test
    void crossReferencesAreChecked() {
        assertRejected(root -> run(root, 0).put("operator", "ghost"),
                "$.runs[0].operator: \"ghost\" has no operators entry for task \"sudoku-4x4\"");
        assertRejected(root -> run(root, 0).put("seed", 99), "$.runs[0].seed: 99 is not one of the suite's seeds");
    }

    @Test
    void otherVersionsAndMalformedJsonAreRejected() {
        assertRejected(root -> root.put("version", 2), "$.version: this build reads version 1, got 2");
        assertRejected(root -> root.put("schema", "other"), "$.schema: expected \"recurbench-results\"");
        assertThatThrownBy(() -> ResultsIo.parse("{\"schema\": ", "bad.json"))
                .isInstanceOf(ResultsFormatException.class)
                .hasMessageStartingWith("bad.json: malformed JSON at line 1, column");
        assertThatThrownBy(() -> ResultsIo.parse("{\"schema\": 1, \"schema\": 2}", "dup.json"))
                .hasMessageStartingWith("dup.json: malformed JSON at line 1").hasMessageContaining("schema");
    }

    @Test
    void unreadableFileIsOneLine(@TempDir Path dir) {
        assertThatThrownBy(() -> ResultsIo.read(dir.resolve("absent.json")))
                .isInstanceOf(ResultsFormatException.class)
                .hasMessageContaining("absent.json: cannot read (NoSuchFileException");
    }

    private static ObjectNode suite(ObjectNode root) {
        return (ObjectNode) root.get("suite");
    }

    private static ObjectNode run(ObjectNode root, int i) {
        return (ObjectNode) root.get("runs").get(i);
    }

    private static void assertRejected(Consumer<ObjectNode> edit, String expectedStart) {
        ObjectNode root;
        try {
            root = (ObjectNode) PLAIN.readTree(FIXTURE_JSON);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        edit.accept(root);
        assertThatThrownBy(() -> ResultsIo.parse(root.toString(), "results.json"))
                .isInstanceOf(ResultsFormatException.class)
                .hasMessageStartingWith("results.json: " + expectedStart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
