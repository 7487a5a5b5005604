package io.tracegraph.model;

import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.INTERNAL;
import static io.tracegraph.model.SpanKind.SERVER;
import static io.tracegraph.model.TestTraces.span;
import static io.tracegraph.model.TestTraces.spanId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.model.TraceQuality.Measure;
import io.tracegraph.model.TraceQuality.Pair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Trace quality per service pair: each imperfection attributed where a team can fix it. */
class TraceQualityTest {
  private static TraceQuality quality(List<List<Span>> traces) {
    TraceQuality q = new TraceQuality();
    for (List<Span> spans : traces) q.add(ClockSkewAdjuster.withDefaults().adjust(TraceTree.build(new ArrayList<>(spans))));
    return q;
  }

  private static Map<Pair, TraceQuality.PairRow> byPair(TraceQuality q) {
    Map<Pair, TraceQuality.PairRow> rows = new HashMap<>();
    for (TraceQuality.PairRow r : q.rows()) rows.put(r.pair(), r);
    return rows;
  }

  /**
   * frontend calls catalog (recorded), recommendation (its callee lost the context: no server span), a database
   * (uninstrumented, expected) and something it does not name; recommendation is instrumented elsewhere today.
   */
  @Test
  void clientsWithoutServerAreSplitIntoExpectedBrokenAndUnnamed() {
    List<Span> trace = List.of(
        span(spanId(1, 1), 0, SERVER, "frontend", 0, 500),
        span(spanId(1, 2), spanId(1, 1), CLIENT, "frontend", 10, 100, "catalog", false),
        span(spanId(1, 3), spanId(1, 2), SERVER, "catalog", 20, 80),
        span(spanId(1, 4), spanId(1, 1), CLIENT, "frontend", 120, 100, "recommendation", false),
        span(spanId(1, 5), spanId(1, 1), CLIENT, "frontend", 230, 50, "products-db", false),
        span(spanId(1, 6), spanId(1, 1), CLIENT, "frontend", 300, 50),
        span(spanId(1, 7), spanId(1, 1), CLIENT, "frontend", 360, 50, "catalog", false),
        span(spanId(1, 8), spanId(1, 7), INTERNAL, "frontend", 361, 5)); // a DNS lookup, no callee below
    List<Span> elsewhere = List.of(span(spanId(2, 1), 0, SERVER, "recommendation", 0, 10));
    Map<Pair, TraceQuality.PairRow> rows = byPair(quality(List.of(trace, elsewhere)));

    TraceQuality.PairRow db = rows.get(new Pair("frontend", "products-db"));
    assertEquals(1, db.get(Measure.CLIENTS_WITHOUT_SERVER_PEER_NAMED));
    assertEquals(0, db.get(Measure.PROPAGATION_BREAKS), "an uninstrumented database is expected");
    TraceQuality.PairRow rec = rows.get(new Pair("frontend", "recommendation"));
    assertEquals(1, rec.get(Measure.PROPAGATION_BREAKS));
    TraceQuality.PairRow catalog = rows.get(new Pair("frontend", "catalog"));
    assertEquals(1, catalog.get(Measure.SPANS), "catalog's SERVER under frontend's CLIENT");
    assertEquals(1, catalog.get(Measure.PROPAGATION_BREAKS), "the second call, with only a DNS span below");
    assertEquals(1, rows.get(new Pair("frontend", null)).get(Measure.CLIENTS_WITHOUT_SERVER_NO_PEER));
    assertEquals(6, rows.get(new Pair("frontend", "frontend")).get(Measure.SPANS));
    assertEquals(1, rows.get(new Pair(null, "frontend")).get(Measure.ROOT_SPANS));
  }

