package io.tracegraph.reports.trace;

import io.tracegraph.model.CompactTrace;
import io.tracegraph.reports.html.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What one trace says, in the sentences a person reads above its waterfall (the report, the trace page and the
 * terminal print the same ones): where the time went, where each error started and where it surfaced, and whether
 * spans were left out.
 */
public final class TraceStory {
  /** Error origins described per trace; a trace with more says how many more. */
  public static final int MAX_ORIGINS = 3;

  private TraceStory() {}

  /**
   * The dominant span and its share of the request, e.g. "payment → payment-provider POST /v1/charges: 2.90 s of
   * 3.10 s"; null for a trace without a single root (no critical path).
   */
  public static String dominant(CompactTrace t) {
    return dominant(t, UnaryOperator.identity());
  }

  /** The same, each name as {@code shown} displays it ({@code Html::shown} in a page: names shortened). */
  public static String dominant(CompactTrace t, UnaryOperator<String> shown) {
    int d = t.dominant();
    if (d < 0) return null;
    return t.describe(d, shown) + ": " + duration(t.criticalNanos(d)) + " of " + duration(t.durationNanos());
  }

  /** One sentence per error origin (at most {@link #MAX_ORIGINS}, then how many more); empty without errors. */
  public static List<String> errors(CompactTrace t) {
    return errors(t, UnaryOperator.identity());
  }

  /** The same, each name as {@code shown} displays it. */
  public static List<String> errors(CompactTrace t, UnaryOperator<String> shown) {
    List<String> lines = new ArrayList<>();
    List<Integer> origins = t.indexesWith(CompactTrace.ORIGIN);
    for (int o : origins.subList(0, Math.min(MAX_ORIGINS, origins.size()))) {
      int surfaced = o;
      int hops = 0;
      int hopsToSurfaced = 0;
      for (int k = o; t.parent(k) >= 0; k = t.parent(k)) { // the kept ancestors: the cut keeps them all
        int p = t.parent(k);
        if (!t.service(p).equals(t.service(k))) hops++;
        if (t.has(p, CompactTrace.ERROR)) {
          surfaced = p;
          hopsToSurfaced = hops;
        }
      }
      StringBuilder s = new StringBuilder("Error started at ").append(t.describe(o, shown));
      if (surfaced == o) {
        s.append(t.parent(o) < 0 ? ", the top of the trace: it failed the request." : "; its caller handled it.");
      } else {
        s.append(" and surfaced at ").append(t.describe(surfaced, shown)).append(", ").append(hopsToSurfaced)
            .append(hopsToSurfaced == 1 ? " service hop up" : " service hops up")
            .append(t.parent(surfaced) < 0 ? ", failing the request." : ", where it was handled.");
      }
      lines.add(s.toString());
    }
    if (origins.size() > MAX_ORIGINS) {
      lines.add("... and " + (origins.size() - MAX_ORIGINS) + " more error origins in this trace.");
    }
    return lines;
  }

  /** Says which spans a cut trace shows; null when every span is there. */
  public static String cut(CompactTrace t) {
    if (!t.isCut()) return null;
    return "Showing " + Html.count(t.size()) + " of " + Html.count(t.spanCount()) + " spans: the critical path, the "
        + "error origins and the upper levels of the tree; 'tracegraph trace --trace-id " + t.id().hex()
        + "' prints every span.";
  }

  /** A duration in a readable unit ("850 µs", "12.3 ms", "2.90 s"). */
  public static String duration(long nanos) {
    return Html.micros(nanos / 1000.0);
  }
}
