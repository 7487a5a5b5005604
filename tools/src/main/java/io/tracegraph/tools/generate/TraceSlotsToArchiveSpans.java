package io.tracegraph.tools.generate;

import io.tracegraph.jobs.archive.ArchiveSpan;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.StatusCode;
import io.tracegraph.tools.archive.SparkArchiveWriter;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slots of a {@link GenerationPlan} → the spans of span archive v1 ({@link ArchiveSpan}), one trace at a time: the
 * iterator holds the spans of a single trace, so a task streams however many traces it generates. Only spans dated
 * in the generated days come out; each span's {@link RowFate} decides its rows (lost, written once, written twice,
 * respelled, or written with an invalid copy).
 */
final class TraceSlotsToArchiveSpans implements SparkArchiveWriter.Spans<Long> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, SortedMap<String, String>> RESOURCES = new ConcurrentHashMap<>();

  private final GenerationPlan plan;

  TraceSlotsToArchiveSpans(GenerationPlan plan) {
    this.plan = plan;
  }

  @Override
  public Iterator<ArchiveSpan> of(Iterator<Long> slots) {
    return SlotStreams.flatMap(plan, slots, TraceSlotsToArchiveSpans::spans);
  }

  /** The archive rows of one trace, in span order. */
  static void spans(SyntheticTrace trace, Collection<ArchiveSpan> out) {
    String[] traceIds = new String[1 + trace.fragmentIds.size()];
    for (SyntheticSpan span : trace.spans) {
      if (span.fate == RowFate.LOST) continue;
      if (!trace.plan.generates(GenerationPlan.epochDayOf(span.start))) continue;
      String traceId = traceIds[span.fragment];
      if (traceId == null) traceId = traceIds[span.fragment] = trace.traceId(span.fragment);
      String spanId = HexIds.toHex(span.spanId);
      String parentId = span.parent == null ? null : HexIds.toHex(span.parent.spanId);
      String kind = span.kind.name();
      String status = span.status.name();
      switch (span.fate) {
        case ID_UPPER_CASE -> {
          traceId = traceId.toUpperCase(Locale.ROOT);
          spanId = spanId.toUpperCase(Locale.ROOT);
          if (parentId != null) parentId = parentId.toUpperCase(Locale.ROOT);
        }
        case KIND_SPELLING -> kind = "SPAN_KIND_" + kind;
        case STATUS_SPELLING -> status = "STATUS_CODE_" + status;
        default -> { }
      }
      SortedMap<String, String> attributes = attributes(span.attributes);
      String service = span.service;
      SortedMap<String, String> resource;
      if (span.fate == RowFate.SERVICE_MISSING) { // the exporter lost the resource's service.name
        service = "";
        resource = new TreeMap<>(Map.of("host.name", span.host));
      } else {
        resource = resource(span.service, span.host);
      }
      String message = span.status == StatusCode.ERROR ? span.statusMessage : null;
      List<ArchiveSpan.Link> links = links(span.links);
      ArchiveSpan row = new ArchiveSpan(traceId, spanId, parentId, service, span.name, kind, span.start, span.end,
          status, message, attributes, resource, links);
      out.add(row);
      switch (span.fate) {
        case DUPLICATED -> out.add(row);
        case SPAN_ID_MISSING -> out.add(new ArchiveSpan(traceId, "", parentId, span.service, span.name, kind,
            span.start, span.end, status, message, attributes, resource, links));
        case END_BEFORE_START -> out.add(new ArchiveSpan(traceId, spanId, parentId, span.service, span.name, kind,
            span.start, span.start - Math.max(1, span.end - span.start), status, message, attributes, resource, null));
        default -> { }
      }
    }
  }

  /** A span's links as the archive's {@code links} column, or null for none (most spans). */
  private static List<ArchiveSpan.Link> links(List<String[]> links) {
    if (links == null || links.isEmpty()) return null;
    List<ArchiveSpan.Link> out = new java.util.ArrayList<>(links.size());
    for (String[] link : links) out.add(new ArchiveSpan.Link(link[0], link[1]));
    return out;
  }

  private static SortedMap<String, String> attributes(List<String> keysAndValues) {
    SortedMap<String, String> map = new TreeMap<>();
    for (int i = 0; i < keysAndValues.size(); i += 2) map.put(keysAndValues.get(i), keysAndValues.get(i + 1));
    return map;
  }

  /** The OpenTelemetry resource of a pod, shared by every row of the pod. */
  static SortedMap<String, String> resource(String service, String host) {
    return RESOURCES.computeIfAbsent(host, h -> {
      SortedMap<String, String> resource = new TreeMap<>();
      resource.put("service.name", service);
      resource.put("service.version", "1." + Math.floorMod(service.hashCode(), 9) + ".0");
      resource.put("host.name", host);
      resource.put("deployment.environment", "production");
      resource.put("telemetry.sdk.language", ShopWorld.language(service));
      return resource;
    });
  }
}
