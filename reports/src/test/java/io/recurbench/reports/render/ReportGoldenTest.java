package io.recurbench.reports.render;

import io.recurbench.reports.Golden;
import io.recurbench.reports.ReportRenderer;
import io.recurbench.reports.SyntheticResults;
import io.recurbench.reports.model.Results;
import io.recurbench.reports.model.ResultsIo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden-file tests of the fixture suite: the results file itself, {@code report.md} and
 * {@code report.html}. Regenerate with {@code -Drecurbench.golden.update=true}.
 */
class ReportGoldenTest {

    /** In update mode the fixture is rewritten first, so the reports below are rendered from the new one. */
    @BeforeAll
    static void regenerateFixtureFirst() throws IOException {
        if (Boolean.getBoolean(Golden.UPDATE)) {
            Golden.check("fixture/results.json", ResultsIo.toJson(SyntheticResults.build()));
        }
    }

    @Test
    void fixtureResultsFileIsTheSyntheticSuite() throws IOException {
        Golden.check("fixture/results.json", ResultsIo.toJson(SyntheticResults.build()));
    }

    @Test
    void markdownMatchesGolden() throws IOException {
        Golden.check("golden/report.md", ReportRenderer.markdown(fixture()));
    }

    @Test
    void htmlMatchesGolden() throws IOException {
        Golden.check("golden/report.html", ReportRenderer.html(fixture()));
    }

    @Test
    void renderingIsByteIdenticalAcrossRoundTrips(@TempDir Path dir) throws IOException {
        Results results = fixture();
        ReportRenderer.Written first = ReportRenderer.render(results, dir.resolve("a"));
        Path json = dir.resolve("b/results.json");
        ResultsIo.write(json, results);
        ReportRenderer.Written second = ReportRenderer.render(ResultsIo.read(json), dir.resolve("b"));
        assertThat(Files.readAllBytes(second.markdown())).isEqualTo(Files.readAllBytes(first.markdown()));
        assertThat(Files.readAllBytes(second.html())).isEqualTo(Files.readAllBytes(first.html()));
        assertThat(Files.readString(first.markdown(), StandardCharsets.UTF_8)).isEqualTo(ReportRenderer.markdown(results));
        assertThat(first.html().getFileName().toString()).isEqualTo(ReportRenderer.HTML);
    }

    @Test
    void htmlIsSelfContained() {
        String html = ReportRenderer.html(fixture());
        assertThat(html).doesNotContainIgnoringCase("http").doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("src=").doesNotContainIgnoringCase("href=")
                .doesNotContainIgnoringCase("url(").doesNotContainIgnoringCase("@import");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").endsWith("</html>\n");
    }

    @Test
    void reportShowsEverySection() {
        String md = ReportRenderer.markdown(fixture());
        assertThat(md).contains("## Refused plugins and failed runs", "wide-lstm", "refused — parameter count 131072",
                "seed 2: failed after 1 min 28.0 s — loss became NaN", "### Parameter parity", "### Headline",
                "### Paired comparisons", "### pass@K", "### Learning curves", "### Recursion depth",
                "#### Cognitive static", "⚠ static from depth", "#### Halting", "### Throughput");
        String html = ReportRenderer.html(fixture());
        // pass@K once (ARC), per task: loss, train accuracy, 3 supervision + 2 latent depth charts, 2 throughput
        assertThat(html.split("<svg class=\"chart\"", -1)).hasSize(1 + 1 + 2 * 9);
        assertThat(html).contains("class=\"flag\"", "class=\"marker\"");
    }

    private static Results fixture() {
        return ResultsIo.read(Golden.resource("fixture/results.json"));
    }
}
