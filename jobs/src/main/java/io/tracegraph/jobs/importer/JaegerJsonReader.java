package io.tracegraph.jobs.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.archive.ArchiveSpan;
import io.tracegraph.reports.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Jaeger's query API / UI export: {@code {"data":[{"traceID","spans":[...],"processes":{...}}]}} (also a bare array of
 * such traces, or one trace object). Streamed one trace at a time. Per span: times in microseconds; the service is
 * its process's {@code serviceName} ({@code processID} into {@code processes}, or an inline {@code process}); the
 * parent is the first CHILD_OF reference, else the first FOLLOWS_FROM (an asynchronous child is still a child),
 * else {@code parentSpanID}; other references become links. Kind is the tag {@code span.kind}; without it the kind
 * is UNSPECIFIED, which links parent service → service when they differ, as Jaeger's own dependency job does. Tag
 * {@code error=true} (or {@code otel.status_code=ERROR}) makes the status ERROR. Tags become attributes (so
 * {@code peer.service} names the peer), process tags resource attributes.
 */
final class JaegerJsonReader implements SpanFileReader {
  @Override
  public void read(InputStream in, SpanSink sink) throws IOException {
    try (JsonParser p = Json.mapper().createParser(in)) {
      try {
        JsonToken t = p.nextToken();
        if (t == null) return;
        if (t == JsonToken.START_ARRAY) {
          traces(p, sink);
        } else if (t == JsonToken.START_OBJECT) {
          long line = p.currentTokenLocation().getLineNr();
          // Either {"data":[...], ...} or a single trace object: look at the fields as they come.
          JsonNode single = null;
          for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("data") && v == JsonToken.START_ARRAY) {
              traces(p, sink);
            } else if (name.equals("spans") || name.equals("processes") || name.equals("traceID")) {
              if (single == null) single = Json.mapper().createObjectNode();
              ((com.fasterxml.jackson.databind.node.ObjectNode) single).set(name, Json.mapper().readTree(p));
            } else {
              p.skipChildren();
            }
          }
          if (single != null) trace(single, line, sink);
        } else {
          sink.unreadable(p.currentTokenLocation().getLineNr(), "expected Jaeger JSON ({\"data\":[traces]}), found " + t);
        }
      } catch (JsonProcessingException e) {
        sink.unreadable(e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
            "JSON syntax error, the rest of the file is not read: " + e.getOriginalMessage());
      }
    }
  }

  private static void traces(JsonParser p, SpanSink sink) throws IOException {
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
      long line = p.currentTokenLocation().getLineNr();
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        sink.unreadable(line, "expected a trace object, found " + t);
        continue;
      }
      trace(Json.mapper().readTree(p), line, sink);
    }
  }

  /** One trace object; spans are reported with the trace's line and their index, as a tree node has no position. */
  private static void trace(JsonNode trace, long line, SpanSink sink) {
    JsonNode processes = trace.path("processes");
    JsonNode spans = trace.get("spans");
    if (spans == null || !spans.isArray()) {
      sink.unreadable(line, "trace " + trace.path("traceID").asText("?") + " has no spans array");
      return;
    }
    for (JsonNode span : spans) {
      JsonNode process = span.has("process") ? span.get("process") : processes.path(span.path("processID").asText());
      sink.span(draft(span, process), line);
    }
  }

  private static SpanDraft draft(JsonNode span, JsonNode process) {
    SpanDraft d = new SpanDraft();
    d.traceId = text(span, "traceID");
    d.spanId = text(span, "spanID");
    d.name = text(span, "operationName");
    d.serviceName = text(process, "serviceName");
    tags(process.path("tags"), d.resourceAttributes);
    if (d.serviceName != null) d.resourceAttributes.put("service.name", d.serviceName);
    String followsFrom = null;
    for (JsonNode ref : span.path("references")) {
      String type = ref.path("refType").asText("");
      String spanId = text(ref, "spanID");
      String traceId = text(ref, "traceID");
      boolean sameTrace = traceId == null || traceId.equalsIgnoreCase(d.traceId);
      if (type.equals("CHILD_OF") && sameTrace && d.parentSpanId == null) {
        d.parentSpanId = spanId;
      } else if (type.equals("FOLLOWS_FROM") && sameTrace && followsFrom == null) {
        followsFrom = spanId;
      } else if (traceId != null && spanId != null) {
        d.links.add(new ArchiveSpan.Link(traceId.toLowerCase(Locale.ROOT), spanId.toLowerCase(Locale.ROOT)));
      }
    }
    if (d.parentSpanId == null) d.parentSpanId = followsFrom != null ? followsFrom : text(span, "parentSpanID");
    Long start = span.hasNonNull("startTime") ? span.get("startTime").asLong() : null;
    long duration = span.path("duration").asLong(0);
    if (start != null) {
      try {
        d.startNanos = Math.multiplyExact(start, 1000L);
        d.endNanos = Math.addExact(d.startNanos, Math.multiplyExact(Math.max(duration, 0), 1000L));
      } catch (ArithmeticException e) {
        d.problem = "startTime " + start + " or duration " + duration + " out of range (microseconds expected)";
      }
    }
    Map<String, String> tags = new TreeMap<>();
    tags(span.path("tags"), tags);
    d.attributes.putAll(tags);
    d.kind = tags.get("span.kind");
    if ("true".equalsIgnoreCase(tags.get("error")) || "ERROR".equalsIgnoreCase(tags.get("otel.status_code"))) {
      d.statusCode = "ERROR";
      d.statusMessage = tags.getOrDefault("otel.status_description", tags.get("error.message"));
    } else if ("OK".equalsIgnoreCase(tags.get("otel.status_code"))) {
      d.statusCode = "OK";
    }
    return d;
  }

  /** Jaeger tags {@code [{"key","type","value"}]} as strings. */
  private static void tags(JsonNode tags, Map<String, String> into) {
    for (JsonNode tag : tags) {
      String key = text(tag, "key");
      JsonNode value = tag.get("value");
      if (key != null && value != null && !value.isNull()) into.put(key, value.isValueNode() ? value.asText() : value.toString());
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
