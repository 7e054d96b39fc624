package io.recurbench.harness.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A value of a parsed YAML document together with its key path, so that every error names where it
 * is ({@code operators[1].hyper.expansion}). Reading a mapping is strict: {@link #requireOnly} fails
 * on any key the schema does not know, listing the keys it does.
 *
 * @param source the file or preset name, for messages
 * @param path   the key path from the document root ({@code ""} for the root)
 * @param node   the value; {@code null} when the key is absent
 */
public record ConfigNode(String source, String path, JsonNode node) {

  /** The root of a document. */
  public static ConfigNode root(String source, JsonNode node) {
    return new ConfigNode(source, "", node);
  }

  /** Whether the key was given (a YAML {@code null} counts as not given). */
  public boolean present() {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  /** The child at {@code key} of this mapping (absent children are allowed; callers decide). */
  public ConfigNode get(String key) {
    requireMapping();
    return new ConfigNode(source, path.isEmpty() ? key : path + "." + key, node.get(key));
  }

  /** Fails on any key of this mapping that is not in {@code known}. */
  public ConfigNode requireOnly(Set<String> known) {
    requireMapping();
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        String where = path.isEmpty() ? key : path + "." + key;
        throw new ConfigException(source, where, "unknown key; known keys here: " + String.join(", ", known));
      }
    }
    return this;
  }

  /** The keys of this mapping, in document order. */
  public List<String> keys() {
    requireMapping();
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** The elements of this sequence. */
  public List<ConfigNode> elements() {
    if (!present() || !node.isArray()) {
      throw error("expected a list, got " + describe());
    }
    List<ConfigNode> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(new ConfigNode(source, path + "[" + i + "]", node.get(i)));
    }
    return out;
  }

  public boolean isMapping() {
    return present() && node.isObject();
  }

  /** A non-empty string (scalars other than strings are refused, so {@code name: 12} is an error). */
  public String text() {
    if (!present() || !node.isTextual() || node.asText().isBlank()) {
      throw error("expected a non-empty string, got " + describe());
    }
    return node.asText().strip();
  }

  public String text(String fallback) {
    return present() ? text() : fallback;
  }

  /** A scalar written as a string, number or boolean, as text (task options are strings). */
  public String scalarText() {
    if (!present() || !node.isValueNode()) {
      throw error("expected a string, number or boolean, got " + describe());
    }
    return node.isNumber() ? node.decimalValue().stripTrailingZeros().toPlainString() : node.asText();
  }

  /** An integer in {@code [min, max]}. */
  public long integer(long min, long max) {
    BigDecimal value = node != null && node.isNumber() ? node.decimalValue() : null;
    boolean integral = value != null && value.stripTrailingZeros().scale() <= 0;
    if (!integral || value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw error("expected an integer in [" + min + ", " + (max == Long.MAX_VALUE ? "∞" : max) + "], got " + describe());
    }
    return value.longValueExact();
  }

  public long integer(long min, long max, long fallback) {
    return present() ? integer(min, max) : fallback;
  }

  /** A finite number in {@code [min, max]}. */
  public double real(double min, double max) {
    if (node == null || !node.isNumber() || !Double.isFinite(node.doubleValue())
        || node.doubleValue() < min || node.doubleValue() > max) {
      throw error("expected a number in [" + min + ", " + max + "], got " + describe());
    }
    return node.doubleValue();
  }

  public boolean bool(boolean fallback) {
    if (!present()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw error("expected true or false, got " + describe());
    }
    return node.booleanValue();
  }

  /**
   * The plain Java value Jackson would give for this node ({@code Integer}/{@code Long}/{@code
   * BigInteger}, {@code Double}/{@code BigDecimal}, {@code Boolean}, {@code String}, lists and maps),
   * as operator hyper-parameter specs expect.
   */
  public Object raw() {
    return toJava(node);
  }

  /** A mapping of scalars (YAML {@code {}} or absent → empty), keys in document order. */
  public Map<String, ConfigNode> entries() {
    Map<String, ConfigNode> out = new LinkedHashMap<>();
    if (!present()) {
      return out;
    }
    for (String key : keys()) {
      out.put(key, get(key));
    }
    return out;
  }

  /** An error at this node's path. */
  public ConfigException error(String problem) {
    return new ConfigException(source, path, problem);
  }

  /** How the value looks in a message: strings quoted, lists and mappings named. */
  public String describe() {
    if (!present()) {
      return "nothing";
    }
    JsonNodeType type = node.getNodeType();
    return switch (type) {
      case STRING -> "\"" + node.asText() + "\"";
      case ARRAY -> "a list";
      case OBJECT -> "a mapping";
      default -> node.asText();
    };
  }

  private void requireMapping() {
    if (node == null || !node.isObject()) {
      throw error("expected a mapping (key: value lines), got " + describe());
    }
  }

  private static Object toJava(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      n.properties().forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
      return map;
    }
    if (n.isArray()) {
      List<Object> list = new ArrayList<>();
      n.forEach(e -> list.add(toJava(e)));
      return list;
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    return n.asText();
  }
}
