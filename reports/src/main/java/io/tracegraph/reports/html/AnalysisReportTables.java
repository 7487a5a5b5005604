package io.tracegraph.reports.html;

import io.tracegraph.model.CriticalPathStats;
import io.tracegraph.model.ErrorOrigins;
import io.tracegraph.model.TraceAnalyses;
import io.tracegraph.model.TraceQuality;
import io.tracegraph.model.TraceQuality.Measure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace analyses (error origins, critical paths, trace quality) as the report's tables: the rows people read
 * first, in the order that matters (most traces, biggest share, most problems), capped so the page stays short. The
 * full tables are the Parquet ones under {@code OUT/tables/}.
 */
public final class AnalysisReportTables {
  /** Rows shown per table. */
  public static final int MAX_ROWS = 25;
  /** Operations shown per entry point in the critical-path table. */
  public static final int OPERATIONS_PER_ENTRY = 5;

  private AnalysisReportTables() {}

  /** The three tables, in page order. */
  public static List<ReportTable> of(TraceAnalyses analyses) {
    return List.of(errorOrigins(analyses.errors()), criticalPath(analyses.criticalPaths()),
        traceQuality(analyses.quality()));
  }

  static ReportTable errorOrigins(ErrorOrigins errors) {
    List<ErrorOrigins.PathRow> rows = new ArrayList<>(errors.pathRows());
    rows.sort(Comparator.comparingLong(ErrorOrigins.PathRow::traces).reversed()); // stable: ties keep table order
    List<List<Object>> cells = new ArrayList<>();
    for (ErrorOrigins.PathRow r : rows.subList(0, Math.min(MAX_ROWS, rows.size()))) {
      ErrorOrigins.ErrorPath p = r.path();
      cells.add(List.of(p.originService(), p.originOperation(), p.surfacedService(), p.surfacedOperation(),
          p.reachedRoot() ? "failed the request" : "handled", (long) p.hops(), r.traces(), r.origins()));
    }
    return new ReportTable(DayReportHtml.ERROR_ORIGINS, "Error origins",
        "Where failed traces started failing (the deepest failing span) and where the error surfaced (the highest "
            + "failing span above it): " + shown(cells.size(), rows.size()) + (rows.isEmpty() ? "." : ", most traces first."),
        List.of("origin service", "origin operation", "surfaced at", "surfaced operation", "outcome", "hops",
            "traces", "origins"), cells);
  }

  static ReportTable criticalPath(CriticalPathStats stats) {
    Map<CriticalPathStats.Operation, List<CriticalPathStats.Row>> byEntry = new LinkedHashMap<>();
    for (CriticalPathStats.Row r : stats.rows()) {
      if (r.entry() != null) byEntry.computeIfAbsent(r.entry(), e -> new ArrayList<>()).add(r);
    }
    List<Map.Entry<CriticalPathStats.Operation, List<CriticalPathStats.Row>>> entries = new ArrayList<>(byEntry.entrySet());
    entries.sort(Comparator.comparingLong(
        (Map.Entry<CriticalPathStats.Operation, List<CriticalPathStats.Row>> e) -> -e.getValue().get(0).entryTraces()));
    List<List<Object>> cells = new ArrayList<>();
    for (var e : entries) {
      List<CriticalPathStats.Row> ops = new ArrayList<>(e.getValue());
      ops.sort(Comparator.comparingDouble(CriticalPathStats.Row::shareAll).reversed());
      for (CriticalPathStats.Row r : ops.subList(0, Math.min(OPERATIONS_PER_ENTRY, ops.size()))) {
        cells.add(java.util.Arrays.asList(e.getKey().service() + " " + e.getKey().name(), r.entryTraces(),
            new ReportTable.Duration(r.entryP50Nanos() / 1000.0), r.operation().service(), r.operation().name(),
            new ReportTable.Share(r.shareAll()), new ReportTable.Share(r.shareFastest50()),
            new ReportTable.Share(r.shareSlowest5())));
      }
    }
    return new ReportTable(DayReportHtml.CRITICAL_PATH, "Critical-path shares per entry point",
        "Where each kind of request spends the time it is waited on: the " + OPERATIONS_PER_ENTRY
            + " operations with the largest share of the critical path per entry point, over all its traces, its "
            + "fastest half and its slowest 5%.",
        List.of("entry point", "traces", "entry p50", "service", "operation", "share", "fastest 50%", "slowest 5%"),
        cells);
  }

