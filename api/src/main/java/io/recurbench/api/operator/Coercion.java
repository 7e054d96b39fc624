package io.recurbench.api.operator;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Value coercion shared by the {@link HyperParameter} types. */
final class Coercion {
    private Coercion() {}

    static BigDecimal decimal(Object raw, HyperParameter<?> p) {
        try {
            return switch (raw) {
                case BigDecimal d -> d;
                case BigInteger i -> new BigDecimal(i);
                case Integer i -> BigDecimal.valueOf(i);
                case Long l -> BigDecimal.valueOf(l);
                case Short s -> BigDecimal.valueOf(s);
                case Byte b -> BigDecimal.valueOf(b);
                case Double d when Double.isFinite(d) -> BigDecimal.valueOf(d);
                case Float f when Float.isFinite(f) -> new BigDecimal(f.toString());
                case String s -> new BigDecimal(s.trim());
                case null, default -> throw mismatch(p, raw);
            };
        } catch (NumberFormatException e) {
            throw mismatch(p, raw);
        }
    }

    static IllegalArgumentException mismatch(HyperParameter<?> p, Object raw) {
        String given = raw instanceof String s ? "\"" + s + "\"" : String.valueOf(raw);
        return new IllegalArgumentException("expected " + p.expected() + ", got " + given);
    }
}
