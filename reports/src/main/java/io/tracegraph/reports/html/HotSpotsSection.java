package io.tracegraph.reports.html;

import static io.tracegraph.reports.html.Cells.nameCell;
import static io.tracegraph.reports.html.Cells.numCell;
import static io.tracegraph.reports.html.Cells.top;

import io.tracegraph.reports.graph.CallStats;
import io.tracegraph.reports.graph.GraphAnalytics;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.graph.ServiceGraph;
import io.tracegraph.reports.graph.Surprises;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** "Hot spots": busiest, most failing and slowest edges, biggest blast radius, and the surprises. */
final class HotSpotsSection {
  private HotSpotsSection() {}

  static void render(StringBuilder sb, GraphAnalytics a, PageTraces traces, List<String> missing) {
    GraphData d = a.graph().data();
    List<CallStats> edges = d.edges();
    sb.append("<section id=\"hotspots\">\n<h2>Hot spots</h2>\n<div class=\"grid2\">\n");
    sb.append("<div id=\"busiest-edges\"><h3>Busiest edges</h3>");
    Cells.edgeTable(sb, top(edges, Comparator.comparingLong(CallStats::calls).reversed()), d.hasLatency());
    sb.append("</div>\n<div id=\"failing-edges\"><h3>Most failing edges</h3>");
    List<CallStats> failing = edges.stream().filter(e -> e.errors() > 0).toList();
    if (failing.isEmpty()) {
      sb.append("<p class=\"note\">No failed calls.</p>");
    } else {
      Cells.edgeTable(sb, top(failing, Comparator.comparingLong(CallStats::errors).reversed()
          .thenComparing(Comparator.comparingDouble(CallStats::errorRate).reversed())), d.hasLatency());
    }
    sb.append("</div>\n");
    if (d.hasLatency()) {
      sb.append("<div id=\"slowest-edges\"><h3>Slowest edges (p99)</h3>");
      List<CallStats> timed = edges.stream().filter(e -> e.latency() != null).toList();
      Cells.edgeTable(sb, top(timed, Comparator.comparingLong((CallStats e) -> e.latency().p99Micros()).reversed()),
          true, traces.isEmpty() ? null : traces);
      sb.append("</div>\n");
    } else {
      missing.add("slowest edges (needs per-edge latency)");
    }
    blastRadius(sb, a);
    surprises(sb, a.surprises(), missing);
    sb.append("</div>\n</section>\n");
  }

  private static void blastRadius(StringBuilder sb, GraphAnalytics a) {
    ServiceGraph g = a.graph();
    sb.append("<div><h3>Biggest blast radius</h3><p class=\"note\">If it fails, these depend on it (transitively).</p>")
        .append("<table class=\"sortable\"><thead><tr><th>service</th><th>kind</th><th class=\"n\">depend on it</th>")
        .append("<th class=\"n\">entry points</th><th class=\"n\">direct callers</th></tr></thead><tbody>");
    List<String> byBlast = new ArrayList<>(g.vertices());
    byBlast.sort(Comparator.comparingInt((String v) -> -a.blastRadius().entryPoints(v).size())
        .thenComparingInt(v -> -a.blastRadius().dependents(v).size()).thenComparing(Function.identity()));
    for (String v : byBlast.subList(0, Math.min(Cells.TOP, byBlast.size()))) {
      int dep = a.blastRadius().dependents(v).size();
      int ep = a.blastRadius().entryPoints(v).size();
      sb.append("<tr>").append(nameCell(v)).append("<td>").append(g.kind(v).key()).append("</td>")
          .append(numCell(dep, String.valueOf(dep))).append(numCell(ep, String.valueOf(ep)))
          .append(numCell(g.fanIn(v), String.valueOf(g.fanIn(v)))).append("</tr>");
    }
    sb.append("</tbody></table></div>\n");
  }

  private static void surprises(StringBuilder sb, Surprises s, List<String> missing) {
    if (!s.available()) {
      missing.add("surprises and reach (need traces per service)");
      return;
    }
    sb.append("<div id=\"surprises\"><h3>Surprises</h3><p class=\"note\">Reached by \u2265 ")
        .append(Html.percent(s.minReach())).append(" of traces, yet called directly by at most ").append(s.maxCallers())
        .append(" services: few know they depend on it, most requests do.</p>");
    if (s.list().isEmpty()) {
      sb.append("<p class=\"note\">None today.</p>");
    } else {
      sb.append("<table class=\"sortable\"><thead><tr><th>service</th><th class=\"n\">reach</th><th>called by</th>")
          .append("<th class=\"n\">depend on it</th></tr></thead><tbody>");
      for (Surprises.Surprise x : s.list()) {
        sb.append("<tr>").append(nameCell(x.service())).append(numCell(x.reach(), Html.percent(x.reach())))
            .append(nameCell(String.join(", ", x.callers().stream().map(Html::shown).toList())))
            .append(numCell(x.dependents(), String.valueOf(x.dependents()))).append("</tr>");
      }
      sb.append("</tbody></table>");
    }
    sb.append("</div>\n");
  }
}
