package io.recurbench.scaffold.interop;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.api.task.Batch;
import io.recurbench.engine.backend.Backend;
import io.recurbench.engine.backend.Executable;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.cpu.CpuBackend;
import io.recurbench.engine.io.SafetensorsFile;
import io.recurbench.engine.io.SafetensorsWriter;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.trace.Tracer;
import io.recurbench.scaffold.Operators;
import io.recurbench.scaffold.TrmConfig;
import io.recurbench.scaffold.TrmModel;
import io.recurbench.scaffold.TrmNames;
import io.recurbench.scaffold.TrmPresets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code recurbench forward --weights w.safetensors --batch batch.safetensors --out out.safetensors}:
 * one supervision step of the model, from the initial carry, on a batch given as a file, writing
 * what TRM's {@code TinyRecursiveReasoningModel_ACTV1.forward} returns in {@code outputs} —
 * {@code logits [B, A, V]}, {@code q_halt_logits [B]}, {@code q_continue_logits [B]} — as F32.
 * Anyone can run TRM's PyTorch model on the same weights and batch and compare.
 *
 * <p>The batch file uses TRM's batch keys ({@code puzzle_dataset.py}): {@code inputs [B, A]}
 * (any integer type), optionally {@code labels [B, A]} (unused by the outputs here; absent means
 * all ignored) and {@code puzzle_identifiers [B]} (required when the model has a puzzle table).
 * "From the initial carry" means every example is reset, as TRM's {@code initial_carry} marks all
 * as halted: y and z start at {@code H_init} and {@code L_init}.
 */
public final class ForwardFromFile {
    /** Output names, TRM's keys of {@code outputs}. */
    public static final String LOGITS = "logits";
    public static final String Q_HALT_LOGITS = "q_halt_logits";
    public static final String Q_CONTINUE_LOGITS = "q_continue_logits";
    /** Batch keys, TRM's. */
    public static final String BATCH_INPUTS = "inputs";
    public static final String BATCH_LABELS = "labels";
    public static final String BATCH_PUZZLE_IDS = "puzzle_identifiers";

    private ForwardFromFile() {}

    /** The three outputs of one supervision step. */
    public record Outputs(HostTensor logits, HostTensor qHaltLogits, HostTensor qContinueLogits) {
        public Map<String, HostTensor> asMap() {
            Map<String, HostTensor> m = new LinkedHashMap<>();
            m.put(LOGITS, logits);
            m.put(Q_HALT_LOGITS, qHaltLogits);
            m.put(Q_CONTINUE_LOGITS, qContinueLogits);
            return m;
        }
    }

    /**
     * Reads weights and batch, runs one step on {@code backend}, writes the outputs to {@code out}.
     *
     * @param config the model's config; {@code null} takes it from the weights' metadata
     *               ({@link TrmWeights#CONFIG_METADATA}, written by {@link TrmWeights#exportModel})
     */
    public static Outputs run(Path weights, Path batchFile, Path out, TrmConfig config, Backend backend) throws IOException {
        Map<String, HostTensor> trm;
        TrmConfig cfg;
        try (SafetensorsFile f = SafetensorsFile.open(weights)) {
            cfg = config != null ? config : TrmWeights.configFrom(f.metadata(), weights);
            trm = new LinkedHashMap<>();
            for (String n : f.names()) {
                trm.put(n, f.read(n));
            }
        }
        Map<String, HostTensor> batch = SafetensorsFile.readAll(batchFile);
        HostTensor inputs = required(batch, BATCH_INPUTS, batchFile);
        if (inputs.dtype() != DType.I32 || inputs.shape().rank() != 2) {
            throw new IllegalArgumentException(batchFile + ": tensor '" + BATCH_INPUTS
                    + "': expected integers of shape [batch, answer length], got " + inputs.dtype() + inputs.shape());
        }
        int vocabulary = vocabularyOf(trm, weights);
        TrmModel model = new TrmModel(cfg, Operators.create(cfg, inputs.shape().dim(1)), vocabulary,
                inputs.shape().dim(1), inputs.shape().dim(0));
        Map<String, HostTensor> params = TrmWeights.fromTrm(trm, TrmWeights.WeightSpec.of(model), weights.toString());
        Outputs outputs = forward(model, params, batch, batchFile.toString(), backend);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("weights", weights.getFileName().toString());
        meta.put("batch", batchFile.getFileName().toString());
        meta.put("backend", backend.name());
        meta.put(TrmWeights.CONFIG_METADATA, TrmWeights.configMetadata(cfg).get(TrmWeights.CONFIG_METADATA));
        SafetensorsWriter.write(out, outputs.asMap(), meta);
        return outputs;
    }

