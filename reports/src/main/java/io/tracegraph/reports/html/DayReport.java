package io.tracegraph.reports.html;

import io.tracegraph.reports.RunReport;
import io.tracegraph.reports.diff.GraphDiff;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.operations.OperationsReport;
import java.util.List;
import java.util.Objects;

/**
 * Everything the day's HTML report shows: the graph with whatever statistics exist, the diff against the previous
 * day, the run's own record, and further tables from other jobs. Only the graph is required; each other part is
 * shown when present.
 *
 * @param graph the day's graph
 * @param diff the day-over-day diff, or {@code null}
 * @param run the nightly run's record (run.json), or {@code null}
 * @param tables further tables (error origins, critical path, trace quality), rendered in the order given
 * @param operations the operation graph, call patterns and span links, or {@code null} (a links-only day)
 * @param traces the example traces the page draws and links ({@link PageTraces#NONE} without the trace analyses)
 */
public record DayReport(GraphData graph, GraphDiff diff, RunReport run, List<ReportTable> tables,
                        OperationsReport operations, PageTraces traces) {
  public DayReport {
    Objects.requireNonNull(graph, "graph == null");
    Objects.requireNonNull(traces, "traces == null");
    tables = List.copyOf(tables);
  }

  /** A report without operations or example traces. */
  public DayReport(GraphData graph, GraphDiff diff, RunReport run, List<ReportTable> tables) {
    this(graph, diff, run, tables, null, PageTraces.NONE);
  }

  /** A report without example traces. */
  public DayReport(GraphData graph, GraphDiff diff, RunReport run, List<ReportTable> tables,
                   OperationsReport operations) {
    this(graph, diff, run, tables, operations, PageTraces.NONE);
  }
}
