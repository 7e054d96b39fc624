package io.recurbench.scaffold;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named configurations in {@code presets.json} (next to this class): the published TRM runs
 * ({@code trm-arc}, {@code trm-sudoku}), the Mamba-2 hybrid configurations, and small CPU presets.
 * Each preset carries its citation in {@link TrmConfig#source()}.
 */
public final class TrmPresets {
    private static final String RESOURCE = "presets.json";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final Map<String, TrmConfig> PRESETS = load();

    private TrmPresets() {}

    /** The JSON mapper configured for {@link TrmConfig}: unknown and missing primitive properties fail. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses one config from JSON; a problem fails in one line naming {@code origin} (a file name,
     * "preset x"), the field and what was wrong. Missing primitive fields and unknown fields fail.
     */
    public static TrmConfig parse(String json, String origin) {
        try {
            return MAPPER.readValue(json, TrmConfig.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("(root)");
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String reason = cause == e ? e.getOriginalMessage() : cause.getMessage();
            if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
                reason = "unknown field; known fields: " + u.getKnownPropertyIds();
            } else if (reason.startsWith("Cannot map `null`")) {
                reason = "missing (required)";
            }
            throw new IllegalArgumentException(origin + ": field '" + field + "': " + reason.lines().findFirst().orElse(reason));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(origin + ": not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Every preset by name, in file order. */
    public static Map<String, TrmConfig> all() {
        return PRESETS;
    }

    /** The preset {@code name}; an unknown name fails listing the known ones. */
    public static TrmConfig get(String name) {
        TrmConfig config = PRESETS.get(name);
        if (config == null) {
            throw new IllegalArgumentException("unknown TRM preset '" + name + "'; known presets: "
                    + String.join(", ", PRESETS.keySet()));
        }
        return config;
    }

    private static Map<String, TrmConfig> load() {
        try (InputStream in = TrmPresets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing next to " + TrmPresets.class.getName());
            }
            return java.util.Collections.unmodifiableMap(
                    MAPPER.readValue(in, new TypeReference<LinkedHashMap<String, TrmConfig>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TRM presets " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
