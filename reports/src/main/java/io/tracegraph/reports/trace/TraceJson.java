package io.tracegraph.reports.trace;

import io.tracegraph.model.CompactTrace;
import io.tracegraph.model.HexIds;
import io.tracegraph.reports.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace's spans as JSON ({@code tracegraph trace --format json}): the trace's facts, then one object per span in
 * waterfall order with its ids, service, operation, kind, times as archived (Unix epoch nanoseconds), status, peer,
 * and what the analyses found (depth, critical path, error origin, where it surfaced, the clock-skew shift applied
 * before timing). Deterministic and pretty-printed like every report file.
 */
public final class TraceJson {
  private TraceJson() {}

  public static String render(CompactTrace t, TraceUrl links) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("trace_id", t.id().hex());
    if (links != null) root.put("url", links.url(t.id().hex()));
    root.put("span_count", t.spanCount());
    root.put("spans_shown", t.size());
    root.put("error_spans", t.errorSpans());
    root.put("start_time_unix_nano", t.startNanos());
    root.put("duration_nanos", t.durationNanos());
    root.put("single_root", t.hasSingleRoot());
    root.put("dominant", TraceStory.dominant(t));
    root.put("errors", TraceStory.errors(t));
    List<Map<String, Object>> spans = new ArrayList<>(t.size());
    for (int k = 0; k < t.size(); k++) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("span_id", HexIds.toHex(t.spanId(k)));
      s.put("parent_span_id", t.namedParentId(k) == 0 ? null : HexIds.toHex(t.namedParentId(k)));
      s.put("depth", t.depth(k));
      s.put("service", t.service(k).isEmpty() ? null : t.service(k)); // null: no service name
      s.put("name", t.name(k));
      s.put("kind", t.kind(k).name());
      long start = t.startNanos() + t.startOffsetNanos(k) - t.skewShiftNanos(k);
      s.put("start_time_unix_nano", start);
      s.put("end_time_unix_nano", start + t.durationNanos(k));
      s.put("duration_nanos", t.durationNanos(k));
      s.put("error", t.has(k, CompactTrace.ERROR));
      s.put("peer", t.peer(k));
      s.put("critical_path", t.has(k, CompactTrace.CRITICAL));
      s.put("critical_nanos", t.criticalNanos(k));
      s.put("error_origin", t.has(k, CompactTrace.ORIGIN));
      s.put("error_surfaced", t.has(k, CompactTrace.SURFACED));
      s.put("skew_shift_nanos", t.skewShiftNanos(k));
      s.put("detached", t.has(k, CompactTrace.DETACHED));
      spans.add(s);
    }
    root.put("spans", spans);
    return Json.write(root);
  }
}
