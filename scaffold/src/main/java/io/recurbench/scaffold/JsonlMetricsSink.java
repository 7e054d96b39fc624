package io.recurbench.scaffold;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes records as JSON Lines ({@code {"kind":"step",...}} / {@code {"kind":"eval",...}}), one
 * complete line per {@code write} followed by a flush, so that a reader or a crash sees whole lines
 * only (a torn last line can only come from a crash inside one write, and readers skip a line that
 * does not parse). Appends to an existing file, as a resumed run continues its log.
 */
public final class JsonlMetricsSink implements MetricsSink {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final Path file;
    private final Writer out;

    public JsonlMetricsSink(Path file) {
        this.file = file;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open metrics file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void step(StepMetrics metrics) {
        line("step", MAPPER.convertValue(metrics, Map.class));
    }

    @Override
    public void evaluation(long step, EvalReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("report", MAPPER.convertValue(report, Map.class));
        line("eval", m);
    }

    private synchronized void line(String kind, Map<?, ?> fields) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("kind", kind);
        fields.forEach((k, v) -> record.put(String.valueOf(k), v));
        try {
            out.write(MAPPER.writeValueAsString(record) + "\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close metrics file " + file + ": " + e.getMessage(), e);
        }
    }
}
