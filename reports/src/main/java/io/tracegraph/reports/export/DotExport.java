package io.tracegraph.reports.export;

import io.tracegraph.reports.graph.CallEdge;
import io.tracegraph.reports.graph.EdgeLatency;
import io.tracegraph.reports.graph.ServiceGraph;
import java.util.Locale;

/**
 * {@code graph.dot}: the graph for Graphviz ({@code dot -Tsvg graph.dot > graph.svg}), left to right, peers drawn as
 * ellipses and services as boxes, each edge labelled with its calls and errors. Vertex ids are the names, quoted;
 * attributes {@code kind}, {@code calls}, {@code errors} carry the numbers for tools, and where the traffic tables
 * measured them {@code traces} (a vertex's reach) and {@code p50_us}, {@code p99_us} (an edge's call latency). In a quoted DOT string only
 * {@code "} needs escaping; a backslash is doubled so that a name ending in one cannot end the string early.
 */
public final class DotExport {
  private DotExport() {}

  public static String render(ServiceGraph g) {
    StringBuilder sb = new StringBuilder();
    sb.append("digraph ").append(quote("tracegraph " + g.data().date())).append(" {\n");
    sb.append("  graph [rankdir=LR];\n");
    sb.append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
    sb.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    for (String v : g.vertices()) {
      String kind = g.kind(v).key();
      sb.append("  ").append(quote(v)).append(" [kind=").append(quote(kind));
      if (kind.equals("peer")) sb.append(", shape=ellipse");
      Long traces = g.stats(v).traces();
      if (traces != null) sb.append(", traces=").append(traces);
      sb.append("];\n");
    }
    for (CallEdge e : g.edges()) {
      sb.append("  ").append(quote(e.parent())).append(" -> ").append(quote(e.child()))
          .append(" [calls=").append(e.calls())
          .append(", errors=").append(e.errors());
      EdgeLatency latency = e.stats().latency();
      if (latency != null) {
        sb.append(", p50_us=").append(latency.p50Micros()).append(", p99_us=").append(latency.p99Micros());
      }
      sb.append(", label=").append(quote(label(e))).append("];\n");
    }
    sb.append("}\n");
    return sb.toString();
  }

  private static String label(CallEdge e) {
    return e.errors() == 0 ? e.calls() + " calls"
        : String.format(Locale.ROOT, "%d calls, %d errors", e.calls(), e.errors());
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
