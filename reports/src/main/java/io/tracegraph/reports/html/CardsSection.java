package io.tracegraph.reports.html;

import io.tracegraph.reports.diff.GraphDiff;
import io.tracegraph.reports.graph.GraphAnalytics;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.graph.NodeKind;

/** The headline numbers at the top of the day's report. */
final class CardsSection {
  private CardsSection() {}

  static void render(StringBuilder sb, DayReport report, GraphAnalytics a) {
    GraphData d = report.graph();
    long services = d.services().values().stream().filter(s -> s.kind() != NodeKind.PEER).count();
    long peers = d.services().values().stream().filter(s -> s.kind() == NodeKind.PEER).count();
    sb.append("<div class=\"cards\">");
    card(sb, Html.count(services), "services", false);
    card(sb, Html.count(peers), "uninstrumented peers", false);
    card(sb, Html.count(d.edges().size()), "edges", false);
    card(sb, Html.count(d.totalCalls()), "calls", false);
    double rate = d.totalCalls() == 0 ? 0 : d.totalErrors() / (double) d.totalCalls();
    card(sb, Html.count(d.totalErrors()) + " (" + Html.percent(rate) + ")", "failed calls", rate >= 0.01);
    if (d.traces() != null) card(sb, Html.count(d.traces()), "traces", false);
    card(sb, String.valueOf(a.depths().maxDepth()), "max depth", false);
    card(sb, String.valueOf(a.cycles().cycles().size()), "call cycles", !a.cycles().cycles().isEmpty());
    GraphDiff diff = report.diff();
    if (diff != null && diff.hasPrevious()) {
      card(sb, String.valueOf(diff.flags()), "changes since " + diff.previousDate(), diff.flags() > 0);
    }
    sb.append("</div>\n");
  }

  private static void card(StringBuilder sb, String value, String what, boolean alert) {
    sb.append("<div class=\"card").append(alert ? " alert" : "").append("\"><b>").append(Html.text(value))
        .append("</b><span>").append(Html.text(what)).append("</span></div>");
  }
}
