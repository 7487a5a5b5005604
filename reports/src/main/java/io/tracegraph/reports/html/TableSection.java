package io.tracegraph.reports.html;

import static io.tracegraph.reports.html.Cells.nameCell;
import static io.tracegraph.reports.html.Cells.numCell;

import java.util.List;
import java.util.Locale;

/** Any {@link ReportTable} as its own section: escaped, sortable, numbers right-aligned. */
final class TableSection {
  private TableSection() {}

  static void render(StringBuilder sb, ReportTable t) {
    render(sb, t, PageTraces.NONE);
  }

  /** The table, its trace cells linked to the waterfalls of {@code traces}. */
  static void render(StringBuilder sb, ReportTable t, PageTraces traces) {
    sb.append("<section id=\"").append(t.id()).append("\">\n<h2>").append(Html.text(t.title())).append("</h2>\n");
    if (!t.description().isEmpty()) sb.append("<p class=\"note\">").append(Html.text(t.description())).append("</p>\n");
    if (t.rows().isEmpty()) {
      if (t.description().isEmpty()) sb.append("<p class=\"note\">No rows today.</p>\n");
      sb.append("</section>\n");
      return;
    }
    sb.append("<table class=\"sortable\"><thead><tr>");
    for (String c : t.columns()) sb.append("<th>").append(Html.text(c)).append("</th>");
    sb.append("</tr></thead><tbody>\n");
    for (List<Object> row : t.rows()) {
      sb.append("<tr>");
      for (Object cell : row) sb.append(cell(cell, traces));
      sb.append("</tr>\n");
    }
    sb.append("</tbody></table>\n</section>\n");
  }

  static String cell(Object cell, PageTraces traces) {
    if (cell == null) return "<td></td>";
    if (cell instanceof ReportTable.TraceRef r) {
      return "<td class=\"n\" data-v=\"" + r.sortValue() + "\">" + TraceCells.link(traces, r.traceIdHex(), r.label())
          + "</td>";
    }
    if (cell instanceof ReportTable.Share s) return numCell(s.fraction(), Html.percent(s.fraction()));
    if (cell instanceof ReportTable.Duration d) return numCell(d.micros(), Html.micros(d.micros()));
    if (cell instanceof Number n) {
      String shown = n instanceof Double || n instanceof Float
          ? String.format(Locale.ROOT, "%.4g", n.doubleValue()) : Html.count(n.longValue());
      return numCell(n.doubleValue(), shown);
    }
    return nameCell(cell.toString());
  }
}
