package io.recurbench.scaffold.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.recurbench.api.DType;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.io.SafetensorsFile;
import io.recurbench.engine.io.SafetensorsWriter;
import io.recurbench.scaffold.TrmConfig;
import io.recurbench.scaffold.TrmModel;
import io.recurbench.scaffold.TrmNames;
import io.recurbench.scaffold.TrmPresets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code export-weights} / {@code import-weights}: our parameters ↔ a safetensors file under TRM's
 * PyTorch state-dict names, through the table of {@link TrmWeightNames}. Such a file loads into
 * TRM with {@code safetensors.torch.load_file} + {@code model.load_state_dict}, and a TRM
 * checkpoint converted to safetensors loads here.
 *
 * <p>Import is strict: every name in the file must map, every parameter the model declares must be
 * present with its shape, and nothing may be left over; all violations are reported together in
 * one line. The puzzle-embedding table ({@link TrmNames#PUZZLE_TABLE}) is checked on its row width
 * only, since its row count is the data set's number of puzzle identifiers.
 */
public final class TrmWeights {
    /** Metadata key under which an export may carry the model's {@code TrmConfig} as JSON. */
    public static final String CONFIG_METADATA = "recurbench.trm_config";

    private TrmWeights() {}

    /**
     * What a model expects to import: its graph parameters' shapes and, when it has one, the
     * puzzle table's row width.
     */
    public record WeightSpec(Map<String, Shape> parameters, int puzzleRowWidth) {
        public WeightSpec {
            parameters = Map.copyOf(parameters);
        }

        /** The parameters {@code model} declares, plus its puzzle table if {@link TrmModel#puzzleRowWidth()} > 0. */
        public static WeightSpec of(TrmModel model) {
            Map<String, Shape> shapes = new LinkedHashMap<>();
            for (ParameterSpec p : model.parameters()) {
                shapes.put(p.name(), p.shape());
            }
            return new WeightSpec(shapes, model.puzzleRowWidth());
        }
    }

    /**
     * Shapes the flat arrays the trainer and evaluator hold ({@code Trainer.parameters()} or
     * {@code emaParameters()}, {@code puzzleTable()}) into tensors for {@link #exportWeights}; the
     * puzzle table (ignored when the model has none) becomes {@code [ids, ndim]}.
     */
    public static Map<String, HostTensor> shaped(TrmModel model, Map<String, float[]> flat, float[] puzzleTable) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (ParameterSpec p : model.parameters()) {
            float[] v = flat.get(p.name());
            if (v == null || v.length != p.shape().intSize()) {
                throw new IllegalArgumentException("parameter '" + p.name() + "': expected " + p.shape().intSize()
                        + " values for shape " + p.shape() + ", got " + (v == null ? "none" : v.length));
            }
            out.put(p.name(), HostTensor.of(p.shape(), v));
        }
        int w = model.puzzleRowWidth();
        if (w > 0) {
            if (puzzleTable == null || puzzleTable.length % w != 0) {
                throw new IllegalArgumentException("puzzle table: expected a multiple of the row width " + w
                        + " values, got " + (puzzleTable == null ? "none" : puzzleTable.length));
            }
            out.put(TrmNames.PUZZLE_TABLE, HostTensor.of(Shape.of(puzzleTable.length / w, w), puzzleTable));
        }
        return out;
    }

    /** The flat arrays of imported {@code parameters}, as {@code Evaluator.evaluate} takes them (puzzle table left out). */
    public static Map<String, float[]> flat(Map<String, HostTensor> parameters) {
        Map<String, float[]> out = new LinkedHashMap<>();
        parameters.forEach((name, t) -> {
            if (!name.equals(TrmNames.PUZZLE_TABLE)) {
                out.put(name, t.f32());
            }
        });
        return out;
    }

    /** Writes {@code parameters} (ours, optionally with the puzzle table) to {@code file} under TRM's names. */
    public static void exportWeights(Path file, Map<String, HostTensor> parameters, Map<String, String> metadata)
            throws IOException {
        Map<String, String> meta = new TreeMap<>(metadata);
        // safetensors.torch writes {"format": "pt"}; loaders in the PyTorch ecosystem look for it.
        meta.putIfAbsent("format", "pt");
        SafetensorsWriter.write(file, toTrm(parameters, file.toString()), meta);
    }

    /** Exports {@code parameters} with {@code config} in the metadata, so {@link ForwardFromFile} needs no other input. */
    public static void exportModel(Path file, TrmConfig config, Map<String, HostTensor> parameters) throws IOException {
        exportWeights(file, parameters, configMetadata(config));
    }

    /** {@link #CONFIG_METADATA} → {@code config} as JSON. */
    public static Map<String, String> configMetadata(TrmConfig config) {
        try {
            return Map.of(CONFIG_METADATA, TrmPresets.mapper().writeValueAsString(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("TRM config does not serialise: " + e.getMessage(), e);
        }
    }

    /** The config an export stored in its metadata; fails naming the file when there is none or it is invalid. */
    public static TrmConfig configFrom(Map<String, String> metadata, Path file) {
        String json = metadata.get(CONFIG_METADATA);
        if (json == null) {
            throw new IllegalArgumentException(file + ": no '" + CONFIG_METADATA
                    + "' in __metadata__; give the model's config explicitly (--config or --preset)");
        }
        try {
            return TrmPresets.mapper().readValue(json, TrmConfig.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": __metadata__ '" + CONFIG_METADATA + "' is not a valid TRM config: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** Reads a TRM-named safetensors file into our parameters, checked against {@code spec}. */
    public static Map<String, HostTensor> importWeights(Path file, WeightSpec spec) throws IOException {
        return fromTrm(SafetensorsFile.readAll(file), spec, file.toString());
    }

    /** TRM's state dict of our {@code parameters}; names the table has no row for fail together. */
    public static Map<String, HostTensor> toTrm(Map<String, HostTensor> parameters, String target) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        List<String> unmapped = new ArrayList<>();
        for (Map.Entry<String, HostTensor> e : parameters.entrySet()) {
            Optional<TrmWeightNames.Mapped> m = TrmWeightNames.toTrm(e.getKey());
            if (m.isEmpty()) {
                unmapped.add(e.getKey());
            } else {
                out.put(m.get().name(), convert(e.getValue(), m.get().layout(), target, e.getKey()));
            }
        }
        if (!unmapped.isEmpty()) {
            throw new IllegalArgumentException(target + ": no TRM name for parameters " + unmapped
                    + " (TRM's model has only the tensors in docs/interop.md; the operator is not a TRM one)");
        }
        return out;
    }

    /**
     * Our parameters from TRM's state dict {@code trm} (training prefixes {@code _orig_mod.} and
     * {@code model.} removed), checked against {@code spec}.
     */
    public static Map<String, HostTensor> fromTrm(Map<String, HostTensor> trm, WeightSpec spec, String source) {
        Map<String, HostTensor> ours = new LinkedHashMap<>();
        Map<String, String> fileNameOf = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, HostTensor> e : trm.entrySet()) {
            String stripped = TrmWeightNames.withoutTrainingPrefixes(e.getKey());
            Optional<TrmWeightNames.Mapped> m = TrmWeightNames.toOurs(stripped);
            if (m.isEmpty()) {
                unknown.add(e.getKey());
                continue;
            }
            String name = m.get().name();
            if (fileNameOf.containsKey(name)) {
                mismatched.add(e.getKey() + " duplicates " + fileNameOf.get(name));
                continue;
            }
            fileNameOf.put(name, e.getKey());
            HostTensor t = e.getValue();
            boolean isTable = name.equals(TrmNames.PUZZLE_TABLE);
            Shape want = spec.parameters().get(name);
            if (isTable ? spec.puzzleRowWidth() == 0 : want == null) {
                unexpected.add(e.getKey());
                continue;
            }
            if (t.dtype() != DType.F32) {
                mismatched.add(e.getKey() + " is " + t.dtype() + ", expected a float type");
                continue;
            }
            Shape trmWant = isTable ? null : trmShape(want, m.get().layout());
            boolean fits = isTable
                    ? t.shape().rank() == 2 && t.shape().dim(1) == spec.puzzleRowWidth()
                    : t.shape().equals(trmWant);
            if (!fits) {
                mismatched.add(e.getKey() + " has shape " + t.shape() + ", expected "
                        + (isTable ? "[ids, " + spec.puzzleRowWidth() + "]" : trmWant.toString()));
                continue;
            }
            ours.put(name, convert(t, m.get().layout(), source, e.getKey()));
        }
        List<String> missing = new ArrayList<>();
        for (String name : spec.parameters().keySet()) {
            if (!fileNameOf.containsKey(name)) {
                missing.add(TrmWeightNames.toTrm(name).map(TrmWeightNames.Mapped::name).orElse(name));
            }
        }
        if (spec.puzzleRowWidth() > 0 && !fileNameOf.containsKey(TrmNames.PUZZLE_TABLE)) {
            missing.add(TrmWeightNames.toTrm(TrmNames.PUZZLE_TABLE).orElseThrow().name());
        }
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("missing " + missing);
        }
        if (!unexpected.isEmpty()) {
            problems.add("not in this model " + unexpected);
        }
        if (!unknown.isEmpty()) {
            problems.add("no row in the TRM name table " + unknown);
        }
        if (!mismatched.isEmpty()) {
            problems.add("wrong shape or type " + mismatched);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": TRM weights do not fit the model: "
                    + String.join("; ", problems));
        }
        return ours;
    }

    /** TRM's shape for one of ours. */
    private static Shape trmShape(Shape ours, TrmWeightNames.Layout layout) {
        if (layout == TrmWeightNames.Layout.SAME || ours.rank() != 2) {
            return ours;
        }
        return Shape.of(ours.dim(1), ours.dim(0));
    }

    /** The same values in the other side's layout (a transpose is its own inverse). */
    private static HostTensor convert(HostTensor t, TrmWeightNames.Layout layout, String where, String name) {
        if (layout == TrmWeightNames.Layout.SAME) {
            return t;
        }
        if (t.shape().rank() != 2 || t.dtype() != DType.F32) {
            throw new IllegalArgumentException(where + ": tensor '" + name + "' must be an F32 matrix to transpose, got "
                    + t.dtype() + t.shape());
        }
        int rows = t.shape().dim(0);
        int cols = t.shape().dim(1);
        float[] src = t.f32();
        float[] dst = new float[src.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                dst[c * rows + r] = src[r * cols + c];
            }
        }
        return HostTensor.of(Shape.of(cols, rows), dst);
    }
}
