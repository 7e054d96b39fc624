package io.recurbench.plugins;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the first NaN or infinite number in a run's result: a number, a {@code double[]} or
 * {@code float[]}, or such values nested in collections, maps (values) and records (components).
 */
final class NonFinite {
    private static final int MAX_DEPTH = 8;

    private NonFinite() {}

    /** Where the first non-finite value is ({@code "losses[3] = NaN"}), or empty if there is none. */
    static Optional<String> find(Object value) {
        return find(value, "result", 0);
    }

    private static Optional<String> find(Object value, String path, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        switch (value) {
            case Double d when !Double.isFinite(d) -> {
                return Optional.of(path + " = " + d);
            }
            case Float f when !Float.isFinite(f) -> {
                return Optional.of(path + " = " + f);
            }
            case double[] a -> {
                for (int i = 0; i < a.length; i++) {
                    if (!Double.isFinite(a[i])) {
                        return Optional.of(path + "[" + i + "] = " + a[i]);
                    }
                }
            }
            case float[] a -> {
                for (int i = 0; i < a.length; i++) {
                    if (!Float.isFinite(a[i])) {
                        return Optional.of(path + "[" + i + "] = " + a[i]);
                    }
                }
            }
            case Collection<?> c -> {
                int i = 0;
                for (Object e : c) {
                    Optional<String> found = find(e, path + "[" + i++ + "]", depth + 1);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            case Map<?, ?> m -> {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    Optional<String> found = find(e.getValue(), path + "[" + e.getKey() + "]", depth + 1);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            case Record r -> {
                for (RecordComponent c : r.getClass().getRecordComponents()) {
                    Object v;
                    try {
                        v = c.getAccessor().invoke(r);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        continue; // an inaccessible component cannot be inspected; the others still are
                    }
                    Optional<String> found = find(v, path.equals("result") ? c.getName() : path + "." + c.getName(),
                            depth + 1);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            case null, default -> { }
        }
        return Optional.empty();
    }
}
