package io.tracegraph.model;

/**
 * The OpenTelemetry span kind. SERVER, CLIENT, PRODUCER and CONSUMER are "remote" kinds: they describe one side
 * of a call between processes and are the only kinds that take part in the ancestor search of the link rules.
 */
public enum SpanKind {
  UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER;

  private static final SpanKind[] BY_OTLP_NUMBER = values(); // declared in OTLP number order

  /** True for the kinds that describe one side of an inter-process call. */
  public boolean isRemote() {
    return this == SERVER || this == CLIENT || this == PRODUCER || this == CONSUMER;
  }

  /**
   * Reads every spelling seen in real archives: {@code SERVER}, {@code SPAN_KIND_SERVER}, {@code Server},
   * {@code server} and the OTLP integer {@code 2}. Returns null for a spelling it does not know.
   */
  public static SpanKind parseOrNull(String raw) {
    return OtlpEnum.parseOrNull(raw, "SPAN_KIND_", BY_OTLP_NUMBER);
  }
}
