package io.tracegraph.reports.html;

import static io.tracegraph.reports.html.Cells.row;

import io.tracegraph.reports.MissingColumn;
import io.tracegraph.reports.RunReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** "The run's own record": what the nightly run read, dropped and repaired (timings stay in run.json). */
final class RunSection {
  private RunSection() {}

  /**
   * What the graph leaves out on purpose, so nothing disappears silently: calls whose caller was lost or whose side
   * has no service name, and spans read without one (run.json → trace_quality; absent with --links-only).
   */
  private static final Map<String, String> NOT_DRAWN = new LinkedHashMap<>();

  static {
    NOT_DRAWN.put("calls_with_lost_caller", "calls with a lost caller (not drawn)");
    NOT_DRAWN.put("calls_without_service", "calls without a service name (not drawn)");
    NOT_DRAWN.put("spans_without_service", "spans without a service name");
  }

  private static void unlinkedCalls(StringBuilder sb, RunReport r) {
    if (!(r.sections().get("trace_quality") instanceof Map<?, ?> quality)) return;
    NOT_DRAWN.forEach((key, label) -> {
      if (quality.get(key) instanceof Number n) row(sb, label, Html.count(n.longValue()));
    });
  }

  static void render(StringBuilder sb, RunReport r) {
    sb.append("<section id=\"run\">\n<h2>The run's own record</h2>\n");
    if (r == null) {
      sb.append("<p class=\"note\">No run record.</p>\n</section>\n");
      return;
    }
    sb.append("<p class=\"note\">What the nightly run read, dropped and repaired (timings are in run.json). Version ")
        .append(Html.text(r.tracegraphVersion())).append(".</p>\n<div class=\"grid2\">\n<div><table>");
    row(sb, "input files", Html.count(r.inputFiles().size()));
    row(sb, "files skipped as unreadable", Html.count(r.skippedFiles().size()));
    row(sb, "optional input columns missing", Html.count(r.inputColumnsMissing().size()));
    row(sb, "rows read", Html.count(r.rowsRead()));
    row(sb, "rows dropped", Html.count(r.rowsDroppedTotal()) + " (" + Html.percent(r.rowsRead() == 0 ? 0
        : r.rowsDroppedTotal() / (double) r.rowsRead()) + ")");
    r.traces().forEach((k, v) -> row(sb, k.replace('_', ' '), Html.count(v)));
    row(sb, "dependency links", Html.count(r.links()));
    unlinkedCalls(sb, r);
    sb.append("</table></div>\n<div><h3>Dropped rows by reason</h3><table>");
    r.rowsDropped().forEach((k, v) -> row(sb, k.replace('_', ' '), Html.count(v)));
    sb.append("</table><h3>Repairs</h3><table>");
    r.repairs().forEach((k, v) -> row(sb, k.replace('_', ' '), Html.count(v)));
    sb.append("</table></div>\n</div>\n");
    if (!r.skippedFiles().isEmpty()) {
      sb.append("<h3>Skipped files</h3><ul>");
      r.skippedFiles().forEach((f, why) -> sb.append("<li>").append(Html.text(f)).append(": ").append(Html.text(why))
          .append("</li>"));
      sb.append("</ul>\n");
    }
    if (!r.inputColumnsMissing().isEmpty()) {
      sb.append("<h3>Optional input columns missing</h3><ul>");
      for (MissingColumn c : r.inputColumnsMissing()) {
        sb.append("<li><code>").append(Html.text(c.column())).append("</code> absent from ")
            .append(Html.count(c.files().size())).append(" of ").append(Html.count(r.inputFiles().size()))
            .append(" input files: not computed for their rows: ").append(Html.text(c.cannotCompute()))
            .append("</li>");
      }
      sb.append("</ul>\n");
    }
    sb.append("</section>\n");
  }
}
