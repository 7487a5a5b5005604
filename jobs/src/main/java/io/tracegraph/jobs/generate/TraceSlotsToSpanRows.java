package io.tracegraph.jobs.generate;

import io.tracegraph.model.HexIds;
import io.tracegraph.model.StatusCode;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Slots of a {@link GenerationPlan} → archive rows ({@link GeneratorSchemas#SPAN_ROWS}), one trace at a time: the
 * iterator holds the rows of a single trace, so a task streams however many traces it generates. Only rows dated in
 * the generated days come out; each span's {@link RowFate} decides its rows.
 */
final class TraceSlotsToSpanRows implements MapPartitionsFunction<Long, Row> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, scala.collection.Map<String, String>> RESOURCES = new ConcurrentHashMap<>();

  private final GenerationPlan plan;

  TraceSlotsToSpanRows(GenerationPlan plan) {
    this.plan = plan;
  }

  @Override
  public Iterator<Row> call(Iterator<Long> slots) {
    Map<Long, String> dates = new HashMap<>();
    return SlotStreams.flatMap(plan, slots, (trace, out) -> rows(trace, dates, out));
  }

  /** The archive rows of one trace, in span order. */
  static void rows(SyntheticTrace trace, Map<Long, String> dates, Collection<Row> out) {
    String[] traceIds = new String[1 + trace.fragmentIds.size()];
    for (SyntheticSpan span : trace.spans) {
      if (span.fate == RowFate.LOST) continue;
      long day = GenerationPlan.epochDayOf(span.start);
      if (!trace.plan.generates(day)) continue;
      String date = dates.computeIfAbsent(day, d -> LocalDate.ofEpochDay(d).toString());
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
      scala.collection.Map<String, String> attributes = attributes(span.attributes);
      String service = span.service;
      scala.collection.Map<String, String> resource;
      if (span.fate == RowFate.SERVICE_MISSING) { // the exporter lost the resource's service.name
        service = "";
        resource = CollectionConverters.asScala(Map.of("host.name", span.host));
      } else {
        resource = resource(span.service, span.host);
      }
      String message = span.status == StatusCode.ERROR ? span.statusMessage : null;
      scala.collection.Seq<Row> links = links(span.links);
      Row row = RowFactory.create(traceId, spanId, parentId, service, span.name, kind, span.start, span.end,
          status, message, attributes, resource, links, date);
      out.add(row);
      switch (span.fate) {
        case DUPLICATED -> out.add(row);
        case SPAN_ID_MISSING -> out.add(RowFactory.create(traceId, "", parentId, span.service, span.name, kind,
            span.start, span.end, status, message, attributes, resource, links, date));
        case END_BEFORE_START -> out.add(RowFactory.create(traceId, spanId, parentId, span.service, span.name, kind,
            span.start, span.start - Math.max(1, span.end - span.start), status, message, attributes, resource, null,
            date));
        default -> { }
      }
    }
  }

  /** A span's links as the archive's {@code array<struct<trace_id, span_id>>}, or null for none (most spans). */
  private static scala.collection.Seq<Row> links(List<String[]> links) {
    if (links == null || links.isEmpty()) return null;
    List<Row> rows = new java.util.ArrayList<>(links.size());
    for (String[] link : links) rows.add(RowFactory.create(link[0], link[1]));
    return CollectionConverters.asScala(rows).toSeq();
  }

  private static scala.collection.Map<String, String> attributes(List<String> keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>(keysAndValues.size()); // insertion order: same bytes every run
    for (int i = 0; i < keysAndValues.size(); i += 2) map.put(keysAndValues.get(i), keysAndValues.get(i + 1));
    return CollectionConverters.asScala(map);
  }

  /** The OpenTelemetry resource of a pod, shared by every row of the pod. */
  static scala.collection.Map<String, String> resource(String service, String host) {
    return RESOURCES.computeIfAbsent(host, h -> {
      Map<String, String> resource = new LinkedHashMap<>();
      resource.put("service.name", service);
      resource.put("service.version", "1." + Math.floorMod(service.hashCode(), 9) + ".0");
      resource.put("host.name", host);
      resource.put("deployment.environment", "production");
      resource.put("telemetry.sdk.language", ShopWorld.language(service));
      return CollectionConverters.asScala(resource);
    });
  }
}
