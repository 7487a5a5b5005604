package io.tracegraph.reports.html;

import static io.tracegraph.reports.html.Cells.nameCell;
import static io.tracegraph.reports.html.Cells.numCell;

import io.tracegraph.reports.graph.CallStats;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.graph.HourlyCounts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** "Calls per hour": a small bar chart of the 24 UTC hours for all calls together and for the busiest edges. */
final class HourlySection {
  private HourlySection() {}

  static void render(StringBuilder sb, GraphData d, List<String> missing) {
    if (!d.hasHourlyCalls()) {
      missing.add("calls per hour");
      return;
    }
    List<CallStats> timed = d.edges().stream().filter(e -> e.callsPerHour() != null).toList();
    long[] all = new long[HourlyCounts.HOURS];
    for (CallStats e : timed) for (int h = 0; h < all.length; h++) all[h] += e.callsPerHour().counts().get(h);
    List<Long> total = new ArrayList<>();
    for (long c : all) total.add(c);
    long sum = total.stream().mapToLong(Long::longValue).sum();
    sb.append("<section id=\"hourly\">\n<h2>Calls per hour (UTC)</h2>\n<p class=\"note\">Each chart is scaled to ")
        .append("its own busiest hour; hover a bar for its count.</p>\n<table class=\"sortable\"><thead><tr>")
        .append("<th>caller</th><th>callee</th><th class=\"n\">calls</th><th class=\"n\">busiest hour</th>")
        .append("<th>00 \u2192 23 h</th></tr></thead><tbody>\n");
    sb.append("<tr class=\"total\"><td class=\"name\" colspan=\"2\">all edges</td>").append(numCell(sum, Html.count(sum)))
        .append(busiest(total)).append("<td>").append(Sparkline.svg(total)).append("</td></tr>\n");
    for (CallStats e : Cells.top(timed, Comparator.comparingLong(CallStats::calls).reversed())) {
      List<Long> counts = e.callsPerHour().counts();
      sb.append("<tr>").append(nameCell(e.parent())).append(nameCell(e.child()))
          .append(numCell(e.calls(), Html.count(e.calls()))).append(busiest(counts)).append("<td>")
          .append(Sparkline.svg(counts)).append("</td></tr>\n");
    }
    sb.append("</tbody></table>\n</section>\n");
  }

  private static String busiest(List<Long> counts) {
    int best = 0;
    for (int h = 1; h < counts.size(); h++) if (counts.get(h) > counts.get(best)) best = h;
    return numCell(best, String.format(java.util.Locale.ROOT, "%02d h", best));
  }
}
