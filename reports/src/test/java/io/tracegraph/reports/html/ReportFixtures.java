package io.tracegraph.reports.html;

import io.tracegraph.model.CallPatterns;
import io.tracegraph.model.ConnectionType;
import io.tracegraph.model.LinkedMessages;
import io.tracegraph.model.TopTraces;
import io.tracegraph.reports.RunReport;
import io.tracegraph.reports.diff.DayDiff;
import io.tracegraph.reports.diff.DiffOptions;
import io.tracegraph.reports.diff.GraphDiff;
import io.tracegraph.reports.diff.LatencySamples;
import io.tracegraph.reports.graph.CallStats;
import io.tracegraph.reports.graph.EdgeLatency;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.graph.Graphs;
import io.tracegraph.reports.graph.HourlyCounts;
import io.tracegraph.reports.graph.NodeKind;
import io.tracegraph.reports.graph.ServiceStats;
import io.tracegraph.reports.operations.OperationGraphView;
import io.tracegraph.reports.operations.OperationLink;
import io.tracegraph.reports.operations.OperationsReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A large synthetic day for the report tests: 67 vertices in tiers (load balancer → gateway → 8 front services → 30
 * domain services → 8 shared services → 16 data stores, and loyalty), seeded so it is the same on every run, with a cycle, a
 * self-call and one service named {@code <img src=x onerror=alert(1)>}.
 */
public final class ReportFixtures {
  public static final String XSS = "<img src=x onerror=alert(1)>";

  private ReportFixtures() {}

  public static GraphData bigShop(boolean rich) {
    Random random = new Random(17);
    List<String> front = names("bff", 8);
    List<String> domain = names("svc", 29);
    domain.add(XSS);
    List<String> shared = List.of("auth", "feature-flags", "config", "rate-limiter", "audit", "geo", "i18n", "search");
    List<String> stores = new ArrayList<>(names("pg", 10));
    stores.addAll(List.of("redis", "kafka", "s3", "elasticsearch", "payment-provider", "smtp-relay"));
    Map<List<String>, long[]> edges = new java.util.LinkedHashMap<>();
    add(edges, "web-lb", "gateway", 200_000, random);
    for (String f : front) add(edges, "gateway", f, 10_000 + random.nextInt(40_000), random);
    for (String d : domain) {
      for (int k = 0; k < 1 + random.nextInt(2); k++) add(edges, front.get(random.nextInt(front.size())), d, 1_000 + random.nextInt(20_000), random);
      add(edges, d, stores.get(random.nextInt(stores.size())), 500 + random.nextInt(30_000), random);
      if (random.nextInt(3) == 0) add(edges, d, shared.get(random.nextInt(shared.size())), 300 + random.nextInt(9_000), random);
      if (random.nextInt(5) == 0) add(edges, d, domain.get(random.nextInt(domain.size())), 100 + random.nextInt(3_000), random);
    }
    for (String f : front) add(edges, f, "auth", 5_000 + random.nextInt(10_000), random);
    edges.put(List.of("svc07", "feature-flags"), new long[] {40_000, 8_000}); // 20% failing: new today
    edges.put(List.of("gateway", "loyalty"), new long[] {4_000, 12}); // new today
    add(edges, "svc03", "svc04", 800, random);
    add(edges, "svc04", "svc03", 300, random); // a cycle
    add(edges, "svc11", "svc11", 50, random); // a self-call
    for (String s : shared) add(edges, s, stores.get(random.nextInt(stores.size())), 1_000 + random.nextInt(5_000), random);

    Set<String> instrumented = new LinkedHashSet<>(List.of("gateway", "loyalty"));
    instrumented.addAll(front);
    instrumented.addAll(domain);
    instrumented.addAll(shared);
    List<CallStats> list = new ArrayList<>();
    for (var e : edges.entrySet()) {
      long calls = e.getValue()[0];
      long errors = e.getValue()[1];
      EdgeLatency latency = null;
      HourlyCounts hourly = null;
      if (rich) {
        long p50 = 300 + random.nextInt(20_000);
        latency = new EdgeLatency(p50, p50 * (3 + random.nextInt(30)));
        List<Long> hours = new ArrayList<>();
        long left = calls;
        for (int h = 0; h < 24; h++) {
          long share = h == 23 ? left : Math.round(calls * (0.5 + Math.sin((h - 6) / 24.0 * 2 * Math.PI) * 0.45) / 12);
          share = Math.min(share, left);
          hours.add(share);
          left -= share;
        }
        hourly = new HourlyCounts(hours);
      }
      list.add(new CallStats(e.getKey().get(0), e.getKey().get(1), calls, errors, latency, hourly));
    }
    GraphData data = GraphData.of(Graphs.DAY, rich ? 120_000L : null, list, instrumented);
    if (rich) {
      List<ServiceStats> stats = new ArrayList<>();
      for (String v : data.services().keySet()) {
        ServiceStats s = data.services().get(v);
        long traces = v.equals("gateway") ? 120_000 : v.equals("feature-flags") ? 90_000 : random.nextInt(60_000);
        stats.add(new ServiceStats(v, s.kind(), traces, s.kind() == NodeKind.SERVICE ? (long) random.nextInt(900_000_000) : null,
            v.equals("gateway")));
      }
      data = data.withServices(stats);
    }
    return data;
  }

