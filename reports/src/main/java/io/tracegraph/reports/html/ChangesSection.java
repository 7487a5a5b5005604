package io.tracegraph.reports.html;

import static io.tracegraph.reports.html.Cells.nameCell;
import static io.tracegraph.reports.html.Cells.numCell;

import io.tracegraph.reports.diff.GraphDiff;
import io.tracegraph.reports.graph.CallStats;
import java.util.List;

/** "Changes since the previous day": the day-over-day diff, with the tests' thresholds and p-values. */
final class ChangesSection {
  private ChangesSection() {}

  static void render(StringBuilder sb, GraphDiff d) {
    sb.append("<section id=\"changes\">\n<h2>Changes since the previous day</h2>\n");
    if (d == null || !d.hasPrevious()) {
      sb.append("<p class=\"note\">No earlier day in this output to compare with.</p>\n</section>\n");
      return;
    }
    sb.append("<p class=\"note\">Compared with ").append(d.previousDate()).append(": ").append(d.flags())
        .append(d.flags() == 1 ? " finding" : " findings").append(". Calls flagged when they change by \u2265 ")
        .append(Html.num(d.options().callChangePercent())).append("% with \u2265 ").append(d.options().minCalls())
        .append(" calls on one day; ");
    if (d.errorRateTests() == 0) {
      sb.append("no edge had enough calls and errors on both days for an error-rate test.</p>\n");
    } else {
      sb.append("error rates when a chi-square test gives p &lt; ")
          .append(Html.text(Html.pValue(d.errorRateThreshold()))).append(" (\u03b1 = ")
          .append(Html.text(String.valueOf(d.options().alpha()))).append(" over ").append(d.errorRateTests())
          .append(d.errorRateTests() == 1 ? " edge" : " edges").append(" tested) and they move by \u2265 ")
          .append(Html.num(d.options().minErrorRateChangePoints())).append(" points.</p>\n");
    }
    if (d.flags() == 0) sb.append("<p>Nothing changed beyond the thresholds.</p>\n");
    sb.append("<div class=\"grid2\">\n");
    if (!d.newServices().isEmpty() || !d.vanishedServices().isEmpty()) {
      sb.append("<div><h3>Services</h3><table class=\"sortable\"><thead><tr><th>service</th><th>change</th></tr>")
          .append("</thead><tbody>");
      for (String s : d.newServices()) {
        sb.append("<tr>").append(nameCell(s)).append("<td class=\"flag-up\">new</td></tr>");
      }
      for (String s : d.vanishedServices()) {
        sb.append("<tr>").append(nameCell(s)).append("<td class=\"flag-down\">vanished</td></tr>");
      }
      sb.append("</tbody></table></div>\n");
    }
    edgeList(sb, "New edges", "new-edges", d.newEdges());
    edgeList(sb, "Vanished edges (previous day's numbers)", "vanished-edges", d.vanishedEdges());
    callVolume(sb, d);
    errorRates(sb, d);
    latency(sb, d);
    sb.append("</div>\n</section>\n");
  }

  private static void edgeList(StringBuilder sb, String title, String id, List<CallStats> edges) {
    if (edges.isEmpty()) return;
    sb.append("<div id=\"").append(id).append("\"><h3>").append(Html.text(title)).append("</h3>");
    Cells.edgeTable(sb, edges, false);
    sb.append("</div>\n");
  }

  private static void callVolume(StringBuilder sb, GraphDiff d) {
    if (d.callChanges().isEmpty()) return;
    sb.append("<div><h3>Call volume</h3><table class=\"sortable\"><thead><tr><th>caller</th><th>callee</th>")
        .append("<th class=\"n\">before</th><th class=\"n\">after</th><th class=\"n\">change</th></tr></thead><tbody>");
    for (GraphDiff.CallChange c : d.callChanges()) {
      sb.append("<tr>").append(nameCell(c.parent())).append(nameCell(c.child()))
          .append(numCell(c.callsBefore(), Html.count(c.callsBefore())))
          .append(numCell(c.callsAfter(), Html.count(c.callsAfter())))
          .append("<td class=\"n ").append(c.changePercent() > 0 ? "flag-up" : "flag-down").append("\" data-v=\"")
          .append(Html.num(c.changePercent())).append("\">").append(c.changePercent() > 0 ? "+" : "")
          .append(Html.num(c.changePercent())).append("%</td></tr>");
    }
    sb.append("</tbody></table></div>\n");
  }

