package io.recurbench.reports.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code results.json}.
 *
 * <p>The reader is strict: an unknown field, a missing field (nullable fields must be present as
 * {@code null}), a wrong type, a value out of range, or another schema version each fail with one
 * {@link ResultsFormatException} line naming the file and the JSON path. The writer is atomic
 * (temporary file in the same directory, then rename) and deterministic (see {@link DeterministicJson}),
 * so {@code write(read(f))} reproduces {@code f} byte for byte.
 */
public final class ResultsIo {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // A number or boolean where a string belongs is a type error, not a string.
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();
    private static final Pattern MISSING_PROPERTY = Pattern.compile("[Mm]issing (?:required )?creator property '([^']+)'");

    private ResultsIo() {}

    /** Reads and validates a results file. */
    public static Results read(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ResultsFormatException(file + ": cannot read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
        return parse(json, file.toString());
    }

    /**
     * Parses and validates results JSON.
     *
     * @param json   the document
     * @param source what to call the document in error messages (usually its path)
     */
    public static Results parse(String json, String source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ResultsFormatException(source + ": " + describe(e), e);
        }
        checkSchema(tree, source);
        try {
            return MAPPER.treeToValue(tree, Results.class);
        } catch (JsonProcessingException e) {
            throw new ResultsFormatException(source + ": " + describe(e), e);
        }
    }

    /** The exact bytes (as text) that {@link #write} puts in a file. */
    public static String toJson(Results results) {
        return DeterministicJson.print(MAPPER.valueToTree(results));
    }

    /** Writes results atomically: readers of {@code file} see the old or the new file, never a part. */
    public static void write(Path file, Results results) throws IOException {
        writeAtomically(file, toJson(results));
    }

    /**
     * Writes text to a file through a temporary sibling and a rename, so that an interrupted write
     * never leaves a truncated file. Shared with the report renderer.
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Checks schema name and version first, so another version is reported as such. */
    private static void checkSchema(JsonNode tree, String source) {
        if (!tree.isObject()) {
            throw new ResultsFormatException(source + ": $: expected a JSON object, got " + tree.getNodeType(), null);
        }
        JsonNode schema = tree.get("schema");
        if (schema == null || !schema.isTextual() || !Results.SCHEMA.equals(schema.textValue())) {
            throw new ResultsFormatException(source + ": $.schema: expected \"" + Results.SCHEMA + "\", got "
                    + (schema == null ? "nothing" : schema.toString()), null);
        }
        JsonNode version = tree.get("version");
        if (version == null || !version.isInt() || version.intValue() != Results.VERSION) {
            throw new ResultsFormatException(source + ": $.version: this build reads version " + Results.VERSION
                    + ", got " + (version == null ? "nothing" : version.toString()), null);
        }
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof StreamReadException && !(e instanceof JsonMappingException)) {
            JsonLocation at = e.getLocation();
            return "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": "
                    + firstLine(e.getOriginalMessage());
        }
        JsonMappingException m = (JsonMappingException) e;
        String path = path(m);
        return switch (m) {
            case UnrecognizedPropertyException u -> path + ": unknown field (expected one of "
                    + names(u.getKnownPropertyIds()) + ")";
            case InvalidTypeIdException t -> t.getTypeId() == null
                    ? path + ".kind: missing (expected one of arc, sudoku)"
                    : path + ".kind: unknown kind \"" + t.getTypeId() + "\" (expected one of arc, sudoku)";
            case ValueInstantiationException v -> withField(path, rootCause(v).getMessage());
            case InvalidNullException n -> path + ": expected a value, got null";
            case MismatchedInputException mi -> missingOrMismatch(path, mi);
            default -> path + ": " + firstLine(m.getOriginalMessage());
        };
    }

    private static String missingOrMismatch(String path, MismatchedInputException e) {
        Matcher missing = MISSING_PROPERTY.matcher(e.getOriginalMessage());
        if (missing.find()) {
            // Jackson's path sometimes already ends at the missing property, sometimes at its object.
            String field = "." + missing.group(1);
            return (path.endsWith(field) ? path : path + field) + ": missing (write null for an absent optional value)";
        }
        String expected = e.getTargetType() == null ? "another type" : typeName(e.getTargetType());
        return path + ": expected " + expected;
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of ok, failed, refused";
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    /** Record validation messages start with the field name: join it to the object's path. */
    private static String withField(String path, String message) {
        return (path.equals("$") ? "$." : path + ".") + message;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String path(JsonMappingException e) {
        StringBuilder p = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                p.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                p.append('[').append(ref.getIndex()).append(']');
            }
        }
        return p.toString();
    }

    private static String names(Collection<Object> ids) {
        TreeSet<String> sorted = new TreeSet<>();
        ids.forEach(id -> sorted.add(String.valueOf(id)));
        return String.join(", ", sorted);
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
