package io.recurbench.reports.model;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Prints a JSON tree in one fixed layout, so that the same results always give the same bytes:
 * two-space indentation, {@code \n} line ends, object keys in the order the tree holds them (record
 * component order), arrays of scalars on one line, and numbers in a fixed form.
 *
 * <p>Floating-point numbers are written as the shortest decimal that reads back to the same double
 * ({@link Double#toString(double)}, JDK 19+), in plain notation with at least one fractional digit
 * ({@code 0.00001}, {@code 12.0}). Reading a file and writing it again is therefore byte-identical.
 */
final class DeterministicJson {
    private DeterministicJson() {}

    static String print(JsonNode root) {
        StringBuilder out = new StringBuilder();
        write(root, 0, out);
        return out.append('\n').toString();
    }

    private static void write(JsonNode node, int indent, StringBuilder out) {
        if (node.isObject()) {
            writeObject(node, indent, out);
        } else if (node.isArray()) {
            writeArray(node, indent, out);
        } else {
            writeScalar(node, out);
        }
    }

    private static void writeObject(JsonNode node, int indent, StringBuilder out) {
        if (node.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            pad(indent + 1, out);
            quote(field.getKey(), out);
            out.append(": ");
            write(field.getValue(), indent + 1, out);
            out.append(fields.hasNext() ? ",\n" : "\n");
        }
        pad(indent, out);
        out.append('}');
    }

    private static void writeArray(JsonNode node, int indent, StringBuilder out) {
        if (node.isEmpty()) {
            out.append("[]");
            return;
        }
        boolean scalars = true;
        for (JsonNode element : node) {
            scalars &= element.isValueNode();
        }
        if (scalars) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                writeScalar(node.get(i), out);
            }
            out.append(']');
            return;
        }
        out.append("[\n");
        for (int i = 0; i < node.size(); i++) {
            pad(indent + 1, out);
            write(node.get(i), indent + 1, out);
            out.append(i + 1 < node.size() ? ",\n" : "\n");
        }
        pad(indent, out);
        out.append(']');
    }

    private static void writeScalar(JsonNode node, StringBuilder out) {
        if (node.isTextual()) {
            quote(node.textValue(), out);
        } else if (node.isFloatingPointNumber()) {
            out.append(formatDouble(node.doubleValue()));
        } else if (node.isIntegralNumber() || node.isBoolean() || node.isNull()) {
            out.append(node.asText());
        } else {
            throw new IllegalStateException("unexpected JSON node type " + node.getNodeType());
        }
    }

    /** Shortest round-trip decimal in plain notation, always with a fractional part. */
    static String formatDouble(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON cannot hold " + value);
        }
        String plain = new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        return plain.indexOf('.') >= 0 ? plain : plain + ".0";
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        out.append('"');
    }

    private static void pad(int indent, StringBuilder out) {
        out.append("  ".repeat(indent));
    }
}
