package io.tracegraph.reports.html;

import io.tracegraph.model.TopTraces;
import io.tracegraph.reports.Json;
import io.tracegraph.reports.graph.CallEdge;
import io.tracegraph.reports.graph.GraphAnalytics;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.trace.WaterfallData;
import io.tracegraph.reports.operations.OperationsReport;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code reports/D/index.html}: the day's report as one self-contained page (inline CSS and script, no request to
 * anything, opens from disk). A Content-Security-Policy allows only this page's own style and script (by hash), so
 * even a name that slipped through escaping could not run code or load anything. Sections, each rendered by its own
 * class: changes since the previous day, the graph, hot spots, call patterns worth a look, services, operations by
 * service, cycles, further tables (error origins, critical path, trace quality), example traces with their
 * waterfalls, messages through span links, calls per hour, and the run's own record; a section whose data the day
 * does not have is left out and named at the bottom. Deterministic: the same report data gives the same bytes.
 */
public final class DayReportHtml {
  /** Table ids of other jobs' tables the report knows by name (to say when they are missing). */
  public static final String ERROR_ORIGINS = "error-origins";
  public static final String CRITICAL_PATH = "critical-path";
  public static final String TRACE_QUALITY = "trace-quality";

  private static final String CSS = Html.resource("report.css");
  private static final String JS = Html.resource("report.js");

  private DayReportHtml() {}

  /** The Content-Security-Policy of every report page. */
  static String csp() {
    return "default-src 'none'; style-src " + Html.cspHash(CSS) + "; script-src " + Html.cspHash(JS)
        + "; img-src 'none'; base-uri 'none'; form-action 'none'";
  }

  static String head(String title) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp() + "\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + Html.text(title) + "</title>\n<style>" + CSS + "</style>\n</head>\n";
  }

  static String script() {
    return "<script>" + JS + "</script>\n";
  }

  public static String render(DayReport report) {
    GraphData data = report.graph();
    GraphAnalytics analytics = GraphAnalytics.of(data);
    GraphSvg svg = new GraphSvg(analytics);
    List<String> missing = new ArrayList<>();
    StringBuilder sb = new StringBuilder(head("tracegraph \u00b7 " + data.date()));
    sb.append("<body>\n<header>\n<h1>Service graph of ").append(data.date()).append("</h1>\n<nav>")
        .append("<a href=\"../index.html\">All days</a>")
        .append("<a href=\"#changes\">Changes</a><a href=\"#graph-section\">Graph</a><a href=\"#hotspots\">Hot spots</a>")
        .append("<a href=\"#services\">Services</a>");
    OperationsReport operations = report.operations();
    if (operations != null) {
      sb.append("<a href=\"#").append(OperationReportTables.CALL_PATTERNS).append("\">Call patterns</a>")
          .append("<a href=\"#operations\">Operations</a>");
    }
    sb.append("<a href=\"#cycles\">Cycles</a>");
    for (ReportTable t : report.tables()) {
      sb.append("<a href=\"#").append(t.id()).append("\">").append(Html.text(shortTitle(t))).append("</a>");
    }
    if (!report.traces().isEmpty()) sb.append("<a href=\"#").append(ExemplarsSection.ID).append("\">Traces</a>");
    if (data.hasHourlyCalls()) sb.append("<a href=\"#hourly\">Per hour</a>");
    sb.append("<a href=\"#run\">Run</a> <span class=\"muted\">Files:</span>");
    for (String f : List.of("graph.json", "graph.dot", "graph.graphml", "graph.mmd", "dependencies.json", "diff.json",
        "run.json")) {
      sb.append("<a href=\"").append(f).append("\">").append(f).append("</a>");
    }
    sb.append("</nav>\n");
    CardsSection.render(sb, report, analytics);
    sb.append("</header>\n<main>\n");
    ChangesSection.render(sb, report.diff());
    GraphSection.render(sb, svg, data.hasLatency());
    HotSpotsSection.render(sb, analytics, report.traces(), missing);
    if (operations != null) TableSection.render(sb, OperationReportTables.callPatterns(operations));
    ServicesSection.render(sb, analytics, missing);
    if (operations != null) {
      OperationsSection.render(sb, operations.graph());
    } else {
      missing.add("operations by service and call patterns (need the traffic tables)");
    }
    CyclesSection.render(sb, analytics);
    for (ReportTable t : report.tables()) TableSection.render(sb, t, report.traces());
    if (!report.traces().isEmpty()) ExemplarsSection.render(sb, report.traces());
    else missing.add("example traces (need the trace analyses)");
    if (operations != null && operations.links() > 0) {
      TableSection.render(sb, OperationReportTables.spanLinks(operations));
    }
    for (String[] known : new String[][] {{ERROR_ORIGINS, "error origins (origin vs where it surfaced)"},
        {CRITICAL_PATH, "critical-path shares per entry point"}, {TRACE_QUALITY, "trace quality by service pair"}}) {
      if (report.tables().stream().noneMatch(t -> t.id().equals(known[0]))) missing.add(known[1]);
    }
    HourlySection.render(sb, data, missing);
    RunSection.render(sb, report.run());
    sb.append("</main>\n<footer>");
    if (!missing.isEmpty()) {
      sb.append("Not in this report (the day's output has no such table): ")
          .append(Html.text(String.join("; ", missing))).append(".<br>");
    }
    sb.append("Generated by tracegraph from ").append(Html.text(data.date().toString()))
        .append("'s nightly output. Click a service or an edge for its numbers; type a name to focus on it.</footer>\n");
    sb.append("<script type=\"application/json\" id=\"graph-data\">").append(Html.scriptJson(PageData.json(analytics)))
        .append("</script>\n");
    if (!report.traces().isEmpty() || report.traces().links() != null) {
      sb.append("<script type=\"application/json\" id=\"trace-data\">")
          .append(Html.scriptJson(Json.compact(WaterfallData.block(report.traces().trees(), report.traces().links(),
              null, edgeTraces(analytics, report.traces())))))
          .append("</script>\n");
    }
    sb.append(script()).append("</body>\n</html>\n");
    return sb.toString();
  }

  /** Per edge of the graph (in its order), the traces of its slowest calls as {@code [id, nanos]}, slowest first. */
  private static List<List<List<Object>>> edgeTraces(GraphAnalytics analytics, PageTraces traces) {
    List<List<List<Object>>> edges = new ArrayList<>();
    for (CallEdge e : analytics.graph().edges()) {
      List<List<Object>> slowest = new ArrayList<>();
      for (TopTraces.Example x : traces.slowest(e.parent(), e.child())) slowest.add(List.of(x.traceIdHex(), x.value()));
      edges.add(slowest);
    }
    return edges;
  }

  /** The short nav label of a table. */
  private static String shortTitle(ReportTable t) {
    return switch (t.id()) {
      case ERROR_ORIGINS -> "Errors";
      case CRITICAL_PATH -> "Critical path";
      case TRACE_QUALITY -> "Quality";
      default -> t.title();
    };
  }
}
