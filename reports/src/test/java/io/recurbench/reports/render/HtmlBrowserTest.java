package io.recurbench.reports.render;

import io.recurbench.reports.Golden;
import io.recurbench.reports.ReportRenderer;
import io.recurbench.reports.model.ResultsIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Renders the fixture's {@code report.html} in headless Chromium (Debian's {@code /usr/bin/chromium}):
 * the DOM the browser built must hold every chart with data marks, and a screenshot must show a
 * page with content (not blank). Chromium is a test prerequisite, not an optional extra: when it
 * is missing the test fails and names the script that installs it.
 */
class HtmlBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String INSTALLER = "reports/src/test/scripts/ensure-chromium.sh";
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 3000;
    private static final Pattern SVG = Pattern.compile("<svg class=\"chart\" data-chart=\"([^\"]+)\"(.*?)</svg>", Pattern.DOTALL);
    private static final Pattern POLYLINE = Pattern.compile("<polyline class=\"mark\"[^>]* points=\"([^\"]*)\"");
    private static final Pattern BAR = Pattern.compile("<rect class=\"mark\"[^>]* width=\"([0-9.]+)\"");

    @Test
    void chartsRenderInHeadlessChromium(@TempDir Path dir) throws Exception {
        requireChromium(CHROMIUM);
        Path html = ReportRenderer.render(ResultsIo.read(Golden.resource("fixture/results.json")), dir.resolve("out")).html();
        String source = Files.readString(html, StandardCharsets.UTF_8);
        int chartsInSource = count(SVG.matcher(source));
        assertThat(chartsInSource).isEqualTo(19);

        String dom = chromium(dir, "dom", "--dump-dom", html.toUri().toString());
        List<String> charts = new ArrayList<>();
        Matcher m = SVG.matcher(dom);
        while (m.find()) {
            String id = m.group(1);
            String body = m.group(2);
            charts.add(id);
            assertThat(marks(body)).as("data marks in chart %s", id).isPositive();
        }
        assertThat(charts).as("charts in the browser's DOM").hasSize(chartsInSource).doesNotHaveDuplicates();

        Path png = dir.resolve("report.png");
        chromium(dir, "shot", "--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT, html.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("screenshot %s", png).isNotNull();
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        long inked = 0;
        long chartBlue = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (rgb != 0xFFFFFF) {
                    inked++;
                }
                if (near(rgb, 0x0072B2)) {
                    chartBlue++;
                }
            }
        }
        long sampled = (long) (WIDTH / 2) * (HEIGHT / 2);
        assertThat(inked).as("non-white pixels of %d sampled", sampled).isGreaterThan(sampled / 50);
        assertThat(chartBlue).as("pixels in the first operator's chart colour (#0072B2)").isGreaterThan(50);
    }

    @Test
    void missingChromiumFailsAndNamesTheInstaller() {
        assertThatThrownBy(() -> requireChromium(Path.of("/nonexistent/chromium")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("headless-browser test needs /nonexistent/chromium; install it with " + INSTALLER
                        + " (CI runs it from .ci/run)");
    }

    /** Fails (never skips) when the browser is missing: a skipped test would hide an unchecked report. */
    static void requireChromium(Path chromium) {
        if (!Files.isExecutable(chromium)) {
            fail("headless-browser test needs " + chromium + "; install it with " + INSTALLER
                    + " (CI runs it from .ci/run)");
        }
    }

    /** Data marks with something to draw: polylines with two or more points, bars wider than zero. */
    private static int marks(String svgBody) {
        int n = 0;
        Matcher lines = POLYLINE.matcher(svgBody);
        while (lines.find()) {
            if (lines.group(1).trim().split(" ").length >= 2) {
                n++;
            }
        }
        Matcher bars = BAR.matcher(svgBody);
        while (bars.find()) {
            if (Double.parseDouble(bars.group(1)) > 0) {
                n++;
            }
        }
        return n;
    }

    private static String chromium(Path dir, String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + dir.resolve("profile-" + name)));
        command.addAll(List.of(args));
        Path stdout = dir.resolve(name + ".out");
        Path stderr = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 90 s: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            fail("chromium exited with " + p.exitValue() + ": " + tail(stderr));
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }

    private static boolean near(int rgb, int target) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xFF) - ((target >> shift) & 0xFF)) > 12) {
                return false;
            }
        }
        return true;
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
