package io.recurbench.api.operator;

import java.util.List;

/**
 * Service-provider entry point of a recursive operator (one per plugin jar), registered in
 * {@code META-INF/services/io.recurbench.api.operator.OperatorPlugin}; it needs a public
 * no-argument constructor and must be cheap to construct (the harness instantiates every plugin to
 * list them).
 *
 * <p>Contract for authors:
 * <ul>
 *   <li>{@link #name()} is the stable key configs use ({@code operator: mamba2-hybrid}); lower-case,
 *       digits and dashes. Two plugins with the same name on one class path are an error.</li>
 *   <li>{@link #spiVersion()} must be implemented as {@code return SPI_VERSION;}: the constant is
 *       inlined when the plugin is compiled, so it records the SPI the plugin was built against,
 *       which the host compares with its own {@link #SPI_VERSION} ({@link #checkCompatible}).</li>
 *   <li>{@link #hyperParameters()} lists every knob with type, default and range; the harness parses
 *       the run config with it, so {@link #create} only ever sees validated values.</li>
 *   <li>{@link #parityKnobs()} names the integer hyper-parameters the parity solver may turn to meet a
 *       parameter budget; the count must not decrease as such a knob grows.</li>
 *   <li>{@link #create} must be deterministic and side-effect free: parameters are declared, never
 *       allocated, when the returned operator is applied under a tracer.</li>
 * </ul>
 */
public interface OperatorPlugin {

    /** Version of this SPI. Bumped on any incompatible change to the types of this package. */
    int SPI_VERSION = 1;

    /** The stable name configs use to pick this operator, e.g. {@code transformer}. */
    String name();

    /** The plugin's own version (free form, e.g. {@code 0.1.0}), recorded in run manifests. */
    String version();

    /** The SPI version the plugin was compiled against; implement as {@code return SPI_VERSION;}. */
    int spiVersion();

    /** One human line for {@code recurbench list operators}, with the paper it follows. */
    String description();

    /** Every hyper-parameter {@link #create} understands, with types, defaults and ranges. */
    HyperParameterSpec hyperParameters();

    /** The integer hyper-parameters the parity solver may turn; none by default. */
    default List<ParityKnob> parityKnobs() {
        return List.of();
    }

    /**
     * Builds the operator for a model of {@code dims}. {@code params} has been parsed by
     * {@link #hyperParameters()}, so every declared name is present and in range. Combinations that
     * the spec cannot express (e.g. a head size that does not divide the hidden size) fail here with
     * an {@link IllegalArgumentException} of one line naming the hyper-parameter and the dimension.
     */
    RecursiveOperator create(ModelDims dims, HyperParameters params);

    /**
     * Fails with one line naming the plugin if it was compiled against another SPI version than
     * this host's.
     */
    static void checkCompatible(OperatorPlugin plugin) {
        if (plugin.spiVersion() != SPI_VERSION) {
            throw new IllegalStateException("operator plugin '" + plugin.name() + "' (" + plugin.getClass().getName()
                    + ") was built for operator SPI version " + plugin.spiVersion() + ", this host provides version "
                    + SPI_VERSION);
        }
    }
}
