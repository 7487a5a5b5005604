package io.tracegraph.jobs.report;

import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.io.DayOutput;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.Exemplar;
import io.tracegraph.model.LinkedMessages;
import io.tracegraph.model.TraceAnalyses;
import io.tracegraph.model.TraceCounter;
import io.tracegraph.model.TrafficSummary;
import io.tracegraph.reports.RunReport;
import io.tracegraph.reports.diff.DayDiff;
import io.tracegraph.reports.diff.DiffJson;
import io.tracegraph.reports.diff.DiffOptions;
import io.tracegraph.reports.diff.GraphDiff;
import io.tracegraph.reports.diff.LatencySamples;
import io.tracegraph.reports.export.DotExport;
import io.tracegraph.reports.export.GraphJson;
import io.tracegraph.reports.export.GraphmlExport;
import io.tracegraph.reports.export.MermaidExport;
import io.tracegraph.reports.graph.CallStats;
import io.tracegraph.reports.graph.GraphAnalytics;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.html.AnalysisReportTables;
import io.tracegraph.reports.html.DayReport;
import io.tracegraph.reports.html.DayReportHtml;
import io.tracegraph.reports.html.PageTraces;
import io.tracegraph.reports.html.ReportTable;
import io.tracegraph.reports.trace.TraceUrl;
import io.tracegraph.reports.operations.OperationGraphView;
import io.tracegraph.reports.operations.OperationsReport;
import io.tracegraph.reports.traffic.GraphTraffic;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the day's graph reports into the day's output, next to dependencies.json and run.json: graph.json,
 * graph.dot, graph.graphml, graph.mmd, diff.json (against the previous available day under {@code OUT/reports/})
 * and index.html; and, once the day is committed, rewrites {@code OUT/reports/index.html}. The graph is the links
 * and the services that wrote spans. For a full day ({@link #writeFull}) the edges get their latency and calls per
 * hour and the services their reach and self time ({@link GraphTraffic}), the diff compares each edge's call
 * durations with the previous day's (read back from that day's {@code edges} table, {@link PreviousTraffic}), and
 * the trace analyses become the report's error-origin, critical-path and trace-quality tables; a
 * {@code --links-only} day ({@link #writeLinksOnly}) has the links alone.
 */
public final class DayReportWriter {
  private final LocalDate date;
  private final DiffOptions diffOptions;
  private final StageLog log;
  private final TraceUrl traceUrl;

  /** @param traceUrl {@code --trace-url}, or null */
  public DayReportWriter(LocalDate date, DiffOptions diffOptions, StageLog log, TraceUrl traceUrl) {
    this.date = Objects.requireNonNull(date, "date == null");
    this.diffOptions = Objects.requireNonNull(diffOptions, "diffOptions == null");
    this.log = Objects.requireNonNull(log, "log == null");
    this.traceUrl = traceUrl;
  }

  /** Writes the reports of a {@code --links-only} day into {@code output} (staged, committed with the day). */
  public void writeLinksOnly(DayOutput output, List<DependencyLink> links, Set<String> services, RunReport run) {
    long start = System.nanoTime();
    GraphData graph = graph(date, links, services, run);
    PreviousDay previous = PreviousDay.find(output.fileSystem(), output.layout(), date, log);
    GraphDiff diff = DayDiff.compare(previous == null ? null : previous.graph(), graph, diffOptions,
        LatencySamples.NONE, LatencySamples.NONE);
    write(output, graph, diff, run, List.of(), null, PageTraces.linksOnly(traceUrl), start);
  }

  /**
   * Writes the reports of a full day into {@code output} (staged, committed with the day).
   *
   * @param spark reads the previous day's edges table for the latency test of the diff
   * @param traffic the day's traffic summary
   * @param analyses the day's trace analyses
   * @param linkCounts what the day's span links came to
   * @param exemplars the day's example traces (their trees become the page's waterfalls)
   */
  public void writeFull(SparkSession spark, DayOutput output, List<DependencyLink> links, Set<String> services,
                        RunReport run, TrafficSummary traffic, TraceAnalyses analyses,
                        Map<LinkedMessages.Count, Long> linkCounts, List<Exemplar> exemplars) {
    long start = System.nanoTime();
    GraphTraffic todayTraffic = GraphTraffic.of(traffic);
    GraphData graph = todayTraffic.enrich(graph(date, links, services, run));
    PreviousDay previous = PreviousDay.find(output.fileSystem(), output.layout(), date, log);
    LatencySamples before = LatencySamples.NONE;
    LatencySamples after = LatencySamples.NONE;
    if (previous != null && previous.graph().hasLatency()) {
      TrafficSummary previousEdges = PreviousTraffic.edges(spark, output.fileSystem(), output.layout(),
          previous.date(), log);
      if (previousEdges != null) {
        before = GraphTraffic.of(previousEdges).samples();
        after = todayTraffic.samples();
      }
    }
    GraphDiff diff = DayDiff.compare(previous == null ? null : previous.graph(), graph, diffOptions, before, after);
    OperationsReport operations = new OperationsReport(OperationGraphView.of(traffic),
        analyses.patterns().findings(), analyses.patterns().nPlusOne(), linkCounts);
    PageTraces traces = PageTraces.of(exemplars, AnalysisReportTables.shownErrorPaths(analyses.errors()),
        todayTraffic.slowestByLink(), traceUrl);
    write(output, graph, diff, run, AnalysisReportTables.of(analyses, traces), operations, traces, start);
  }

  /**
   * @param operations the operation graph, call patterns and span links of a full day; null for links only
   * @param traces the example traces the page draws and links
   */
  private void write(DayOutput output, GraphData graph, GraphDiff diff, RunReport run, List<ReportTable> tables,
                     OperationsReport operations, PageTraces traces, long start) {
    GraphAnalytics analytics = GraphAnalytics.of(graph);
    output.writeReport(OutputLayout.GRAPH_JSON, GraphJson.render(analytics, operations));
    output.writeReport(OutputLayout.GRAPH_DOT, DotExport.render(analytics.graph()));
    output.writeReport(OutputLayout.GRAPH_GRAPHML, GraphmlExport.render(analytics.graph()));
    output.writeReport(OutputLayout.GRAPH_MMD, MermaidExport.render(analytics.graph()));
    output.writeReport(OutputLayout.DIFF_JSON, DiffJson.render(diff));
    output.writeReport(OutputLayout.INDEX_HTML,
        DayReportHtml.render(new DayReport(graph, diff, run, tables, operations, traces)));
    output.afterCommit(() -> ReportsIndex.rewrite(output.fileSystem(), output.layout(), log));

    log.info(String.format(Locale.ROOT, "reports: vertices=%d edges=%d cycles=%d diff=%s latency_tested=%d (%.2f s)",
        graph.services().size(), graph.edges().size(), analytics.cycles().cycles().size(),
        diff.hasPrevious() ? diff.flags() + " findings against " + diff.previousDate() : "no earlier day",
        diff.latencyTests(), (System.nanoTime() - start) / 1e9));
  }

  /** The day's graph from what the nightly run has today: links, the services that wrote spans, the trace count. */
  static GraphData graph(LocalDate date, List<DependencyLink> links, Set<String> services, RunReport run) {
    List<CallStats> edges = new ArrayList<>(links.size());
    for (DependencyLink l : links) edges.add(CallStats.of(l.parent(), l.child(), l.callCount(), l.errorCount()));
    Long traces = run == null ? null : run.traces().get(TraceCounter.TRACES.key());
    return GraphData.of(date, traces, edges, services);
  }
}