  /** Orphans, lost roots, split traces, duplicates and missing service names, each on the pair that shows it. */
  @Test
  void structuralImperfectionsAreAttributed() {
    List<Span> orphan = List.of(
        span(spanId(3, 1), 0, SERVER, "frontend", 0, 500),
        span(spanId(3, 2), spanId(3, 9) /* lost */, SERVER, "cart", 10, 100),
        span(spanId(3, 3), spanId(3, 2), CLIENT, "cart", 20, 10, "redis", false),
        span(spanId(3, 3), spanId(3, 2), CLIENT, "cart", 20, 10, "redis", false)); // the same row twice
    List<Span> headless = List.of(
        span(spanId(4, 2), spanId(4, 1) /* lost */, SERVER, "checkout", 10, 100),
        span(spanId(4, 3), spanId(4, 1) /* lost */, SERVER, "cart", 5, 100));
    List<Span> split = List.of(
        span(spanId(5, 1), 0, SERVER, "search", 50, 100),
        span(spanId(5, 2), 0, SERVER, Span.NO_SERVICE, 10, 100));
    TraceQuality q = quality(List.of(orphan, headless, split));
    Map<Pair, TraceQuality.PairRow> rows = byPair(q);

    // The orphan cart server hangs under frontend in the tree, but its caller is unknown: one per trace.
    assertEquals(2, rows.get(new Pair(null, "cart")).get(Measure.ORPHAN_SPANS));
    assertEquals(2, rows.get(new Pair(null, "cart")).get(Measure.TRACES));
    assertEquals(1, rows.get(new Pair("cart", "cart")).get(Measure.DUPLICATE_ROWS));
    assertEquals(1, rows.get(new Pair(null, "cart")).get(Measure.TRACES_WITHOUT_ROOT),
        "a headless trace is attributed to its earliest top-level span");
    assertEquals(1, rows.get(new Pair(null, null)).get(Measure.TRACES_WITH_SEVERAL_ROOTS),
        "a split trace is attributed to its earliest root, here one without a service name (callee null)");
    assertEquals(1, rows.get(new Pair(null, null)).get(Measure.SPANS_WITHOUT_SERVICE));

    Map<String, Object> totals = q.totals();
    assertEquals(3L, totals.get("traces"));
    assertEquals(7L, totals.get("spans"));
    assertEquals(3L, totals.get("orphan_spans"));
    assertEquals(3L, totals.get("root_spans"));
  }

