package io.tracegraph.model;

import java.util.Locale;

/**
 * The OpenTelemetry span kind. SERVER, CLIENT, PRODUCER and CONSUMER are "remote" kinds: they describe one side
 * of a call between processes and are the only kinds that take part in the ancestor search of the link rules.
 */
public enum SpanKind {
  UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER;

  private static final SpanKind[] BY_OTLP_NUMBER = {UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER};

  /** True for the kinds that describe one side of an inter-process call. */
  public boolean isRemote() {
    return this == SERVER || this == CLIENT || this == PRODUCER || this == CONSUMER;
  }

  /**
   * Reads every spelling seen in real archives: {@code SERVER}, {@code SPAN_KIND_SERVER}, {@code Server},
   * {@code server} and the OTLP integer {@code 2}. Returns null for a spelling it does not know.
   */
  public static SpanKind parseOrNull(String raw) {
    if (raw == null) return null;
    String s = raw.trim();
    if (s.isEmpty()) return null;
    if (s.length() == 1 && s.charAt(0) >= '0' && s.charAt(0) <= '9') { // an OTLP enum number, ASCII only
      int n = s.charAt(0) - '0';
      return n < BY_OTLP_NUMBER.length ? BY_OTLP_NUMBER[n] : null;
    }
    String upper = s.toUpperCase(Locale.ROOT);
    if (upper.startsWith("SPAN_KIND_")) upper = upper.substring("SPAN_KIND_".length());
    try {
      return valueOf(upper);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
