package io.tracegraph.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.model.Span;
import io.tracegraph.model.SpanKind;
import io.tracegraph.model.TraceAnalyses;
import io.tracegraph.model.TraceTree;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trace analyses as the report's tables: which rows, in which order, with which cells. */
class AnalysisReportTablesTest {
  static final long MS = 1_000_000;

  /**
   * Two kinds of checkout trace: 3 fail at the payments database (the error surfaces at the root), 1 succeeds; plus
   * 2 traces whose cart span lost its parent (orphans under a missing CLIENT span).
   */
  static TraceAnalyses day() {
    TraceAnalyses a = new TraceAnalyses(TraceAnalyses.Options.DEFAULT);
    for (int i = 0; i < 4; i++) {
      boolean fail = i < 3;
      a.add(0, i + 1, TraceTree.build(new java.util.ArrayList<>(List.of(
          new Span(1, 0, "frontend", "POST /checkout", SpanKind.SERVER, 0, 100 * MS, fail, null),
          new Span(2, 1, "frontend", "call payment", SpanKind.CLIENT, 10 * MS, 90 * MS, fail, null),
          new Span(3, 2, "payment", "POST /charge", SpanKind.SERVER, 12 * MS, 88 * MS, fail, null),
          new Span(4, 3, "payment", "INSERT payments", SpanKind.CLIENT, 20 * MS, 80 * MS, fail, "payments")))));
    }
    for (int i = 0; i < 2; i++) {
      a.add(0, 100 + i, TraceTree.build(new java.util.ArrayList<>(List.of(
          new Span(1, 0, "frontend", "GET /cart", SpanKind.SERVER, 0, 10 * MS, false, null),
          new Span(3, 2, "cart", "GetCart", SpanKind.SERVER, 2 * MS, 8 * MS, false, null)))));
    }
    return a;
  }

  @Test
  void errorOriginsShowWhereErrorsStartedAndSurfaced() {
    ReportTable t = AnalysisReportTables.of(day()).get(0);
    // One service boundary on the way up: payment -> frontend.
    assertEquals(DayReportHtml.ERROR_ORIGINS, t.id());
    assertEquals(1, t.rows().size(), t.rows().toString());
    assertEquals(java.util.Arrays.asList("payment", "INSERT payments", "frontend", "POST /checkout",
        "failed the request", 1L, 3L, 3L, null), t.rows().get(0), "no example without the day's exemplars");
  }

  /**
   * With the day's exemplars, the error path links its failed trace and each critical-path row its entry point's
   * typical and slowest traces: the ids the exemplars chose, labelled with their durations.
   */
  @Test
  void rowsLinkTheirExampleTraces() {
    io.tracegraph.model.DaySummary s = new io.tracegraph.model.DaySummary(
        new io.tracegraph.model.DayWindow(java.time.LocalDate.of(1970, 1, 1), java.time.Duration.ZERO));
    for (int i = 0; i < 4; i++) {
      boolean fail = i < 3;
      long slower = i * MS; // the last one, which succeeds, is the slowest
      s.addTrace(0, i + 1, TraceTree.build(0, i + 1, new java.util.ArrayList<>(List.of(
          new Span(1, 0, "frontend", "POST /checkout", SpanKind.SERVER, 0, 100 * MS + slower, fail, null),
          new Span(2, 1, "frontend", "call payment", SpanKind.CLIENT, 10 * MS, 90 * MS, fail, null),
          new Span(3, 2, "payment", "POST /charge", SpanKind.SERVER, 12 * MS, 88 * MS, fail, null),
          new Span(4, 3, "payment", "INSERT payments", SpanKind.CLIENT, 20 * MS, 80 * MS, fail, "payments")))));
    }
    List<io.tracegraph.model.Exemplar> exemplars = s.exemplars();
    PageTraces traces = PageTraces.of(exemplars, AnalysisReportTables.shownErrorPaths(s.analyses().errors()),
        java.util.Map.of(), null);
    List<ReportTable> tables = AnalysisReportTables.of(s.analyses(), traces);

    ReportTable.TraceRef failed = (ReportTable.TraceRef) tables.get(0).rows().get(0).get(8);
    io.tracegraph.model.Exemplar error = exemplars.stream()
        .filter(e -> e.kind() == io.tracegraph.model.Exemplar.Kind.ERROR_ORIGIN).findFirst().orElseThrow();
    assertEquals(error.traceId().hex(), failed.traceIdHex());
    assertTrue(traces.has(failed.traceIdHex()), "the page holds its tree");
    List<Object> row = tables.get(1).rows().get(0);
    assertEquals("00000000000000000000000000000004", ((ReportTable.TraceRef) row.get(9)).traceIdHex(), "the slowest");
    assertEquals("103.0 ms", ((ReportTable.TraceRef) row.get(9)).label());
    assertTrue(List.of(1L, 2L, 3L, 4L).contains(Long.parseLong(((ReportTable.TraceRef) row.get(8)).traceIdHex(), 16)));
  }

  @Test
  void criticalPathSharesPerEntryPointAddUp() {
    ReportTable t = AnalysisReportTables.of(day()).get(1);
    assertEquals(DayReportHtml.CRITICAL_PATH, t.id());
    double checkout = 0;
    for (List<Object> r : t.rows()) {
      if (r.get(0).equals("frontend POST /checkout")) checkout += ((ReportTable.Share) r.get(5)).fraction();
    }
    // Four operations on the checkout path (server, client, payment server, database): all of its time.
    assertEquals(1.0, checkout, 1e-9);
    assertEquals("frontend POST /checkout", t.rows().get(0).get(0), "most traces first");
    assertEquals(60.0 / 100, ((ReportTable.Share) t.rows().get(0).get(5)).fraction(), 1e-9, "the database's 60 ms");
  }

  @Test
  void traceQualityListsOnlyPairsWithProblems() {
    ReportTable t = AnalysisReportTables.of(day()).get(2);
    assertEquals(DayReportHtml.TRACE_QUALITY, t.id());
    assertTrue(t.rows().stream().allMatch(r -> r.get(0) == null && r.get(1).equals("cart")), t.rows().toString());
    assertEquals(2L, t.rows().get(0).get(5), "two orphans");
    assertEquals(2L, t.rows().get(0).get(9), "two calls into cart whose caller was lost: not drawn, not the root's");
  }
}
