package io.tracegraph.model;

import java.util.List;

/**
 * What a reader found in a row's attributes beyond the remote peer: whether the peer is a database, the messaging
 * destination, and the raw sampling markers ({@link SamplingWeight}). Readers pass null when the row has none of
 * these, which is most rows.
 *
 * @param peerIsDatabase a {@code db.system}, {@code db.system.name}, {@code db.namespace} or {@code db.name}
 *     attribute is present
 * @param destination {@code messaging.destination.name} (or an older spelling), or null
 * @param tracestate the W3C tracestate ({@code tracestate} or {@code w3c.tracestate} attribute), or null
 * @param samplingPriority {@code sampling.priority}, or null
 * @param samplerType Jaeger's {@code sampler.type}, or null
 * @param samplerParam Jaeger's {@code sampler.param}, or null
 */
public record SpanExtras(boolean peerIsDatabase, String destination, String tracestate, String samplingPriority,
                         String samplerType, String samplerParam) {
  /** Attribute keys whose presence makes the peer a database (OpenTelemetry semantic conventions, old and new). */
  public static final List<String> DATABASE_KEYS = List.of("db.system", "db.system.name", "db.namespace", "db.name");
  /** Attribute keys naming a messaging destination, the first non-empty one wins (current, then older names). */
  public static final List<String> DESTINATION_KEYS = List.of(
      "messaging.destination.name", "messaging.destination", "message_bus.destination");
  /** Attribute keys holding a W3C tracestate, the first non-empty one wins. */
  public static final List<String> TRACESTATE_KEYS = List.of("tracestate", "w3c.tracestate");
  public static final String SAMPLING_PRIORITY_KEY = "sampling.priority";
  public static final String SAMPLER_TYPE_KEY = "sampler.type";
  public static final String SAMPLER_PARAM_KEY = "sampler.param";

  /** Every attribute key that carries a sampling marker. */
  public static final List<String> SAMPLING_KEYS = List.of(
      "tracestate", "w3c.tracestate", SAMPLING_PRIORITY_KEY, SAMPLER_TYPE_KEY, SAMPLER_PARAM_KEY);
}