  /**
   * The day before {@link #bigShop}, differing in exactly three ways: svc07 → feature-flags failed 0.1% of its calls
   * (today 20%); gateway → loyalty and the service loyalty did not exist; svc09 → legacy-billing and legacy-billing
   * existed (they vanished today).
   */
  public static GraphData previousDay(GraphData today) {
    List<CallStats> edges = new ArrayList<>();
    for (CallStats e : today.edges()) {
      if (e.child().equals("loyalty")) continue;
      long errors = e.parent().equals("svc07") && e.child().equals("feature-flags") ? e.calls() / 1000 : e.errors();
      edges.add(CallStats.of(e.parent(), e.child(), e.calls(), errors));
    }
    edges.add(CallStats.of("svc09", "legacy-billing", 900, 0));
    Set<String> instrumented = new TreeSet<>();
    today.services().forEach((n, s) -> { if (s.kind() == NodeKind.SERVICE && !n.equals("loyalty")) instrumented.add(n); });
    instrumented.add("legacy-billing");
    return GraphData.of(today.date().minusDays(1), null, edges, instrumented);
  }

  public static RunReport run() {
    Map<String, Long> dropped = new TreeMap<>(Map.of("end_before_start", 12L, "span_id_missing", 3L, "time_missing", 0L));
    Map<String, Long> repairs = new TreeMap<>(Map.of("kind_spelling", 120L, "id_upper_case", 7L));
    Map<String, Long> traces = new TreeMap<>(Map.of("traces", 120_000L, "spans", 2_400_000L, "orphans", 31L));
    return new RunReport("0.1.0", Graphs.DAY.toString(), "2026-03-03T02:30:00Z", List.of("a.parquet", "b.parquet"),
        Map.of(), 2_400_015L, dropped, repairs, traces, 120, Map.of("analyse", 12.5));
  }

  /** The edge whose calls take twice as long today in the rich fixture's latency samples. */
  public static final List<String> SLOWER = List.of("svc07", "feature-flags");

  /** 60 call durations per edge, from 500 µs up, the same every run; twice as long on {@link #SLOWER} when {@code today}. */
  static LatencySamples samples(boolean today) {
    return (parent, child) -> {
      long base = 500 + Math.floorMod((parent + "|" + child).hashCode(), 5_000);
      double factor = today && List.of(parent, child).equals(SLOWER) ? 2 : 1;
      long[] values = new long[60];
      for (int i = 0; i < values.length; i++) values[i] = Math.round((base + i * 13) * factor);
      return values;
    };
  }

  public static DayReport report(boolean rich) {
    GraphData day = bigShop(rich);
    GraphDiff diff = rich
        ? DayDiff.compare(previousDay(day), day, DiffOptions.DEFAULTS, samples(false), samples(true))
        : DayDiff.compare(previousDay(day), day, DiffOptions.DEFAULTS);
    List<ReportTable> tables = rich ? List.of(
        new ReportTable(DayReportHtml.ERROR_ORIGINS, "Error origins",
            "Where failed traces started failing, and where the error surfaced.",
            List.of("origin", "surfaced at", "traces", "example"),
            List.of(List.of("pg03", "gateway", 120L, new ReportTable.TraceRef(TraceFixtures.FAILED, "300 ms", 300_000)),
                List.of(XSS, "bff2", 7L, new ReportTable.TraceRef("00000000000000000000000000abcdef", "12 ms", 12_000)))),
        new ReportTable(DayReportHtml.CRITICAL_PATH, "Critical-path shares per entry point", "Shares.",
            List.of("entry point", "service", "entry p50", "share"),
            List.of(List.of("gateway GET /", XSS, new ReportTable.Duration(12_300), new ReportTable.Share(0.42)),
                List.of("gateway GET /", "bff01", new ReportTable.Duration(12_300), new ReportTable.Share(0.2)))),
        new ReportTable(DayReportHtml.TRACE_QUALITY, "Trace quality by service pair", "Problems.",
            List.of("caller", "callee", "propagation breaks"),
            java.util.Arrays.asList(java.util.Arrays.asList(null, XSS, 3L), List.of("bff01", XSS, 12L))))
        : List.of();
    return new DayReport(day, diff, run(), tables, rich ? operations(day) : null,
        rich ? TraceFixtures.pageTraces(null) : PageTraces.NONE);
  }

