package io.tracegraph.reports.html;

import static io.tracegraph.reports.html.Cells.nameCell;
import static io.tracegraph.reports.html.Cells.numCell;

import io.tracegraph.reports.graph.GraphAnalytics;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.graph.ServiceGraph;
import io.tracegraph.reports.graph.ServiceStats;
import java.util.List;

/** "Services and peers": every vertex with its graph measures, traffic, and reach and self time when known. */
final class ServicesSection {
  private ServicesSection() {}

  static void render(StringBuilder sb, GraphAnalytics a, List<String> missing) {
    ServiceGraph g = a.graph();
    GraphData d = g.data();
    boolean reach = d.hasReach();
    boolean self = d.services().values().stream().anyMatch(s -> s.selfTimeMicros() != null);
    if (!self) missing.add("self time per service");
    sb.append("<section id=\"services\">\n<h2>Services and peers</h2>\n");
    if (reach || self) {
      sb.append("<p class=\"note\">Reach: share of the day's traces the service is on. Self time: time in its own ")
          .append("spans not covered by their children, summed over the day.</p>\n");
    }
    sb.append("<table class=\"sortable\"><thead><tr>")
        .append("<th>name</th><th>kind</th><th class=\"n\">depth</th><th class=\"n\">fan-in</th><th class=\"n\">fan-out</th>")
        .append("<th class=\"n\">calls in</th><th class=\"n\">error rate in</th><th class=\"n\">calls out</th>")
        .append("<th class=\"n\">depend on it</th><th class=\"n\">entry points affected</th>");
    if (reach) sb.append("<th class=\"n\">traces</th><th class=\"n\">reach</th>");
    if (self) sb.append("<th class=\"n\">self time</th>");
    sb.append("</tr></thead><tbody>\n");
    for (String v : g.vertices()) {
      ServiceStats s = g.stats(v);
      long in = g.callsIn(v);
      double rate = in == 0 ? 0 : g.errorsIn(v) / (double) in;
      int dep = a.blastRadius().dependents(v).size();
      int ep = a.blastRadius().entryPoints(v).size();
      int depth = a.depths().depth(v);
      sb.append("<tr>").append(nameCell(v)).append("<td>").append(s.kind().key())
          .append(a.depths().isEntryPoint(v) ? ", entry" : "").append("</td>")
          .append(numCell(depth, String.valueOf(depth)))
          .append(numCell(g.fanIn(v), String.valueOf(g.fanIn(v))))
          .append(numCell(g.fanOut(v), String.valueOf(g.fanOut(v))))
          .append(numCell(in, Html.count(in))).append(numCell(rate, Html.percent(rate)))
          .append(numCell(g.callsOut(v), Html.count(g.callsOut(v))))
          .append(numCell(dep, String.valueOf(dep))).append(numCell(ep, String.valueOf(ep)));
      if (reach) {
        Double r = d.reach(v);
        sb.append(s.traces() == null ? "<td></td>" : numCell(s.traces(), Html.count(s.traces())));
        sb.append(r == null ? "<td></td>" : numCell(r, Html.percent(r)));
      }
      if (self) {
        sb.append(s.selfTimeMicros() == null ? "<td></td>"
            : numCell(s.selfTimeMicros(), Html.micros(s.selfTimeMicros())));
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody></table>\n</section>\n");
  }
}
