package io.tracegraph.jobs.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Flattens OTLP JSON attribute values (AnyValue) to the strings span archive v1 stores. */
final class AnyValues {
  private AnyValues() {}

  /** Adds {@code [{"key": k, "value": AnyValue}, ...]} to {@code into} as strings. */
  static void putAll(JsonNode keyValues, Map<String, String> into) {
    if (keyValues == null || !keyValues.isArray()) return;
    for (JsonNode kv : keyValues) {
      JsonNode key = kv.get("key");
      if (key == null || !key.isTextual()) continue;
      String value = text(kv.get("value"));
      if (value != null) into.put(key.asText(), value);
    }
  }

  /**
   * A scalar as its text ({@code intValue} "123", {@code boolValue} "true", {@code doubleValue} "1.5",
   * {@code bytesValue} its base64); arrays and key-value lists as compact JSON of their plain values.
   */
  static String text(JsonNode anyValue) {
    if (anyValue == null || !anyValue.isObject()) return null;
    for (String scalar : new String[] {"stringValue", "intValue", "boolValue", "doubleValue", "bytesValue"}) {
      JsonNode v = anyValue.get(scalar);
      if (v != null && !v.isNull()) return v.asText();
    }
    JsonNode plain = plain(anyValue);
    return plain == null ? null : plain.toString();
  }

  private static JsonNode plain(JsonNode anyValue) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (anyValue == null || !anyValue.isObject()) return null;
    if (anyValue.has("arrayValue")) {
      ArrayNode a = f.arrayNode();
      for (JsonNode v : anyValue.path("arrayValue").path("values")) a.add(plainOrNull(v));
      return a;
    }
    if (anyValue.has("kvlistValue")) {
      ObjectNode o = f.objectNode();
      for (JsonNode kv : anyValue.path("kvlistValue").path("values")) o.set(kv.path("key").asText(), plainOrNull(kv.get("value")));
      return o;
    }
    for (String scalar : new String[] {"stringValue", "intValue", "boolValue", "doubleValue", "bytesValue"}) {
      JsonNode v = anyValue.get(scalar);
      if (v != null) return v;
    }
    return null;
  }

  private static JsonNode plainOrNull(JsonNode v) {
    JsonNode p = plain(v);
    return p == null ? JsonNodeFactory.instance.nullNode() : p;
  }
}