    /**
     * One supervision step of {@code model} from the initial carry with {@code params} (ours, the
     * puzzle table included when the model has one) on a TRM-keyed {@code batch}.
     */
    public static Outputs forward(TrmModel model, Map<String, HostTensor> params, Map<String, HostTensor> batch,
                                  String source, Backend backend) {
        int b = model.batchSize();
        int a = model.answerLength();
        Shape tokens = Shape.of(b, a);
        HostTensor inputs = required(batch, BATCH_INPUTS, source);
        if (!inputs.shape().equals(tokens) || inputs.dtype() != DType.I32) {
            throw new IllegalArgumentException(source + ": tensor '" + BATCH_INPUTS + "': expected integers of shape "
                    + tokens + ", got " + inputs.dtype() + inputs.shape());
        }
        for (int v : inputs.i32()) {
            if (v < 0 || v >= model.vocabularySize()) {
                throw new IllegalArgumentException(source + ": tensor '" + BATCH_INPUTS + "': token " + v
                        + " outside the vocabulary [0, " + model.vocabularySize() + ")");
            }
        }
        Map<String, HostTensor> feeds = new HashMap<>();
        params.forEach((name, t) -> {
            if (!name.equals(TrmNames.PUZZLE_TABLE)) {
                feeds.put(name, t);
            }
        });
        feeds.put(TrmNames.INPUTS, inputs);
        feeds.put(TrmNames.LABELS, labels(batch, tokens, source));
        if (model.puzzleRowWidth() > 0) {
            feeds.put(TrmNames.PUZZLE_ROWS, puzzleRows(model, params.get(TrmNames.PUZZLE_TABLE), batch, source));
        }
        float[] ones = new float[b];
        Arrays.fill(ones, 1f);
        feeds.put(TrmNames.RESET, HostTensor.of(Shape.of(b), ones));
        feeds.put(TrmNames.CARRY_Y, HostTensor.zeros(model.stateShape(), DType.F32));
        feeds.put(TrmNames.CARRY_Z, HostTensor.zeros(model.stateShape(), DType.F32));

        HostTensor y;
        try (Executable step = backend.compile(model.evalStep(model.config().hCycles()))) {
            y = step.run(feeds).get(TrmNames.NEXT_Y);
        }
        Map<String, HostTensor> headFeeds = new HashMap<>();
        headFeeds.put(TrmNames.NEXT_Y, y);
        for (String p : new String[] {TrmNames.LM_HEAD, TrmNames.Q_HEAD_WEIGHT, TrmNames.Q_HEAD_BIAS}) {
            headFeeds.put(p, params.get(p));
        }
        Map<String, HostTensor> heads;
        try (Executable exe = backend.compile(headsGraph(model))) {
            heads = exe.run(headFeeds);
        }
        return new Outputs(heads.get(LOGITS), heads.get(Q_HALT_LOGITS), heads.get(Q_CONTINUE_LOGITS));
    }

    /**
     * TRM's output heads on the final answer state: {@code lm_head(z_H)[:, puzzle_emb_len:]} and
     * {@code q_head(z_H[:, 0])} split into halt and continue logits. The step graph computes the same
     * heads internally but exposes only argmax and the halting logit, hence this small graph on its
     * {@code next/y} (same parameters, same backend).
     */
    static Graph headsGraph(TrmModel model) {
        Tracer t = new Tracer();
        int b = model.batchSize();
        int d = model.config().hiddenSize();
        int p = model.config().puzzleEmbLen();
        Tensor y = t.input(TrmNames.NEXT_Y, model.stateShape(), DType.F32);
        Tensor lm = t.parameter(TrmNames.LM_HEAD, Shape.of(d, model.vocabularySize()), Initializer.zeros());
        Tensor qWeight = t.parameter(TrmNames.Q_HEAD_WEIGHT, Shape.of(d, 2), Initializer.zeros());
        Tensor qBias = t.parameter(TrmNames.Q_HEAD_BIAS, Shape.of(2), Initializer.zeros());
        t.output(LOGITS, y.slice(1, p, model.sequenceLength()).matmul(lm));
        Tensor q = y.slice(1, 0, 1).reshape(b, d).matmul(qWeight).add(qBias);
        t.output(Q_HALT_LOGITS, q.slice(1, 0, 1).reshape(b));
        t.output(Q_CONTINUE_LOGITS, q.slice(1, 1, 2).reshape(b));
        return t.build();
    }

