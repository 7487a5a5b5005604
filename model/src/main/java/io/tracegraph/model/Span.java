package io.tracegraph.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * One span, as the link and tree logic need it: compact ids, the service, the operation, kind, timing, whether it
 * failed and the remote peer it names. A span is a single process's view of one operation.
 *
 * @param spanId non-zero span id (16 hex digits as a long)
 * @param parentId the parent's span id, or 0 for none; never equal to {@code spanId}
 * @param service the resource's {@code service.name}, kept as given (not lower-cased); {@link #NO_SERVICE} when the
 *     row had none (the tree then names in-process spans after their caller's service: {@link TraceTree})
 * @param name the operation name
 * @param kind the span kind
 * @param startNanos start, Unix epoch nanoseconds
 * @param endNanos end, Unix epoch nanoseconds, never before the start
 * @param error status ERROR
 * @param peer the remote peer name ({@link RemotePeer}), or null
 * @param peerIsDatabase the span names a database system ({@code db.system}, {@code db.system.name},
 *     {@code db.namespace} or {@code db.name}): a leaf CLIENT to it is a database call
 * @param destination the messaging destination (topic, queue) of a PRODUCER or CONSUMER, or null
 * @param samplingWeight the span's own sampling weight ({@link SamplingWeight}), or {@link SamplingWeight#NONE}
 *     when it records none (it then takes its nearest ancestor's)
 * @param resent the span is a re-sent request: its {@code http.request.resend_count} is above 0 (a retry, or a
 *     redirect followed, as the OpenTelemetry HTTP conventions define the attribute)
 */
public record Span(long spanId, long parentId, String service, String name, SpanKind kind,
                   long startNanos, long endNanos, boolean error, String peer, boolean peerIsDatabase,
                   String destination, double samplingWeight, boolean resent) implements Serializable {

  /**
   * The service of a span read without a service name (counted as a repair when read): empty, so it can never be
   * mistaken for a service. No link, edge or table row names it: see {@link #hasService()}.
   */
  public static final String NO_SERVICE = "";

  public Span {
    if (spanId == 0) throw new IllegalArgumentException("spanId == 0");
    if (parentId == spanId) parentId = 0; // a span cannot be its own parent: Zipkin drops such a parent id too
    Objects.requireNonNull(service, "service == null");
    Objects.requireNonNull(kind, "kind == null");
    if (name == null) name = "";
    if (endNanos < startNanos) {
      throw new IllegalArgumentException("end before start: " + endNanos + " < " + startNanos);
    }
    if (peer != null && peer.isEmpty()) peer = null;
    if (destination != null && destination.isEmpty()) destination = null;
    if (!(samplingWeight == SamplingWeight.NONE || samplingWeight >= 1)) {
      throw new IllegalArgumentException("sampling weight must be NONE or at least 1: " + samplingWeight);
    }
  }

  /** A span that was not re-sent. */
  public Span(long spanId, long parentId, String service, String name, SpanKind kind, long startNanos, long endNanos,
              boolean error, String peer, boolean peerIsDatabase, String destination, double samplingWeight) {
    this(spanId, parentId, service, name, kind, startNanos, endNanos, error, peer, peerIsDatabase, destination,
        samplingWeight, false);
  }

  /** A span without database flag, messaging destination or sampling weight. */
  public Span(long spanId, long parentId, String service, String name, SpanKind kind, long startNanos, long endNanos,
              boolean error, String peer) {
    this(spanId, parentId, service, name, kind, startNanos, endNanos, error, peer, false, null, SamplingWeight.NONE);
  }

  /** False for a span without a service name ({@link #NO_SERVICE}). */
  public boolean hasService() {
    return !service.isEmpty();
  }

  /** This span named after {@code service} (a span without a name, attributed to the service it ran in). */
  Span withService(String service) {
    return new Span(spanId, parentId, service, name, kind, startNanos, endNanos, error, peer, peerIsDatabase,
        destination, samplingWeight, resent);
  }

  public boolean hasParent() {
    return parentId != 0;
  }

  public long durationNanos() {
    return endNanos - startNanos;
  }

  /**
   * Combines two rows that carry the same span id (a duplicated archive row, or two partial halves). Takes the
   * widest time range, ERROR (and re-sent) if either says so, and fills each missing field from the other; where both have a
   * value, this span's wins. Callers order the rows first so the result does not depend on arrival order.
   */
  public Span merge(Span other) {
    if (other.spanId != spanId) throw new IllegalArgumentException("different span ids");
    return new Span(spanId,
        parentId != 0 ? parentId : other.parentId,
        service.isEmpty() ? other.service : service,
        name.isEmpty() ? other.name : name,
        kind == SpanKind.UNSPECIFIED ? other.kind : kind,
        Math.min(startNanos, other.startNanos),
        Math.max(endNanos, other.endNanos),
        error || other.error,
        peer != null ? peer : other.peer,
        peerIsDatabase || other.peerIsDatabase,
        destination != null ? destination : other.destination,
        samplingWeight != SamplingWeight.NONE ? samplingWeight : other.samplingWeight,
        resent || other.resent);
  }
}