  /** Skew adjustments land on the (parent service, child service) pair, with their mean and largest shift. */
  @Test
  void skewAdjustmentsPerPair() {
    List<List<Span>> traces = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      traces.add(List.of(
          span(spanId(10 + i, 1), 0, SERVER, "checkout", 0, 300),
          span(spanId(10 + i, 2), spanId(10 + i, 1), CLIENT, "checkout", 10, 100),
          span(spanId(10 + i, 3), spanId(10 + i, 2), SERVER, "inventory", 215 + 100L * i, 90)));
    }
    TraceQuality.PairRow row = byPair(quality(traces)).get(new Pair("checkout", "inventory"));
    assertEquals(3, row.get(Measure.SKEW_ADJUSTED_SPANS));
    // Centred at 15 ms: shifted back by 200, 300 and 400 ms.
    assertEquals(-900_000_000L, row.get(Measure.SKEW_SHIFT_NANOS_TOTAL));
    assertEquals(400_000_000L, row.get(Measure.SKEW_MAX_ABS_SHIFT_NANOS));
  }

  /** Size and depth distributions in power-of-two buckets. */
  @Test
  void sizeAndDepthDistributions() {
    List<List<Span>> traces = new ArrayList<>();
    for (int n : new int[] {1, 2, 3, 5}) {
      List<Span> chain = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        chain.add(span(spanId(20 + n, i + 1), i == 0 ? 0 : spanId(20 + n, i), INTERNAL, "s", i, 100 - 2L * i));
      }
      traces.add(chain);
    }
    TraceQuality q = quality(traces);
    assertEquals(List.of(
        new TraceQuality.ShapeBucket("spans", 1, 1, 1), new TraceQuality.ShapeBucket("spans", 2, 3, 2),
        new TraceQuality.ShapeBucket("spans", 4, 7, 1),
        new TraceQuality.ShapeBucket("depth", 1, 1, 1), new TraceQuality.ShapeBucket("depth", 2, 3, 2),
        new TraceQuality.ShapeBucket("depth", 4, 7, 1)), q.shapeRows());
    @SuppressWarnings("unchecked")
    Map<String, Object> depth = (Map<String, Object>) q.totals().get("trace_depth");
    assertEquals(5L, depth.get("max"));
  }

  /** Merging partial accumulators gives the rows of the whole. */
  @Test
  void mergeEqualsWhole() {
    List<RandomTraces.GeneratedTrace> traces = RandomTraces.generate(9, 300);
    TraceQuality whole = new TraceQuality();
    TraceQuality a = new TraceQuality();
    TraceQuality b = new TraceQuality();
    for (int i = 0; i < traces.size(); i++) {
      AdjustedTrace t = ClockSkewAdjuster.withDefaults().adjust(TraceTree.build(new ArrayList<>(traces.get(i).spans())));
      whole.add(t);
      (i % 2 == 0 ? a : b).add(t);
    }
    TraceQuality merged = new TraceQuality().merge(b).merge(a);
    assertEquals(whole.totals(), merged.totals());
    assertEquals(whole.shapeRows(), merged.shapeRows());
    List<TraceQuality.PairRow> x = whole.rows();
    List<TraceQuality.PairRow> y = merged.rows();
    assertEquals(x.size(), y.size());
    for (int i = 0; i < x.size(); i++) {
      assertEquals(x.get(i).pair(), y.get(i).pair());
      assertEquals(java.util.Arrays.toString(x.get(i).counts()), java.util.Arrays.toString(y.get(i).counts()));
    }
  }

  private static Map<Pair, TraceQuality.PairRow> scenario(String name) {
    for (TestTraces.Scenario s : TestTraces.acceptanceScenarios()) {
      if (s.name().equals(name)) return byPair(quality(List.of(s.spans())));
    }
    throw new IllegalArgumentException(name);
  }

  private static long total(Map<Pair, TraceQuality.PairRow> rows, Measure m) {
    return rows.values().stream().mapToLong(r -> r.get(m)).sum();
  }

  /**
   * The calls the map must not draw are counted where a team can look: a SERVER whose caller was lost with its
   * parent on (null, its service); a call with a nameless side on the pair with that side null; spans read without
   * a service name on their own pair, named after their parent or not. A call the rules recover (an orphan naming its
   * caller, the hop into a nameless server recorded by a CLIENT below it) is not counted.
   */
  @Test
  void callsTheMapCannotDrawAreCounted() {
    Map<Pair, TraceQuality.PairRow> orphanServer = scenario("10_orphan_server_under_root");
    assertEquals(1, orphanServer.get(new Pair(null, "email")).get(Measure.CALLS_WITH_LOST_CALLER));
    assertEquals(1, total(orphanServer, Measure.CALLS_WITH_LOST_CALLER));
    TraceQuality q10 = quality(List.of(TestTraces.acceptanceScenarios().stream()
        .filter(s -> s.name().startsWith("10")).findFirst().orElseThrow().spans()));
    assertEquals(Map.of("email", 1L), q10.totals().get("calls_with_lost_caller_by_callee"), "run.json, per callee");
    assertEquals(0, total(scenario("11_orphan_server_names_its_caller"), Measure.CALLS_WITH_LOST_CALLER));
    assertEquals(0, total(scenario("06_orphan_client_under_root"), Measure.CALLS_WITH_LOST_CALLER),
        "an orphan CLIENT records no call into its service");

    Map<Pair, TraceQuality.PairRow> clients = scenario("12_clients_without_service_name");
    assertEquals(2, clients.get(new Pair("client", "client")).get(Measure.SPANS_WITHOUT_SERVICE));
    assertEquals(0, total(clients, Measure.CALLS_WITHOUT_SERVICE));

    Map<Pair, TraceQuality.PairRow> server = scenario("13_server_without_service_name");
    assertEquals(1, server.get(new Pair("frontend", null)).get(Measure.SPANS_WITHOUT_SERVICE));
    assertEquals(2, total(server, Measure.SPANS_WITHOUT_SERVICE));
    assertEquals(0, total(server, Measure.CALLS_WITHOUT_SERVICE), "backend's first CLIENT records the hop");

    Map<Pair, TraceQuality.PairRow> root = scenario("14_root_without_service_name");
    assertEquals(1, root.get(new Pair("web-lb", null)).get(Measure.CALLS_WITHOUT_SERVICE));
    assertEquals(1, root.get(new Pair(null, "cache")).get(Measure.CALLS_WITHOUT_SERVICE));
    assertEquals(2, total(root, Measure.CALLS_WITHOUT_SERVICE));
    assertEquals(2L, quality(List.of(TestTraces.acceptanceScenarios().stream()
        .filter(s -> s.name().startsWith("14")).findFirst().orElseThrow().spans())).totals()
        .get("calls_without_service"));
    for (Pair pair : root.keySet()) {
      assertTrue(pair.caller() == null || !pair.caller().isEmpty(), "never an empty name: " + pair);
      assertTrue(pair.callee() == null || !pair.callee().isEmpty(), "never an empty name: " + pair);
    }
  }
}
