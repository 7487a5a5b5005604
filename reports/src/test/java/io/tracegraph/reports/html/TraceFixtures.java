package io.tracegraph.reports.html;

import io.tracegraph.model.DaySummary;
import io.tracegraph.model.DayWindow;
import io.tracegraph.model.ErrorOrigins;
import io.tracegraph.model.Exemplar;
import io.tracegraph.model.Span;
import io.tracegraph.model.SpanKind;
import io.tracegraph.model.TopTraces;
import io.tracegraph.model.TraceTree;
import io.tracegraph.reports.graph.Graphs;
import io.tracegraph.reports.trace.TraceUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Example traces for the report tests, run through the model's {@link DaySummary} so they are real exemplars: a slow
 * request whose time goes to the payment provider, called by the service named {@code <img src=x onerror=alert(1)>};
 * a failed request whose error starts in a database three services down; and a 2,400-span export that is cut.
 */
public final class TraceFixtures {
  public static final long DAY_NANOS = Graphs.DAY.toEpochDay() * 86_400_000_000_000L;
  private static final long TEN_AM = DAY_NANOS + 10 * 3_600_000_000_000L;

  private TraceFixtures() {}

  /** The day's summary of the fixture traces (with three fast copies of the checkout, so it has a median). */
  public static DaySummary summary() {
    DaySummary s = new DaySummary(new DayWindow(Graphs.DAY, Duration.ofHours(1)));
    add(s, 0xa1, slowCheckout(0xa1, 3100));
    for (int i = 0; i < 3; i++) add(s, 0xb0 + i, slowCheckout(0xb0 + i, 200 + 10 * i));
    add(s, 0xc1, failedOrder(0xc1));
    add(s, 0xd1, bigExport(0xd1, 2400));
    return s;
  }

  public static List<Exemplar> exemplars() {
    return summary().exemplars();
  }

  /** The id of the failed fixture trace. */
  public static final String FAILED = "0000000000000077" + "00000000000000c1";
  /** The id of the slow checkout. */
  public static final String SLOW = "0000000000000077" + "00000000000000a1";
  /** The id of the big export. */
  public static final String BIG = "0000000000000077" + "00000000000000d1";

  /** The page's traces: the exemplars, and three of the big shop's edges pointing at the fixture's slowest traces. */
  public static PageTraces pageTraces(TraceUrl links) {
    DaySummary s = summary();
    List<Exemplar> exemplars = s.exemplars();
    Map<List<String>, List<TopTraces.Example>> slowest = new LinkedHashMap<>();
    slowest.put(List.of("gateway", "bff01"), examples(s, "gateway", "bff01"));
    slowest.put(List.of("svc07", "feature-flags"), examples(s, "bff02", "svc07"));
    List<ErrorOrigins.ErrorPath> paths = s.analyses().errors().pathRows().stream().map(ErrorOrigins.PathRow::path)
        .toList();
    return PageTraces.of(exemplars, paths, slowest, links);
  }

  private static List<TopTraces.Example> examples(DaySummary s, String caller, String callee) {
    List<TopTraces.Example> out = new ArrayList<>();
    s.traffic().edges().forEach((key, stats) -> {
      if (key.caller().equals(caller) && key.callee().equals(callee)) out.addAll(stats.slowest().examples());
    });
    return out;
  }

  private static void add(DaySummary s, long low, List<Span> spans) {
    s.addTrace(0x77, low, TraceTree.build(0x77, low, new ArrayList<>(spans)));
  }

  private static Span span(long trace, int n, int parent, String service, String name, SpanKind kind, long from,
                           long to, boolean error, String peer) {
    return new Span(trace << 16 | n, parent == 0 ? 0 : trace << 16 | parent, service, name, kind, TEN_AM + from * 1_000_000L,
        TEN_AM + to * 1_000_000L, error, peer);
  }

  /** gateway → bff01 → the hostile service → payment-provider, which takes most of {@code millis}. */
  static List<Span> slowCheckout(long t, long millis) {
    return List.of(
        span(t, 1, 0, "gateway", "POST /checkout", SpanKind.SERVER, 0, millis, false, "web-lb"),
        span(t, 2, 1, "gateway", "POST bff01", SpanKind.CLIENT, 5, millis - 5, false, null),
        span(t, 3, 2, "bff01", "POST /checkout", SpanKind.SERVER, 8, millis - 8, false, null),
        span(t, 4, 3, "bff01", "GET flags", SpanKind.CLIENT, 10, 20, false, "feature-flags"),
        span(t, 5, 3, "bff01", "POST charge", SpanKind.CLIENT, 22, millis - 12, false, null),
        span(t, 6, 5, ReportFixtures.XSS, "POST /charge", SpanKind.SERVER, 25, millis - 15, false, null),
        span(t, 7, 6, ReportFixtures.XSS, "POST /v1/charges <script>", SpanKind.CLIENT, 40, millis - 40, false,
            "payment-provider"));
  }

  /** gateway → bff02 → svc07 → pg03: the database call fails, and the error surfaces at the gateway. */
  static List<Span> failedOrder(long t) {
    return List.of(
        span(t, 1, 0, "gateway", "POST /orders", SpanKind.SERVER, 0, 300, true, null),
        span(t, 2, 1, "gateway", "POST bff02", SpanKind.CLIENT, 5, 290, true, null),
        span(t, 3, 2, "bff02", "POST /orders", SpanKind.SERVER, 10, 280, true, null),
        span(t, 4, 3, "bff02", "POST svc07", SpanKind.CLIENT, 15, 270, true, null),
        span(t, 5, 4, "svc07", "POST /orders", SpanKind.SERVER, 20, 260, true, null),
        span(t, 6, 5, "svc07", "INSERT orders", SpanKind.CLIENT, 30, 250, true, "pg03"));
  }

  /** One export request fanning out to {@code spans - 1} chunk reads in 40 services: cut in the report. */
  static List<Span> bigExport(long t, int spans) {
    List<Span> all = new ArrayList<>();
    all.add(span(t, 1, 0, "gateway", "GET /export", SpanKind.SERVER, 0, 9000, false, null));
    for (int i = 2; i <= spans; i++) {
      int parent = i <= 41 ? 1 : 2 + (i - 42) % 40;
      long from = (i * 37L) % 8000;
      all.add(span(t, i, parent, "svc" + (i % 40 < 10 ? "0" : "") + (i % 40), "read chunk", SpanKind.INTERNAL,
          parent == 1 ? 1 : from, parent == 1 ? 8990 : from + 50, false, null));
    }
    return all;
  }
}
