package io.tracegraph.jobs.importer;

import java.util.Locale;

/** The formats {@code tracegraph import --from} reads. */
public enum ImportFormat {
  OTLP_JSON("otlp-json"),
  ZIPKIN_JSON("zipkin-json"),
  JAEGER_JSON("jaeger-json"),
  CSV("csv");

  private final String key;

  ImportFormat(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static ImportFormat parse(String value) {
    for (ImportFormat f : values()) if (f.key.equals(value.trim().toLowerCase(Locale.ROOT))) return f;
    throw new IllegalArgumentException("unknown import format '" + value + "': use otlp-json, zipkin-json, jaeger-json or csv");
  }
}