  private static void errorRates(StringBuilder sb, GraphDiff d) {
    if (d.errorRateChanges().isEmpty()) return;
    sb.append("<div><h3>Error rate</h3><table class=\"sortable\"><thead><tr><th>caller</th><th>callee</th>")
        .append("<th class=\"n\">before</th><th class=\"n\">after</th><th class=\"n\">calls before / after</th>")
        .append("<th class=\"n\">p-value</th></tr></thead><tbody>");
    for (GraphDiff.ErrorRateChange c : d.errorRateChanges()) {
      boolean up = c.rateAfter() > c.rateBefore();
      sb.append("<tr>").append(nameCell(c.parent())).append(nameCell(c.child()))
          .append(numCell(c.rateBefore(), Html.percent(c.rateBefore())))
          .append("<td class=\"n ").append(up ? "flag-up" : "flag-down").append("\" data-v=\"").append(c.rateAfter())
          .append("\">").append(Html.percent(c.rateAfter())).append("</td>")
          .append("<td class=\"n\">").append(Html.count(c.callsBefore())).append(" / ")
          .append(Html.count(c.callsAfter())).append("</td>").append(numCell(c.pValue(), Html.pValue(c.pValue())))
          .append("</tr>");
    }
    sb.append("</tbody></table></div>\n");
  }

  private static void latency(StringBuilder sb, GraphDiff d) {
    boolean table = d.latencyTests() > 0 && !d.latencyRegressions().isEmpty();
    sb.append("<div id=\"latency-regressions\"").append(table ? " class=\"wide\"" : "").append("><h3>Latency</h3>");
    if (d.latencyTests() == 0) {
      sb.append("<p class=\"note\">Not compared: the output has no per-edge latency distributions for these days.</p>");
    } else {
      sb.append("<p class=\"note\">Call durations compared by a Mann-Whitney U test on ").append(d.latencyTests())
          .append(d.latencyTests() == 1 ? " edge" : " edges").append(" with enough calls on both days; flagged when p &lt; ")
          .append(Html.text(Html.pValue(d.latencyThreshold()))).append(" (\u03b1 = ")
          .append(Html.text(String.valueOf(d.options().alpha()))).append(" over the edges tested) and the median rose by \u2265 ")
          .append(Html.num(d.options().minLatencyChangePercent())).append("%.</p>");
      if (d.latencyRegressions().isEmpty()) {
        sb.append("<p class=\"note\">No significant regression.</p>");
      } else {
        sb.append("<table class=\"sortable\"><thead><tr><th>caller</th><th>callee</th><th class=\"n\">median before</th>")
            .append("<th class=\"n\">median after</th><th class=\"n\">change</th><th class=\"n\">samples before / after</th>")
            .append("<th class=\"n\">p-value</th></tr></thead><tbody>");
        for (GraphDiff.LatencyRegression r : d.latencyRegressions()) {
          double change = (r.medianAfterMicros() / Math.max(1e-9, r.medianBeforeMicros()) - 1) * 100;
          sb.append("<tr>").append(nameCell(r.parent())).append(nameCell(r.child()))
              .append(numCell(r.medianBeforeMicros(), Html.micros(r.medianBeforeMicros())))
              .append(numCell(r.medianAfterMicros(), Html.micros(r.medianAfterMicros())))
              .append("<td class=\"n flag-up\" data-v=\"").append(Html.num(change)).append("\">+")
              .append(Html.num(change)).append("%</td>")
              .append("<td class=\"n\">").append(Html.count(r.samplesBefore())).append(" / ")
              .append(Html.count(r.samplesAfter())).append("</td>")
              .append(numCell(r.pValue(), Html.pValue(r.pValue()))).append("</tr>");
        }
        sb.append("</tbody></table>");
      }
    }
    sb.append("</div>\n");
  }
}
