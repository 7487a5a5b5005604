package io.tracegraph.reports.html;

import static io.tracegraph.reports.html.Cells.nameCell;
import static io.tracegraph.reports.html.Cells.numCell;

import io.tracegraph.reports.operations.OperationGraphView;
import io.tracegraph.reports.operations.OperationLink;
import java.util.List;

/**
 * "Operations by service": one collapsed block per service (and peer) with each of its operations, who calls it and
 * what it calls, with calls, error rate and the p99 of the call durations. Clicking a service in the graph offers a
 * link that opens its block (the page's script matches the name in the block's summary as text).
 */
final class OperationsSection {
  private OperationsSection() {}

  static void render(StringBuilder sb, OperationGraphView view) {
    sb.append("<section id=\"operations\">\n<h2>Operations by service</h2>\n");
    if (view.isEmpty()) {
      sb.append("<p class=\"note\">No calls between operations today.</p>\n</section>\n");
      return;
    }
    sb.append("<p class=\"note\">Each operation a service serves or calls from: who calls it (\u2190) and what it ")
        .append("calls (\u2192), with calls, error rate and the 99th percentile of the call durations. A caller ")
        .append("operation is the request the caller was serving; \u201cvia links\u201d marks messages received ")
        .append("through span links. Click a service in the graph to open its block.</p>\n");
    List<String> services = view.services();
    for (int i = 0; i < services.size(); i++) {
      String service = services.get(i);
      List<String> ops = view.operationsOf(service);
      long callsIn = 0;
      for (String op : ops) for (OperationLink l : view.callersOf(service, op)) callsIn += l.calls();
      sb.append("<details class=\"ops\" id=\"ops-").append(i).append("\"><summary><b>").append(Html.name(service)).append("</b> <span class=\"muted\">")
          .append(ops.size()).append(ops.size() == 1 ? " operation" : " operations").append(", ")
          .append(Html.count(callsIn)).append(" calls in</span></summary>\n")
          .append("<table class=\"ops-table\"><thead><tr><th></th><th>service</th><th>operation</th><th>type</th>")
          .append("<th class=\"n\">calls</th><th class=\"n\">error rate</th><th class=\"n\">p99</th></tr></thead>")
          .append("<tbody>\n");
      for (String op : ops) {
        sb.append("<tr class=\"op\"><td colspan=\"7\">").append(Html.name(op)).append("</td></tr>\n");
        for (OperationLink l : view.callersOf(service, op)) row(sb, "\u2190", l.caller(), l.callerOperation(), l);
        for (OperationLink l : view.calleesOf(service, op)) row(sb, "\u2192", l.callee(), l.calleeOperation(), l);
      }
      sb.append("</tbody></table></details>\n");
    }
    sb.append("</section>\n");
  }

  private static void row(StringBuilder sb, String direction, String service, String operation, OperationLink l) {
    sb.append("<tr><td>").append(direction).append("</td>").append(nameCell(service)).append(nameCell(operation))
        .append("<td>").append(l.type().key()).append(l.viaLinks() ? ", via links" : "").append("</td>")
        .append(numCell(l.calls(), Html.count(l.calls()))).append(numCell(l.errorRate(), Html.percent(l.errorRate())))
        .append(l.p99Micros() == null ? "<td></td>" : numCell(l.p99Micros(), Html.micros(l.p99Micros())))
        .append("</tr>\n");
  }
}
