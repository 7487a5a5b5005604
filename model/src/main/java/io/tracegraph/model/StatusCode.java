package io.tracegraph.model;

import java.util.Locale;

/** The OpenTelemetry span status. Only ERROR matters to the link rules. */
public enum StatusCode {
  UNSET, OK, ERROR;

  private static final StatusCode[] BY_OTLP_NUMBER = {UNSET, OK, ERROR};

  /**
   * Reads {@code ERROR}, {@code STATUS_CODE_ERROR}, {@code Error}, {@code error} and the OTLP integer {@code 2}
   * (and the same spellings of UNSET and OK). Returns null for a spelling it does not know.
   */
  public static StatusCode parseOrNull(String raw) {
    if (raw == null) return null;
    String s = raw.trim();
    if (s.isEmpty()) return null;
    if (s.length() == 1 && s.charAt(0) >= '0' && s.charAt(0) <= '9') { // an OTLP enum number, ASCII only
      int n = s.charAt(0) - '0';
      return n < BY_OTLP_NUMBER.length ? BY_OTLP_NUMBER[n] : null;
    }
    String upper = s.toUpperCase(Locale.ROOT);
    if (upper.startsWith("STATUS_CODE_")) upper = upper.substring("STATUS_CODE_".length());
    try {
      return valueOf(upper);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
