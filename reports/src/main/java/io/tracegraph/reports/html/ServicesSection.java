package io.tracegraph.reports.html;

import static io.tracegraph.reports.html.Cells.nameCell;
import static io.tracegraph.reports.html.Cells.numCell;

import io.tracegraph.reports.graph.GraphAnalytics;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.graph.NodeFacts;
import java.util.List;

/** "Services and peers": every vertex with its graph measures, traffic, and reach and self time when known. */
final class ServicesSection {
  private ServicesSection() {}

  static void render(StringBuilder sb, GraphAnalytics a, List<String> missing) {
    GraphData d = a.graph().data();
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
    for (NodeFacts f : a.nodes()) {
      long in = f.callsIn();
      double rate = f.errorRateIn();
      int dep = f.dependents();
      int ep = f.entryPointsAffected().size();
      sb.append("<tr>").append(nameCell(f.name())).append("<td>").append(f.kind().key())
          .append(f.entryPoint() ? ", entry" : "").append("</td>")
          .append(numCell(f.depth(), String.valueOf(f.depth())))
          .append(numCell(f.fanIn(), String.valueOf(f.fanIn())))
          .append(numCell(f.fanOut(), String.valueOf(f.fanOut())))
          .append(numCell(in, Html.count(in))).append(numCell(rate, Html.percent(rate)))
          .append(numCell(f.callsOut(), Html.count(f.callsOut())))
          .append(numCell(dep, String.valueOf(dep))).append(numCell(ep, String.valueOf(ep)));
      if (reach) {
        sb.append(f.traces() == null ? "<td></td>" : numCell(f.traces(), Html.count(f.traces())));
        sb.append(f.reach() == null ? "<td></td>" : numCell(f.reach(), Html.percent(f.reach())));
      }
      if (self) {
        sb.append(f.selfTimeMicros() == null ? "<td></td>"
            : numCell(f.selfTimeMicros(), Html.micros(f.selfTimeMicros())));
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody></table>\n</section>\n");
  }
}
