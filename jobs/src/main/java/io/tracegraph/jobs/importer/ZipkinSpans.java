package io.tracegraph.jobs.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.model.HexIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Zipkin v2 spans of one trace → archive spans, keeping both halves of a shared RPC span.
 *
 * <p>Zipkin (B3) lets the server half of an RPC reuse its client's span id. tracegraph's model merges rows with the
 * same span id into one span, which would lose the hop, so the server half ({@code shared: true}, or a SERVER sharing
 * its id with a CLIENT of the trace, as Zipkin's {@code Trace.merge} backfills) gets a new span id derived from the
 * original id and its local endpoint ({@link #serverHalfId}), with the client's id as its parent (when the client half
 * was not reported, the parent id both halves share: the caller's span). Spans whose parent id is a
 * shared id are re-parented the way Zipkin's {@code SpanNode.Builder} does: under the server half recorded by the same
 * local endpoint (or any server half, for a span without endpoint), else under the client. One step further than
 * Zipkin: a span whose endpoint differs from the server half's only in address or port, but names the same service,
 * goes under the server half too (it was recorded by the callee; Zipkin hangs it under the client and then counts a
 * backfilled caller → callee link for it, a call that did not happen). The original id is kept in the attribute
 * {@code zipkin.span_id}.
 *
 * <p>Other mappings: times are microseconds (× 1000); no duration means end = start; a span without timestamp is a
 * fragment Zipkin would merge into another report of the same span, and cannot be a span on its own: it is reported,
 * not imported. {@code localEndpoint.serviceName} is the service; {@code remoteEndpoint.serviceName} becomes the
 * attribute {@code peer.service}; tags become attributes; a tag {@code error} makes the status ERROR with its value as
 * message. A span without kind is local (INTERNAL), unless it names both a local and a remote service, which Zipkin's
 * linker treats as a CLIENT. Trace ids of 16 digits in a trace that also has 32-digit ones take the longest (Zipkin).
 */
final class ZipkinSpans {
  private ZipkinSpans() {}

  /** One Zipkin span object with the line it started on. */
  record Raw(JsonNode json, long line) {
    String traceId() {
      return text(json, "traceId");
    }

    String id() {
      return text(json, "id");
    }

    String kind() {
      return text(json, "kind");
    }

    String localService() {
      return text(json.path("localEndpoint"), "serviceName");
    }

    /** Zipkin's endpoint identity: service, addresses and port. */
    String endpointKey() {
      JsonNode e = json.get("localEndpoint");
      if (e == null || e.isNull() || e.isEmpty()) return null;
      return text(e, "serviceName") + "|" + text(e, "ipv4") + "|" + text(e, "ipv6") + "|" + text(e, "port");
    }

    boolean shared() {
      return json.path("shared").asBoolean(false);
    }

    boolean hasTimestamp() {
      return json.hasNonNull("timestamp") && json.get("timestamp").asLong(0) > 0;
    }
  }

  /** Converts the spans of one trace (any order), handing spans and fragments to the sink. */
  static void convert(List<Raw> trace, SpanSink sink) {
    String traceId = null;
    for (Raw r : trace) {
      String t = r.traceId();
      if (t != null && (traceId == null || t.length() > traceId.length())) traceId = t;
    }
    List<Raw> spans = new ArrayList<>();
    Set<String> clientIds = new HashSet<>();
    for (Raw r : trace) {
      if (!r.hasTimestamp()) {
        sink.notASpan(r.line(), "span " + r.id() + " has no timestamp: a fragment of a span reported in pieces, not "
            + "a span on its own (not imported)");
        continue;
      }
      spans.add(r);
      if ("CLIENT".equals(r.kind()) && r.id() != null) clientIds.add(normal(r.id()));
    }
    // Server halves: their new ids, by original id and endpoint (Zipkin's SharedKey), and by id alone.
    Map<String, String> halfByEndpoint = new HashMap<>();
    Map<String, String> halfById = new HashMap<>();
    Map<String, String> halfByService = new HashMap<>();
    Set<Raw> halves = new HashSet<>();
    for (Raw r : spans) {
      if (r.id() == null || !"SERVER".equals(r.kind())) continue;
      if (r.shared() || clientIds.contains(normal(r.id()))) {
        String newId = serverHalfId(normal(r.id()), r.endpointKey());
        halves.add(r);
        halfByEndpoint.put(normal(r.id()) + "@" + r.endpointKey(), newId);
        halfById.put(normal(r.id()), newId);
        halfByService.put(normal(r.id()) + "@" + r.localService(), newId);
      }
    }
    for (Raw r : spans) {
      SpanDraft d = draft(r, traceId);
      if (halves.contains(r)) {
        d.attributes.put("zipkin.span_id", d.spanId);
        // Under its client half; a half whose client was not reported keeps the parent it names, which B3 shares
        // with the client: the caller's span (otherwise it would be an orphan whose caller is lost).
        if (clientIds.contains(normal(r.id()))) d.parentSpanId = d.spanId;
        d.spanId = serverHalfId(normal(r.id()), r.endpointKey());
      } else if (d.parentSpanId != null) {
        String parent = normal(d.parentSpanId);
        String endpoint = r.endpointKey();
        String half = endpoint == null ? halfById.get(parent) : halfByEndpoint.get(parent + "@" + endpoint);
        if (half == null && r.localService() != null) half = halfByService.get(parent + "@" + r.localService());
        if (half != null) d.parentSpanId = half;
      }
      sink.span(d, r.line());
    }
  }

  /**
   * The span id given to the server half of a shared span: the first 8 bytes of SHA-256 over
   * {@code "zipkin-server-half:" + id + ":" + endpoint}, as 16 hex digits. Deterministic, and distinct per server
   * endpoint (service, address, port), as Zipkin keys shared spans: several servers answering one client id (a fan-out)
   * stay several spans, while pieces of one server span reported from the same endpoint merge into one.
   */
  static String serverHalfId(String id, String endpoint) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest(("zipkin-server-half:" + id + ":" + Objects.toString(endpoint, "")).getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) v = (v << 8) | (h[i] & 0xff);
      if (v == 0) v = 1;
      return HexIds.toHex(v);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SpanDraft draft(Raw r, String traceId) {
    JsonNode j = r.json();
    SpanDraft d = new SpanDraft();
    d.traceId = traceId;
    d.spanId = r.id() == null ? null : normal(r.id());
    d.parentSpanId = text(j, "parentId");
    d.serviceName = r.localService();
    d.name = text(j, "name");
    String remote = text(j.path("remoteEndpoint"), "serviceName");
    String kind = r.kind();
    if (kind == null) kind = d.serviceName != null && remote != null ? "CLIENT" : "INTERNAL";
    d.kind = kind;
    long ts = j.get("timestamp").asLong();
    long duration = j.path("duration").asLong(0);
    try {
      d.startNanos = Math.multiplyExact(ts, 1000L);
      d.endNanos = Math.addExact(d.startNanos, Math.multiplyExact(Math.max(duration, 0), 1000L));
    } catch (ArithmeticException e) {
      d.problem = "timestamp " + ts + " or duration " + duration + " out of range (microseconds expected)";
    }
    JsonNode tags = j.get("tags");
    if (tags != null && tags.isObject()) {
      tags.fields().forEachRemaining(e -> d.attributes.put(e.getKey(), e.getValue().asText()));
      if (tags.has("error")) {
        d.statusCode = "ERROR";
        d.statusMessage = tags.get("error").asText();
      }
    }
    if (remote != null) d.attributes.put("peer.service", remote);
    if (d.serviceName != null) d.resourceAttributes.put("service.name", d.serviceName);
    return d;
  }

  /** Lower case, so "ABC" and "abc" are one id when matching halves and parents. */
  private static String normal(String id) {
    return id.toLowerCase(java.util.Locale.ROOT);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