  /**
   * The rich day's operations: two or three operations per service along its edges (one of them named with
   * {@link #XSS}), a producer → consumer edge through span links, an N+1, a retry and a fan-out (one with hostile
   * names), and the day's span-link counts.
   */
  public static OperationsReport operations(GraphData day) {
    List<OperationLink> links = new ArrayList<>();
    for (CallStats e : day.edges()) {
      int h = Math.floorMod((e.parent() + e.child()).hashCode(), 3);
      String callerOp = e.parent().equals("web-lb") ? null : e.parent().equals("svc01") ? XSS : "GET /" + e.parent() + "/" + h;
      String calleeOp = "GET /" + e.child() + "/" + Math.floorMod(e.child().hashCode(), 2);
      Long p50 = e.latency() == null ? null : e.latency().p50Micros();
      Long p99 = e.latency() == null ? null : e.latency().p99Micros();
      links.add(new OperationLink(e.parent(), callerOp, e.child(), calleeOp, ConnectionType.RPC, false, e.calls(),
          e.errors(), p50, p99, null, null));
    }
    links.add(new OperationLink("svc05", "POST /orders", "svc06", "process orders", ConnectionType.MESSAGING, true,
        1_200, 3, 8_000L, 90_000L, 40_000L, 900_000L));
    List<CallPatterns.Finding> patterns = List.of(
        new CallPatterns.Finding(CallPatterns.Pattern.N_PLUS_ONE, new CallPatterns.Key("svc02", "GET /svc02/1", "pg03",
            "SELECT items"), 340, 4_080, 40, 5L, 2_000, 330, 95_000_000_000L, List.of(new TopTraces.Example(1, 2, 900_000_000L))),
        new CallPatterns.Finding(CallPatterns.Pattern.RETRY, new CallPatterns.Key("svc07", "GET /svc07/0", "feature-flags",
            "GET /feature-flags/1"), 800, 800, 3, null, 40_000, 700, 41_000_000_000L, List.of()),
        new CallPatterns.Finding(CallPatterns.Pattern.FAN_OUT, new CallPatterns.Key(XSS, XSS, "redis", XSS), 12, 600,
            80, 4L, 9_000, 12, 1_500_000_000L, List.of(new TopTraces.Example(3, 4, 200_000_000L))));
    Map<LinkedMessages.Count, Long> counts = new java.util.EnumMap<>(LinkedMessages.Count.class);
    counts.put(LinkedMessages.Count.SPANS_WITH_LINKS, 90L);
    counts.put(LinkedMessages.Count.LINKS, 1_310L);
    counts.put(LinkedMessages.Count.MESSAGES, 1_200L);
    counts.put(LinkedMessages.Count.LINKS_OUTSIDE_READ_WINDOW, 100L);
    counts.put(LinkedMessages.Count.LINKS_TO_PRODUCERS_WITHOUT_SERVICE, 7L);
    counts.put(LinkedMessages.Count.LINKS_OF_CONSUMERS_WITHOUT_SERVICE, 3L);
    return new OperationsReport(new OperationGraphView(links), patterns, 5, counts);
  }

  private static List<String> names(String prefix, int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) names.add(prefix + (i < 10 ? "0" : "") + i);
    return names;
  }

  private static void add(Map<List<String>, long[]> edges, String parent, String child, long calls, Random random) {
    double rate = switch (random.nextInt(6)) {
      case 0 -> 0;
      case 1 -> 0.0005;
      case 2 -> 0.004;
      case 3 -> 0.02;
      case 4 -> 0.0;
      default -> 0.08;
    };
    edges.putIfAbsent(List.of(parent, child), new long[] {calls, Math.round(calls * rate)});
  }
}
