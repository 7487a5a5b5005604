package io.tracegraph.reports.trace;

import io.tracegraph.model.CompactTrace;
import io.tracegraph.reports.html.Html;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Traces as the pages' script draws them (the {@code trace-data} block of the day's report and of a trace page):
 * per trace its facts and sentences ({@link TraceStory}), a table of its distinct strings, and one array per span in
 * waterfall order: {@code [parent, service, name, peer, kind, start, duration, critical, flags, hidden]}, names as
 * indexes into the table (peer -1 when none), times in nanoseconds from the trace's start, flags as
 * {@link CompactTrace}'s bits (named in the block's {@code flags}). Names are data, written as text by the script.
 */
public final class WaterfallData {
  private WaterfallData() {}

  /**
   * The whole block.
   *
   * @param traces the traces the page can draw (each once), in the order given
   * @param links the tracing UI's links, or null
   * @param open the trace to draw when the page opens (a trace page), or null
   * @param edgeTraces per edge of the page's graph (in its order), the slowest traces as {@code [id, nanos]}; or null
   */
  public static Map<String, Object> block(Collection<CompactTrace> traces, TraceUrl links, String open,
                                          List<List<List<Object>>> edgeTraces) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("url", links == null ? null : links.template());
    root.put("open", open);
    Map<String, Object> flags = new LinkedHashMap<>();
    flags.put("error", CompactTrace.ERROR);
    flags.put("critical", CompactTrace.CRITICAL);
    flags.put("origin", CompactTrace.ORIGIN);
    flags.put("surfaced", CompactTrace.SURFACED);
    flags.put("skew", CompactTrace.SKEW_ADJUSTED);
    flags.put("detached", CompactTrace.DETACHED);
    root.put("flags", flags);
    Map<String, Object> byId = new LinkedHashMap<>();
    for (CompactTrace t : traces) byId.put(t.id().hex(), trace(t));
    root.put("traces", byId);
    if (edgeTraces != null) root.put("edges", edgeTraces);
    return root;
  }

  /** One trace. */
  public static Map<String, Object> trace(CompactTrace t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id().hex());
    m.put("start", Instant.ofEpochSecond(0, t.startNanos()).toString());
    m.put("dur", t.durationNanos());
    m.put("extent", t.extentNanos());
    m.put("spans", t.spanCount());
    m.put("errors", t.errorSpans());
    // The sentences with names shortened as the page shows them; the script makes invisible characters visible.
    m.put("dominant", TraceStory.dominant(t, Html::shown));
    m.put("dk", t.dominant());
    m.put("errorLines", TraceStory.errors(t, Html::shown));
    m.put("cut", TraceStory.cut(t));
    m.put("hiddenTop", t.hiddenTopLevel());
    Map<String, Integer> table = new LinkedHashMap<>();
    List<List<Object>> spans = new ArrayList<>(t.size());
    for (int k = 0; k < t.size(); k++) {
      String peer = t.peer(k);
      spans.add(List.of(t.parent(k), intern(table, t.service(k)), intern(table, t.name(k)),
          peer == null ? -1 : intern(table, peer), intern(table, t.kind(k).name().toLowerCase(Locale.ROOT)),
          t.startOffsetNanos(k), t.durationNanos(k), t.criticalNanos(k), t.flags(k), t.hiddenBelow(k)));
    }
    m.put("str", new ArrayList<>(table.keySet()));
    m.put("s", spans);
    return m;
  }

  private static int intern(Map<String, Integer> table, String s) {
    return table.computeIfAbsent(s, k -> table.size());
  }
}
