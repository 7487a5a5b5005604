package io.tracegraph.reports.html;

import io.tracegraph.model.CallPatterns;
import io.tracegraph.model.LinkedMessages.Count;
import io.tracegraph.model.TopTraces;
import io.tracegraph.reports.operations.OperationLink;
import io.tracegraph.reports.operations.OperationsReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The report's tables below the service level: the call patterns worth a look (most critical-path time added first)
 * and the messages received through span links. The full tables are {@code call_patterns} and
 * {@code operation_edges} under {@code OUT/tables/}.
 */
public final class OperationReportTables {
  public static final String CALL_PATTERNS = "call-patterns";
  public static final String SPAN_LINKS = "span-links";
  /** Rows shown per table. */
  public static final int MAX_ROWS = 25;

  private OperationReportTables() {}

  /** "Call patterns worth a look": N+1 loops, retries and fan-outs, most time added to the critical path first. */
  public static ReportTable callPatterns(OperationsReport report) {
    List<CallPatterns.Finding> rows = new ArrayList<>(report.patterns());
    rows.sort(Comparator.comparingLong(CallPatterns.Finding::criticalPathAddedNanos).reversed()
        .thenComparing(Comparator.comparingLong(CallPatterns.Finding::occurrences).reversed())); // stable
    List<List<Object>> cells = new ArrayList<>();
    for (CallPatterns.Finding f : rows.subList(0, Math.min(MAX_ROWS, rows.size()))) {
      List<TopTraces.Example> examples = f.examples();
      cells.add(Arrays.asList(label(f.pattern()), f.key().caller(), f.key().callerOperation(), f.key().callee(),
          f.key().calleeOperation(), f.occurrences(), f.calls(), f.maxCalls(), f.traces(),
          new ReportTable.Duration(f.criticalPathAddedNanos() / 1000.0),
          examples.isEmpty() ? null : examples.get(0).traceIdHex()));
    }
    String description = rows.isEmpty()
        ? "No N+1 loops, retries or unusually wide fan-outs in today's traces."
        : "N+1: one parent span makes the same call at least " + report.nPlusOne() + " times, one after the "
            + "other; retry: a call repeated after its previous attempt failed, or re-sent; fan-out: a parent making "
            + "the call more often than the day's 99th percentile for it. Time added: what the request waited for on "
            + "its critical path beyond a single call (for a retry: the failed attempt and the wait before it was "
            + "tried again). " + shown(cells.size(), rows.size()) + ", most time added first.";
    return new ReportTable(CALL_PATTERNS, "Call patterns worth a look", description,
        List.of("pattern", "caller", "caller operation", "callee", "callee operation", "occurrences", "calls",
            "largest", "traces", "critical path added", "example trace"), cells);
  }

  /** "Messages through span links": the via-links operation edges and what the day's links came to. */
  public static ReportTable spanLinks(OperationsReport report) {
    List<List<Object>> cells = new ArrayList<>();
    List<OperationLink> links = new ArrayList<>();
    for (OperationLink l : report.graph().links()) if (l.viaLinks()) links.add(l);
    links.sort(Comparator.comparingLong(OperationLink::calls).reversed());
    for (OperationLink l : links.subList(0, Math.min(MAX_ROWS, links.size()))) {
      cells.add(Arrays.asList(l.caller(), l.callerOperation(), l.callee(), l.calleeOperation(), l.calls(), l.errors(),
          l.gapP50Micros() == null ? null : new ReportTable.Duration(l.gapP50Micros()),
          l.gapP99Micros() == null ? null : new ReportTable.Duration(l.gapP99Micros())));
    }
    Map<Count, Long> c = report.linkCounts();
    String description = "Consumers that link to the producer spans of their messages (batch consumers, usually "
        + "in other traces): each link is one message producer \u2192 consumer through the broker. Today: "
        + Html.count(c.get(Count.LINKS)) + " links on " + Html.count(c.get(Count.SPANS_WITH_LINKS)) + " spans; "
        + Html.count(c.get(Count.MESSAGES)) + " joined to their producer; "
        + Html.count(c.get(Count.LINKS_OUTSIDE_READ_WINDOW)) + " to spans outside the read window (counted, the "
        + "broker as caller when named; " + Html.count(c.get(Count.LINKS_OUTSIDE_READ_WINDOW_WITHOUT_BROKER))
        + " without a broker, no call); " + Html.count(c.get(Count.LINKS_TO_OWN_PRODUCER))
        + " to the consumer's own producer (already in its trace); " + Html.count(c.get(Count.LINKS_TO_OTHER_KINDS))
        + " to spans that are not producers and " + Html.count(c.get(Count.LINKS_FROM_OTHER_KINDS))
        + " from spans that are not consumers (no call); " + Html.count(c.get(Count.LINKS_TO_PRODUCERS_WITHOUT_SERVICE))
        + " to producers and " + Html.count(c.get(Count.LINKS_OF_CONSUMERS_WITHOUT_SERVICE))
        + " of consumers without a service name (no call); " + Html.count(c.get(Count.LINKS_UNREADABLE))
        + " unreadable (skipped). Time in broker: consumer start minus producer end. "
        + shown(cells.size(), links.size()) + ".";
    return new ReportTable(SPAN_LINKS, "Messages through span links", description,
        List.of("producer", "producer operation", "consumer", "consumer operation", "messages", "errors",
            "time in broker p50", "p99"), cells);
  }

  private static String label(CallPatterns.Pattern p) {
    return switch (p) {
      case N_PLUS_ONE -> "N+1";
      case RETRY -> "retry";
      case FAN_OUT -> "fan-out";
    };
  }

  private static String shown(int shown, int all) {
    if (all == 0) return "None today";
    return shown == all ? "All " + all + (all == 1 ? " row" : " rows") : "The first " + shown + " of " + all + " rows";
  }
}
