package io.recurbench.api.operator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered, typed list of an operator's hyper-parameters, and the parser of a config section
 * ({@code Map<String, Object>} as Jackson gives it from YAML or JSON) into {@link HyperParameters}.
 * Missing keys take their defaults; an unknown key or a bad value fails with one line naming the
 * owner, the key and what was expected.
 *
 * @param owner      who the parameters belong to, for messages ({@code operator 'transformer'})
 * @param parameters the parameters, in the order help and reports list them
 */
public record HyperParameterSpec(String owner, List<HyperParameter<?>> parameters) {

    public HyperParameterSpec {
        parameters = List.copyOf(parameters);
        var seen = new java.util.HashSet<String>();
        for (HyperParameter<?> p : parameters) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException(owner + ": hyper-parameter '" + p.name() + "' declared twice");
            }
        }
    }

    public static HyperParameterSpec of(String owner, HyperParameter<?>... parameters) {
        return new HyperParameterSpec(owner, List.of(parameters));
    }

    /** The parameter called {@code name}, failing with the known names. */
    public HyperParameter<?> get(String name) {
        for (HyperParameter<?> p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException(owner + ": unknown hyper-parameter '" + name + "'; known: " + names());
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (HyperParameter<?> p : parameters) {
            names.add(p.name());
        }
        return names;
    }

    /** All defaults. */
    public HyperParameters defaults() {
        return parse(Map.of());
    }

    /** Parses a config section; see the class comment for the rules. */
    public HyperParameters parse(Map<String, ?> raw) {
        for (String key : raw.keySet()) {
            get(key);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (HyperParameter<?> p : parameters) {
            values.put(p.name(), raw.containsKey(p.name()) ? parseOne(p, raw.get(p.name())) : p.defaultValue());
        }
        return new HyperParameters(this, values);
    }

    Object parseOne(HyperParameter<?> p, Object raw) {
        try {
            return p.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner + ": hyper-parameter '" + p.name() + "': " + e.getMessage(), e);
        }
    }

    /** One line per parameter ({@code name  type  default  description}), for help output. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (HyperParameter<?> p : parameters) {
            sb.append(String.format("  %-16s %-36s default %-10s %s%n", p.name(), p.expected(), p.defaultValue(),
                    p.description()));
        }
        return sb.toString();
    }
}