  static ReportTable traceQuality(TraceQuality quality) {
    List<TraceQuality.PairRow> rows = new ArrayList<>();
    for (TraceQuality.PairRow r : quality.rows()) if (problems(r) > 0) rows.add(r);
    // Broken traces first (they hide whole subtrees), then everything else.
    rows.sort(Comparator.comparingLong((TraceQuality.PairRow r) -> -r.get(Measure.PROPAGATION_BREAKS))
        .thenComparingLong(r -> -problems(r)));
    List<List<Object>> cells = new ArrayList<>();
    for (TraceQuality.PairRow r : rows.subList(0, Math.min(MAX_ROWS, rows.size()))) {
      cells.add(java.util.Arrays.asList(r.pair().caller(), r.pair().callee(), r.get(Measure.SPANS),
          r.get(Measure.PROPAGATION_BREAKS), r.get(Measure.CLIENTS_WITHOUT_SERVER_NO_PEER),
          r.get(Measure.ORPHAN_SPANS), r.get(Measure.TRACES_WITHOUT_ROOT) + r.get(Measure.TRACES_WITH_SEVERAL_ROOTS),
          r.get(Measure.DUPLICATE_ROWS), r.get(Measure.SKEW_ADJUSTED_SPANS),
          r.get(Measure.CALLS_WITH_LOST_CALLER) + r.get(Measure.CALLS_WITHOUT_SERVICE)));
    }
    return new ReportTable(DayReportHtml.TRACE_QUALITY, "Trace quality by service pair",
        "Instrumentation problems per (caller, callee) pair, most propagation breaks first, then most problems: traces broken between two instrumented "
            + "services, CLIENT spans naming no peer, orphans, traces without a single root, duplicate rows, clock "
            + "skew corrected, calls not drawn (their caller was lost, or a side has no service name; an empty "
            + "caller: spans without a parent in the trace, an empty callee: a CLIENT naming no peer or spans "
            + "without a service name): " + shown(cells.size(),
            rows.size()) + ".",
        List.of("caller", "callee", "spans", "propagation breaks", "clients naming no peer", "orphans",
            "traces without one root", "duplicate rows", "skew-adjusted spans", "calls not drawn"), cells);
  }

  /** Everything wrong on one pair (the well-formed counts, spans and traces, left out). */
  static long problems(TraceQuality.PairRow r) {
    return r.get(Measure.PROPAGATION_BREAKS) + r.get(Measure.CLIENTS_WITHOUT_SERVER_NO_PEER)
        + r.get(Measure.ORPHAN_SPANS) + r.get(Measure.TRACES_WITHOUT_ROOT) + r.get(Measure.TRACES_WITH_SEVERAL_ROOTS)
        + r.get(Measure.DUPLICATE_ROWS) + r.get(Measure.SPANS_WITHOUT_SERVICE) + r.get(Measure.SKEW_ADJUSTED_SPANS)
        + r.get(Measure.SKEW_NOT_APPLIED) + r.get(Measure.CALLS_WITH_LOST_CALLER) + r.get(Measure.CALLS_WITHOUT_SERVICE);
  }

  private static String shown(int shown, int all) {
    if (all == 0) return "none today";
    return shown == all ? "all " + all + (all == 1 ? " row" : " rows") : "the first " + shown + " of " + all + " rows";
  }
}
