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
    assertEquals(List.of("payment", "INSERT payments", "frontend", "POST /checkout", "failed the request", 1L, 3L, 3L),
        t.rows().get(0));
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
