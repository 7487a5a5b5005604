package io.tracegraph.jobs.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.archive.ArchiveSpan;
import io.tracegraph.model.HexIds;
import io.tracegraph.reports.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenTelemetry Collector's file exporter ({@code format: json}): one {@code ExportTraceServiceRequest} /
 * {@code TracesData} JSON object per line, {@code {"resourceSpans":[{"resource":{...},"scopeSpans":[{"spans":[...]}]}]}}.
 * Ids are hex (base64 of 16/8 bytes, the plain proto3 mapping some exporters used, is read too); kind and status
 * code are enum integers (names are read too); 64-bit numbers are decimal strings or numbers; attributes are AnyValues,
 * flattened to strings. The resource's {@code service.name} is the service. A line is read whole (one batch), the
 * file line by line, so files larger than memory work; a line that is not such an object is reported and skipped.
 */
final class OtlpJsonReader implements SpanFileReader {
  @Override
  public void read(InputStream in, SpanSink sink) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    long lineNo = 0;
    for (String line; (line = lines.readLine()) != null; ) {
      lineNo++;
      if (line.isBlank()) continue;
      JsonNode batch;
      try {
        batch = Json.mapper().readTree(line);
      } catch (JsonProcessingException e) {
        sink.unreadable(lineNo, "not JSON: " + e.getOriginalMessage());
        continue;
      }
      JsonNode resourceSpans = batch.get("resourceSpans");
      if (resourceSpans == null || !resourceSpans.isArray()) {
        sink.unreadable(lineNo, "no resourceSpans array (not an OTLP JSON traces line)");
        continue;
      }
      for (JsonNode rs : resourceSpans) {
        Map<String, String> resource = new TreeMap<>();
        AnyValues.putAll(rs.path("resource").get("attributes"), resource);
        JsonNode scopes = rs.has("scopeSpans") ? rs.get("scopeSpans") : rs.get("instrumentationLibrarySpans");
        if (scopes == null) continue;
        for (JsonNode ss : scopes) {
          for (JsonNode span : ss.path("spans")) sink.span(draft(span, resource), lineNo);
        }
      }
    }
  }

  private static SpanDraft draft(JsonNode span, Map<String, String> resource) {
    SpanDraft d = new SpanDraft();
    d.traceId = id(span.get("traceId"), 16);
    d.spanId = id(span.get("spanId"), 8);
    d.parentSpanId = id(span.get("parentSpanId"), 8);
    d.resourceAttributes.putAll(resource);
    d.serviceName = resource.get("service.name");
    d.name = textOrNull(span.get("name"));
    d.kind = span.has("kind") ? span.get("kind").asText() : null;
    d.startNanos = nanos(span.get("startTimeUnixNano"));
    d.endNanos = nanos(span.get("endTimeUnixNano"));
    JsonNode status = span.get("status");
    if (status != null) {
      d.statusCode = status.has("code") ? status.get("code").asText() : null;
      d.statusMessage = textOrNull(status.get("message"));
    }
    AnyValues.putAll(span.get("attributes"), d.attributes);
    for (JsonNode link : span.path("links")) {
      String t = id(link.get("traceId"), 16);
      String s = id(link.get("spanId"), 8);
      if (t != null && s != null) d.links.add(new ArchiveSpan.Link(t.toLowerCase(), s.toLowerCase()));
    }
    return d;
  }

  /** A hex id as given; a base64 id of exactly {@code bytes} bytes converted to hex. */
  static String id(JsonNode node, int bytes) {
    if (node == null || node.isNull()) return null;
    String s = node.asText();
    if (s.isEmpty() || HexIds.isHex(s, bytes * 2)) return s;
    try {
      byte[] raw = Base64.getDecoder().decode(s);
      if (raw.length == bytes) return HexFormat.of().formatHex(raw);
    } catch (IllegalArgumentException e) {
      // not base64 either: keep it, the check reports it
    }
    return s;
  }

  /** A fixed64 as a decimal string or a JSON number; null when absent or not a number. */
  static Long nanos(JsonNode node) {
    if (node == null || node.isNull()) return null;
    if (node.isIntegralNumber()) return node.asLong();
    try {
      return Long.parseLong(node.asText().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String textOrNull(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
