package io.tracegraph.reports.html;

import static io.tracegraph.reports.html.Cells.row;

import io.tracegraph.reports.RunReport;

/** "The run's own record": what the nightly run read, dropped and repaired (timings stay in run.json). */
final class RunSection {
  private RunSection() {}

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
    row(sb, "rows read", Html.count(r.rowsRead()));
    row(sb, "rows dropped", Html.count(r.rowsDroppedTotal()) + " (" + Html.percent(r.rowsRead() == 0 ? 0
        : r.rowsDroppedTotal() / (double) r.rowsRead()) + ")");
    r.traces().forEach((k, v) -> row(sb, k.replace('_', ' '), Html.count(v)));
    row(sb, "dependency links", Html.count(r.links()));
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
    sb.append("</section>\n");
  }
}
