package io.recurbench.api.operator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsed, validated hyper-parameter values of one operator, made by {@link HyperParameterSpec#parse}.
 * Every name of the spec is present. Typed getters fail with one line if the name is unknown or of
 * another type (a programming error of the operator, not of the config).
 */
public final class HyperParameters {
    private final HyperParameterSpec spec;
    private final Map<String, Object> values;

    HyperParameters(HyperParameterSpec spec, Map<String, Object> values) {
        this.spec = spec;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public HyperParameterSpec spec() {
        return spec;
    }

    public int getInt(String name) {
        return typed(name, Integer.class);
    }

    public double getDouble(String name) {
        return typed(name, Double.class);
    }

    public boolean getBool(String name) {
        return typed(name, Boolean.class);
    }

    /** The value of an enum or string parameter. */
    public String getString(String name) {
        return typed(name, String.class);
    }

    /** A copy with {@code name} set to {@code raw}, parsed and validated like a config value. */
    public HyperParameters with(String name, Object raw) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(name, spec.parseOne(spec.get(name), raw));
        return new HyperParameters(spec, copy);
    }

    /** All values by name, in spec order (for results JSON and reports). */
    public Map<String, Object> asMap() {
        return values;
    }

    private <T> T typed(String name, Class<T> type) {
        Object v = values.get(spec.get(name).name());
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(spec.owner() + ": hyper-parameter '" + name + "' is "
                    + v.getClass().getSimpleName() + ", not " + type.getSimpleName());
        }
        return type.cast(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HyperParameters h && h.values.equals(values) && h.spec.owner().equals(spec.owner());
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
