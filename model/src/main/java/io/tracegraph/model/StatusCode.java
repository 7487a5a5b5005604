package io.tracegraph.model;

/** The OpenTelemetry span status. Only ERROR matters to the link rules. */
public enum StatusCode {
  UNSET, OK, ERROR;

  private static final StatusCode[] BY_OTLP_NUMBER = values(); // declared in OTLP number order

  /**
   * Reads {@code ERROR}, {@code STATUS_CODE_ERROR}, {@code Error}, {@code error} and the OTLP integer {@code 2}
   * (and the same spellings of UNSET and OK). Returns null for a spelling it does not know.
   */
  public static StatusCode parseOrNull(String raw) {
    return OtlpEnum.parseOrNull(raw, "STATUS_CODE_", BY_OTLP_NUMBER);
  }
}
