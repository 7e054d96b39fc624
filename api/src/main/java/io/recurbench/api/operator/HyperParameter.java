package io.recurbench.api.operator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * One typed hyper-parameter of an operator: its name, default, allowed values and a one-line
 * description. {@link #parse} accepts what Jackson produces from YAML or JSON (boxed numbers,
 * {@code BigInteger}/{@code BigDecimal}, booleans, strings) and, for command-line overrides, the
 * value written as a string; anything else fails with an {@link IllegalArgumentException} whose
 * message says what was expected and what was given (the caller adds the key and owner).
 *
 * @param <T> the Java type of the parsed value
 */
public sealed interface HyperParameter<T> {

    String name();

    T defaultValue();

    String description();

    /** What values are allowed, in words ({@code "an int in [1, 64]"}). */
    String expected();

    /** Parses and validates a raw config value. */
    T parse(Object raw);

    static IntParam integer(String name, int defaultValue, int min, int max, String description) {
        return new IntParam(name, defaultValue, min, max, description);
    }

    static DoubleParam real(String name, double defaultValue, double min, double max, String description) {
        return new DoubleParam(name, defaultValue, min, max, description);
    }

    static BoolParam bool(String name, boolean defaultValue, String description) {
        return new BoolParam(name, defaultValue, description);
    }

    static EnumParam choice(String name, String defaultValue, List<String> choices, String description) {
        return new EnumParam(name, defaultValue, choices, description);
    }

    static StringParam string(String name, String defaultValue, String description) {
        return new StringParam(name, defaultValue, description);
    }

    /** An integer in {@code [min, max]}; integral floating values ({@code 4.0}) are accepted. */
    record IntParam(String name, Integer defaultValue, int min, int max, String description)
            implements HyperParameter<Integer> {
        public IntParam {
            checkName(name);
            if (min > max || defaultValue < min || defaultValue > max) {
                throw new IllegalArgumentException("hyper-parameter '" + name + "': default " + defaultValue
                        + " outside [" + min + ", " + max + "]");
            }
        }

        @Override
        public String expected() {
            return "an int in [" + min + ", " + max + "]";
        }

        @Override
        public Integer parse(Object raw) {
            BigDecimal v = Coercion.decimal(raw, this);
            BigInteger i;
            try {
                i = v.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw Coercion.mismatch(this, raw);
            }
            if (i.compareTo(BigInteger.valueOf(min)) < 0 || i.compareTo(BigInteger.valueOf(max)) > 0) {
                throw Coercion.mismatch(this, raw);
            }
            return i.intValue();
        }
    }

    /** A finite real in {@code [min, max]}. */
    record DoubleParam(String name, Double defaultValue, double min, double max, String description)
            implements HyperParameter<Double> {
        public DoubleParam {
            checkName(name);
            if (!(min <= max) || !(defaultValue >= min && defaultValue <= max)) {
                throw new IllegalArgumentException("hyper-parameter '" + name + "': default " + defaultValue
                        + " outside [" + min + ", " + max + "]");
            }
        }

        @Override
        public String expected() {
            return "a number in [" + min + ", " + max + "]";
        }

        @Override
        public Double parse(Object raw) {
            double v = Coercion.decimal(raw, this).doubleValue();
            if (!(v >= min && v <= max)) {
                throw Coercion.mismatch(this, raw);
            }
            return v;
        }
    }

    /** {@code true} or {@code false} (booleans, or those two words in any case). */
    record BoolParam(String name, Boolean defaultValue, String description) implements HyperParameter<Boolean> {
        public BoolParam {
            checkName(name);
        }

        @Override
        public String expected() {
            return "true or false";
        }

        @Override
        public Boolean parse(Object raw) {
            if (raw instanceof Boolean b) {
                return b;
            }
            if (raw instanceof String s) {
                String t = s.trim().toLowerCase(Locale.ROOT);
                if (t.equals("true") || t.equals("false")) {
                    return Boolean.parseBoolean(t);
                }
            }
            throw Coercion.mismatch(this, raw);
        }
    }

    /** One of a fixed list of words, matched ignoring case and returned as spelled in {@code choices}. */
    record EnumParam(String name, String defaultValue, List<String> choices, String description)
            implements HyperParameter<String> {
        public EnumParam {
            checkName(name);
            choices = List.copyOf(choices);
            if (!choices.contains(defaultValue)) {
                throw new IllegalArgumentException("hyper-parameter '" + name + "': default '" + defaultValue
                        + "' is not one of " + choices);
            }
        }

        @Override
        public String expected() {
            return "one of " + String.join(" | ", choices);
        }

        @Override
        public String parse(Object raw) {
            if (raw instanceof String s) {
                for (String c : choices) {
                    if (c.equalsIgnoreCase(s.trim())) {
                        return c;
                    }
                }
            }
            throw Coercion.mismatch(this, raw);
        }
    }

    /** Free text (file names, tags); only strings are accepted. */
    record StringParam(String name, String defaultValue, String description) implements HyperParameter<String> {
        public StringParam {
            checkName(name);
        }

        @Override
        public String expected() {
            return "a string";
        }

        @Override
        public String parse(Object raw) {
            if (raw instanceof String s) {
                return s;
            }
            throw Coercion.mismatch(this, raw);
        }
    }

    private static void checkName(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("hyper-parameter name must be lower_snake_case, got '" + name + "'");
        }
    }
}