    private static HostTensor labels(Map<String, HostTensor> batch, Shape tokens, String source) {
        HostTensor labels = batch.get(BATCH_LABELS);
        if (labels == null) {
            int[] ignored = new int[tokens.intSize()];
            Arrays.fill(ignored, Batch.IGNORE);
            return HostTensor.ofInts(tokens, ignored);
        }
        if (!labels.shape().equals(tokens) || labels.dtype() != DType.I32) {
            throw new IllegalArgumentException(source + ": tensor '" + BATCH_LABELS + "': expected integers of shape "
                    + tokens + ", got " + labels.dtype() + labels.shape());
        }
        return labels;
    }

    /** The puzzle table's rows of the batch's {@code puzzle_identifiers}, as the scaffold's {@code batch/puzzle_rows}. */
    private static HostTensor puzzleRows(TrmModel model, HostTensor table, Map<String, HostTensor> batch, String source) {
        int b = model.batchSize();
        int w = model.puzzleRowWidth();
        HostTensor ids = required(batch, BATCH_PUZZLE_IDS, source);
        if (ids.dtype() != DType.I32 || ids.shape().intSize() != b || ids.shape().rank() > 2) {
            throw new IllegalArgumentException(source + ": tensor '" + BATCH_PUZZLE_IDS
                    + "': expected integers of shape [" + b + "] (or [" + b + ", 1]), got " + ids.dtype() + ids.shape());
        }
        int rows = table.shape().dim(0);
        float[] out = new float[b * w];
        for (int i = 0; i < b; i++) {
            int id = ids.i32()[i];
            if (id < 0 || id >= rows) {
                throw new IllegalArgumentException(source + ": tensor '" + BATCH_PUZZLE_IDS + "': id " + id
                        + " of example " + i + " outside the puzzle table's " + rows + " rows");
            }
            System.arraycopy(table.f32(), id * w, out, i * w, w);
        }
        return HostTensor.of(Shape.of(b, w), out);
    }

    private static HostTensor required(Map<String, HostTensor> batch, String name, Object source) {
        HostTensor t = batch.get(name);
        if (t == null) {
            throw new IllegalArgumentException(source + ": tensor '" + name + "' missing (the batch holds "
                    + batch.keySet() + ")");
        }
        return t;
    }

    private static int vocabularyOf(Map<String, HostTensor> trm, Path weights) {
        for (Map.Entry<String, HostTensor> e : trm.entrySet()) {
            if (TrmWeightNames.toOurs(TrmWeightNames.withoutTrainingPrefixes(e.getKey()))
                    .filter(m -> m.name().equals(TrmNames.EMBED_TOKENS)).isPresent()) {
                return e.getValue().shape().dim(0);
            }
        }
        throw new IllegalArgumentException(weights + ": tensor 'inner.embed_tokens.embedding_weight' missing; "
                + "the vocabulary size is read from it");
    }

    /**
     * {@code --weights W --batch B --out O [--config cfg.json | --preset NAME]}: runs {@link #run} on
     * the CPU backend. Without a config the one stored in the weights' metadata is used.
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: forward --weights W --batch B --out O "
                        + "[--config cfg.json | --preset NAME]; got '" + args[i] + "'");
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        TrmConfig config = null;
        if (opts.containsKey("config")) {
            config = TrmPresets.mapper().readValue(Files.readString(Path.of(opts.get("config"))), TrmConfig.class);
        } else if (opts.containsKey("preset")) {
            config = TrmPresets.get(opts.get("preset"));
        }
        for (String k : new String[] {"weights", "batch", "out"}) {
            if (!opts.containsKey(k)) {
                throw new IllegalArgumentException("forward: --" + k + " is required");
            }
        }
        Outputs o = run(Path.of(opts.get("weights")), Path.of(opts.get("batch")), Path.of(opts.get("out")), config,
                new CpuBackend());
        System.out.println("wrote " + opts.get("out") + ": logits " + o.logits().shape() + ", q_halt_logits "
                + o.qHaltLogits().shape());
    }
}
