package io.tracegraph.reports.html;

import io.tracegraph.model.TopTraces;
import io.tracegraph.reports.graph.CallStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The table cells and small tables every section of the day's report shares; every name goes through {@link Html#name}. */
final class Cells {
  /** Rows of a "top" table. */
  static final int TOP = 15;

  private Cells() {}

  static String nameCell(String name) {
    return name == null ? "<td></td>" : "<td class=\"name\">" + Html.name(name) + "</td>";
  }

  /** Text that holds names already shown as the page shows them (a sentence): escaped, never shortened. */
  static String textCell(String text) {
    return text == null ? "<td></td>" : "<td>" + Html.text(text) + "</td>";
  }

  static String numCell(double sortValue, String shown) {
    return "<td class=\"n\" data-v=\"" + sortValue + "\">" + Html.text(shown) + "</td>";
  }

  static void row(StringBuilder sb, String key, String value) {
    sb.append("<tr><td>").append(Html.text(key)).append("</td><td class=\"n\">").append(Html.text(value))
        .append("</td></tr>");
  }

  static <T> List<T> top(List<T> items, Comparator<T> order) {
    List<T> sorted = new ArrayList<>(items);
    sorted.sort(order);
    return sorted.subList(0, Math.min(TOP, sorted.size()));
  }

  /** Edges with calls, errors and error rate, and p50/p99 when {@code latency}. */
  static void edgeTable(StringBuilder sb, List<CallStats> edges, boolean latency) {
    edgeTable(sb, edges, latency, null);
  }

  /** The same, and with {@code traces} each edge's slowest calls linked to their traces. */
  static void edgeTable(StringBuilder sb, List<CallStats> edges, boolean latency, PageTraces traces) {
    sb.append("<table class=\"sortable\"><thead><tr><th>caller</th><th>callee</th><th class=\"n\">calls</th>")
        .append("<th class=\"n\">errors</th><th class=\"n\">error rate</th>");
    if (latency) sb.append("<th class=\"n\">p50</th><th class=\"n\">p99</th>");
    if (traces != null) sb.append("<th>slowest calls</th>");
    sb.append("</tr></thead><tbody>");
    for (CallStats e : edges) {
      sb.append("<tr>").append(nameCell(e.parent())).append(nameCell(e.child()))
          .append(numCell(e.calls(), Html.count(e.calls()))).append(numCell(e.errors(), Html.count(e.errors())))
          .append(numCell(e.errorRate(), Html.percent(e.errorRate())));
      if (latency) {
        sb.append(e.latency() == null ? "<td></td><td></td>"
            : numCell(e.latency().p50Micros(), Html.micros(e.latency().p50Micros()))
              + numCell(e.latency().p99Micros(), Html.micros(e.latency().p99Micros())));
      }
      if (traces != null) {
        List<String> links = new ArrayList<>();
        for (TopTraces.Example x : traces.slowest(e.parent(), e.child())) {
          links.add(TraceCells.link(traces, x.traceIdHex(), Html.micros(x.value() / 1000.0)));
        }
        sb.append("<td class=\"traces\">").append(String.join(" ", links)).append("</td>");
      }
      sb.append("</tr>");
    }
    sb.append("</tbody></table>\n");
  }
}
