package io.recurbench.plugins;

import io.recurbench.api.operator.ModelDims;
import io.recurbench.operators.parity.Budget;
import io.recurbench.operators.parity.ParityConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a run fixes for every operator, and how hard validation probes them.
 *
 * @param config          the run's model configuration (dimensions and vocabulary for the scaffold count)
 * @param budget          the parameter budget (operator + scaffold), or empty for none
 * @param hyperParameters per operator name, the run config's hyper-parameter section (missing = defaults)
 * @param probeDims       the small dimensions of the trace and numeric probes
 * @param probeBatch      batch size B of the probes
 * @param seed            seed of the probe's parameters and input
 * @param timeout         time limit of one plugin's validation
 */
public record ValidationSettings(ParityConfig config, Optional<Budget> budget,
                                 Map<String, Map<String, Object>> hyperParameters, ModelDims probeDims, int probeBatch,
                                 long seed, Duration timeout) {

    /** The longest sequence of the probes. */
    public static final int PROBE_SEQUENCE = 8;

    public ValidationSettings {
        hyperParameters = Map.copyOf(hyperParameters);
        if (probeBatch <= 0) {
            throw new IllegalArgumentException("probeBatch must be positive, got " + probeBatch);
        }
    }

    /**
     * Defaults for {@code config}: no budget, default hyper-parameters, a 60 s limit, and probes of
     * batch 2 at the run's dimensions with the sequence cut to {@value #PROBE_SEQUENCE} positions
     * (the hidden size, heads and expansion stay, so hyper-parameters valid for the run, such as a
     * head size, are valid for the probe).
     */
    public static ValidationSettings of(ParityConfig config) {
        return new ValidationSettings(config, Optional.empty(), Map.of(), probeDims(config.dims()), 2, 0L,
                Duration.ofSeconds(60));
    }

    /** {@code dims} with at most {@value #PROBE_SEQUENCE} positions (and fewer puzzle tokens than positions). */
    public static ModelDims probeDims(ModelDims dims) {
        int s = Math.min(dims.sequenceLength(), PROBE_SEQUENCE);
        return new ModelDims(dims.hiddenSize(), s, Math.min(dims.puzzleTokens(), s - 1), dims.heads(), dims.expansion(),
                dims.normEps());
    }

    public ValidationSettings withBudget(Budget b) {
        return new ValidationSettings(config, Optional.of(b), hyperParameters, probeDims, probeBatch, seed, timeout);
    }

    public ValidationSettings withHyperParameters(Map<String, Map<String, Object>> hp) {
        return new ValidationSettings(config, budget, hp, probeDims, probeBatch, seed, timeout);
    }

    public ValidationSettings withTimeout(Duration t) {
        return new ValidationSettings(config, budget, hyperParameters, probeDims, probeBatch, seed, t);
    }
}
