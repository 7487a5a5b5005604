package io.tracegraph.jobs.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracegraph.jobs.source.Scenarios;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.Span;
import io.tracegraph.model.SpanKind;
import io.tracegraph.reports.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the scenario traces in other tools' JSON formats, following each format's documentation (OTLP's JSON
 * protobuf encoding; Jaeger's query API model), so an importer that maps the format correctly gives the scenarios'
 * links.
 */
final class FormatFixtures {
  private FormatFixtures() {}

  /** One OTLP JSON line per trace: a resourceSpans entry per service, kind and status as enum integers. */
  static List<String> otlpJsonLines(List<Scenarios.Trace> traces) {
    List<String> lines = new ArrayList<>();
    for (Scenarios.Trace t : traces) {
      ObjectNode batch = Json.mapper().createObjectNode();
      ArrayNode resourceSpans = batch.putArray("resourceSpans");
      for (Map.Entry<String, List<Span>> service : byService(t.spans()).entrySet()) {
        ObjectNode rs = resourceSpans.addObject();
        ArrayNode resourceAttributes = rs.putObject("resource").putArray("attributes");
        attribute(resourceAttributes, "service.name").put("stringValue", service.getKey());
        attribute(resourceAttributes, "host.cpus").put("intValue", "4");
        ObjectNode ss = rs.putArray("scopeSpans").addObject();
        ss.putObject("scope").put("name", "fixture");
        ArrayNode spans = ss.putArray("spans");
        for (Span s : service.getValue()) {
          ObjectNode span = spans.addObject();
          span.put("traceId", t.traceId().toUpperCase(Locale.ROOT)); // the spec's example uses upper case
          span.put("spanId", HexIds.toHex(s.spanId()));
          span.put("parentSpanId", s.hasParent() ? HexIds.toHex(s.parentId()) : "");
          span.put("name", s.name());
          span.put("kind", s.kind().ordinal());
          span.put("startTimeUnixNano", Long.toString(s.startNanos()));
          span.put("endTimeUnixNano", Long.toString(s.endNanos()));
          ArrayNode attributes = span.putArray("attributes");
          if (s.peer() != null) attribute(attributes, "peer.service").put("stringValue", s.peer());
          attribute(attributes, "retry").put("boolValue", false);
          ArrayNode values = attribute(attributes, "tags").putObject("arrayValue").putArray("values");
          values.addObject().put("stringValue", "a");
          values.addObject().put("intValue", "2");
          ObjectNode status = span.putObject("status");
          if (s.error()) {
            status.put("code", 2);
            status.put("message", "failed");
          }
        }
      }
      lines.add(batch.toString());
    }
    return lines;
  }

  private static ObjectNode attribute(ArrayNode attributes, String key) {
    ObjectNode kv = attributes.addObject();
    kv.put("key", key);
    return kv.putObject("value");
  }

  /** The Jaeger query API's {@code {"data":[trace...]}}, with processes and CHILD_OF references. */
  static String jaegerJson(List<Scenarios.Trace> traces) {
    ObjectNode root = Json.mapper().createObjectNode();
    ArrayNode data = root.putArray("data");
    for (Scenarios.Trace t : traces) {
      ObjectNode trace = data.addObject();
      trace.put("traceID", t.traceId());
      ArrayNode spans = trace.putArray("spans");
      ObjectNode processes = trace.putObject("processes");
      Map<String, String> processIds = new LinkedHashMap<>();
      for (Span s : t.spans()) {
        String pid = processIds.computeIfAbsent(s.service(), k -> "p" + (processIds.size() + 1));
        ObjectNode span = spans.addObject();
        span.put("traceID", t.traceId());
        span.put("spanID", HexIds.toHex(s.spanId()));
        span.put("operationName", s.name());
        ArrayNode refs = span.putArray("references");
        if (s.hasParent()) {
          ObjectNode ref = refs.addObject();
          ref.put("refType", "CHILD_OF");
          ref.put("traceID", t.traceId());
          ref.put("spanID", HexIds.toHex(s.parentId()));
        }
        span.put("startTime", s.startNanos() / 1000);
        span.put("duration", s.durationNanos() / 1000);
        ArrayNode tags = span.putArray("tags");
        if (s.kind() != SpanKind.UNSPECIFIED) tag(tags, "span.kind", "string").put("value", s.kind().name().toLowerCase(Locale.ROOT));
        if (s.error()) tag(tags, "error", "bool").put("value", true);
        if (s.peer() != null) tag(tags, "peer.service", "string").put("value", s.peer());
        tag(tags, "http.status_code", "int64").put("value", 200);
        span.putArray("logs");
        span.put("processID", pid);
        span.putArray("warnings");
      }
      processIds.forEach((service, pid) -> {
        ObjectNode p = processes.putObject(pid);
        p.put("serviceName", service);
        tag(p.putArray("tags"), "hostname", "string").put("value", "host-" + pid);
      });
    }
    return root.toPrettyString();
  }

  private static ObjectNode tag(ArrayNode tags, String key, String type) {
    ObjectNode tag = tags.addObject();
    tag.put("key", key);
    tag.put("type", type);
    return tag;
  }

  private static Map<String, List<Span>> byService(List<Span> spans) {
    Map<String, List<Span>> m = new LinkedHashMap<>();
    for (Span s : spans) m.computeIfAbsent(s.service(), k -> new ArrayList<>()).add(s);
    return m;
  }
}
