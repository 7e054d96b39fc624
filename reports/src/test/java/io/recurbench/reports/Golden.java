package io.recurbench.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files under {@code src/test/resources}. Run the tests with
 * {@code -Drecurbench.golden.update=true} to rewrite them from the current output (then review the
 * diff before committing); without it, any difference fails the test.
 */
public final class Golden {
    /** The switch that regenerates golden files instead of comparing against them. */
    public static final String UPDATE = "recurbench.golden.update";

    private Golden() {}

    /** The test-resources file {@code relative} of this module. */
    public static Path resource(String relative) {
        return Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources").resolve(relative);
    }

    /** Asserts that {@code actual} equals the golden file, or rewrites the file in update mode. */
    public static void check(String relative, String actual) throws IOException {
        Path file = resource(relative);
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (regenerate with -D%s=true)", relative, UPDATE).exists();
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(actual).as("output differs from golden file %s (regenerate with -D%s=true and review the diff)",
                relative, UPDATE).isEqualTo(expected);
    }
}
