package io.tracegraph.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a row's attributes say beyond the remote peer: whether the peer is a database, the messaging destination, and
 * the raw sampling markers ({@link SamplingWeight}). {@link #of} reads them from an attribute map; readers pass null
 * when the row has none of {@link #KEYS}, which is most rows.
 *
 * @param peerIsDatabase a {@code db.system}, {@code db.system.name}, {@code db.namespace} or {@code db.name}
 *     attribute is present
 * @param destination {@code messaging.destination.name} (or an older spelling); for a database span without one, its
 *     namespace ({@code db.namespace}, legacy {@code db.name}); else null
 * @param tracestate the W3C tracestate ({@code tracestate} or {@code w3c.tracestate} attribute), or null
 * @param samplingPriority {@code sampling.priority}, or null
 * @param samplerType Jaeger's {@code sampler.type}, or null
 * @param samplerParam Jaeger's {@code sampler.param}, or null
 * @param resendCount {@code http.request.resend_count} as written, or null
 */
public record SpanExtras(boolean peerIsDatabase, String destination, String tracestate, String samplingPriority,
                         String samplerType, String samplerParam, String resendCount) {
  /** Attribute keys whose presence makes the peer a database (OpenTelemetry semantic conventions, old and new). */
  public static final List<String> DATABASE_KEYS = List.of("db.system", "db.system.name", "db.namespace", "db.name");
  /** Attribute keys naming a database namespace, the first non-empty one wins (current, then legacy name). */
  public static final List<String> NAMESPACE_KEYS = List.of("db.namespace", "db.name");
  /** Attribute keys naming a messaging destination, the first non-empty one wins (current, then older names). */
  public static final List<String> DESTINATION_KEYS = List.of(
      "messaging.destination.name", "messaging.destination", "message_bus.destination");
  /** Attribute keys holding a W3C tracestate, the first non-empty one wins. */
  public static final List<String> TRACESTATE_KEYS = List.of("tracestate", "w3c.tracestate");
  public static final String SAMPLING_PRIORITY_KEY = "sampling.priority";
  public static final String SAMPLER_TYPE_KEY = "sampler.type";
  public static final String SAMPLER_PARAM_KEY = "sampler.param";

  /**
   * How many times an HTTP client re-sent the request, 1 or more on a retry (or a redirect followed): OpenTelemetry's
   * {@code http.request.resend_count}. A call re-sent is a retry for the call patterns.
   */
  public static final String RESEND_COUNT_KEY = "http.request.resend_count";

  /** Every attribute key that carries a sampling marker. */
  public static final List<String> SAMPLING_KEYS = List.of(
      "tracestate", "w3c.tracestate", SAMPLING_PRIORITY_KEY, SAMPLER_TYPE_KEY, SAMPLER_PARAM_KEY);

  /** Every attribute key read here: a row whose attributes hold none of them has no extras. */
  public static final List<String> KEYS = concat(DATABASE_KEYS, DESTINATION_KEYS, SAMPLING_KEYS,
      List.of(RESEND_COUNT_KEY));

  /** Extras without a resend count (most readers' spans). */
  public SpanExtras(boolean peerIsDatabase, String destination, String tracestate, String samplingPriority,
                    String samplerType, String samplerParam) {
    this(peerIsDatabase, destination, tracestate, samplingPriority, samplerType, samplerParam, null);
  }

  /** What {@code attributes} say besides the peer; null when they say nothing (no key of {@link #KEYS}). */
  public static SpanExtras of(Map<String, String> attributes) {
    if (attributes == null || attributes.isEmpty()) return null;
    boolean database = false;
    for (String key : DATABASE_KEYS) database |= attributes.containsKey(key);
    String destination = first(attributes, DESTINATION_KEYS);
    if (destination == null && database) destination = first(attributes, NAMESPACE_KEYS);
    String tracestate = first(attributes, TRACESTATE_KEYS);
    String priority = attributes.get(SAMPLING_PRIORITY_KEY);
    String samplerType = attributes.get(SAMPLER_TYPE_KEY);
    String samplerParam = attributes.get(SAMPLER_PARAM_KEY);
    String resendCount = attributes.get(RESEND_COUNT_KEY);
    if (!database && destination == null && tracestate == null && priority == null && samplerType == null
        && samplerParam == null && resendCount == null) {
      return null;
    }
    return new SpanExtras(database, destination, tracestate, priority, samplerType, samplerParam, resendCount);
  }

  private static String first(Map<String, String> attributes, List<String> keys) {
    for (String key : keys) {
      String value = attributes.get(key);
      if (value != null && !value.isEmpty()) return value;
    }
    return null;
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> l : lists) all.addAll(l);
    return List.copyOf(all);
  }
}
