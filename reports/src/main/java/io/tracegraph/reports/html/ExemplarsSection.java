package io.tracegraph.reports.html;

import static io.tracegraph.reports.html.Cells.nameCell;
import static io.tracegraph.reports.html.Cells.textCell;

import io.tracegraph.model.CompactTrace;
import io.tracegraph.model.EntryPointKey;
import io.tracegraph.model.Exemplar;
import io.tracegraph.reports.trace.TraceStory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Example traces": per entry point a typical trace (the one near its median) and its slowest, with the sentence
 * that says where their time went, and the panel where any trace link of the page draws its waterfall (the script
 * renders it from the {@code trace-data} block).
 */
final class ExemplarsSection {
  static final String ID = "traces";

  private ExemplarsSection() {}

  static void render(StringBuilder sb, PageTraces traces) {
    sb.append("<section id=\"").append(ID).append("\">\n<h2>Example traces</h2>\n<p class=\"note\">Whole traces kept "
        + "from the day: per entry point a typical trace (nearest its median) and its slowest; one failed trace per "
        + "error path (in <a href=\"#error-origins\">Error origins</a>); the slowest calls of each edge (in <a "
        + "href=\"#slowest-edges\">Hot spots</a> and an edge's panel in the graph). Click one to draw its waterfall: "
        + "the critical path in strong bars, the error origin and where it surfaced marked. Traces of more than ")
        .append(Html.count(CompactTrace.REPORT_SPAN_LIMIT)).append(" spans are cut, and say so.</p>\n");
    List<Exemplar> entries = traces.entries();
    if (!entries.isEmpty()) {
      sb.append("<table class=\"sortable\"><thead><tr><th>entry point</th><th class=\"n\">typical</th>"
          + "<th>where the time went</th><th class=\"n\">slowest</th><th>where the time went</th></tr></thead><tbody>\n");
      Map<EntryPointKey, Exemplar[]> byEntry = new LinkedHashMap<>(); // {typical, slowest}
      for (Exemplar e : entries) {
        byEntry.computeIfAbsent(e.entry(), k -> new Exemplar[2])[e.kind() == Exemplar.Kind.ENTRY_P50 ? 0 : 1] = e;
      }
      byEntry.forEach((entry, pair) -> {
        sb.append("<tr>").append(nameCell(entry.service() + " " + entry.operation()));
        for (Exemplar e : pair) {
          sb.append(e == null ? "<td></td><td></td>" : TableSection.cell(AnalysisReportTables.traceRef(e), traces)
              + textCell(TraceStory.dominant(e.trace(), Html::shown)));
        }
        sb.append("</tr>\n");
      });
      sb.append("</tbody></table>\n");
    }
    sb.append("<div id=\"waterfall\" class=\"waterfall\" hidden></div>\n</section>\n");
  }
}
