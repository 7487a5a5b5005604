package io.tracegraph.model;

import static io.tracegraph.model.ConnectionType.DATABASE;
import static io.tracegraph.model.ConnectionType.EXTERNAL;
import static io.tracegraph.model.ConnectionType.MESSAGING;
import static io.tracegraph.model.ConnectionType.RPC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Call frequencies and latencies of traces: hand-built traces with every number worked out by hand
 * ({@link TrafficScenarios}), the correspondence with the dependency links, and the merge laws Spark and rollups
 * rely on.
 */
class TrafficSummaryTest {
  static final long HIGH_1 = 0x5eed000000000000L | 1;
  static final long LOW_1 = 0x1000000000000000L + 1;
  static final long HIGH_2 = 0x5eed000000000000L | 2;
  static final long LOW_2 = 0x1000000000000000L + 2;
  static final long MS = 1_000_000L;
  static final long TEN_AM_MINUTE = TestTraces.TEN_AM_NANOS / 60_000_000_000L;

  static TrafficSummary checkoutSummary() {
    return new TrafficSummary()
        .addTrace(TraceTree.build(HIGH_1, LOW_1, new ArrayList<>(TrafficScenarios.trace1())))
        .addTrace(TraceTree.build(HIGH_2, LOW_2, new ArrayList<>(TrafficScenarios.trace2())));
  }

  private static LatencySketch millis(long... values) {
    LatencySketch s = new LatencySketch();
    for (long v : values) s.add(v * MS);
    return s;
  }

  /** Parallel and repeated calls, a failed server, a database, a failed external call and a message with lag. */
  @Test
  void edgesOfTheCheckoutTraces() {
    Map<EdgeKey, EdgeStats> edges = checkoutSummary().edges();
    assertEquals(List.of(
        new EdgeKey("frontend", "pricing", RPC, null, null),
        new EdgeKey("frontend", "smtp", EXTERNAL, null, null),
        new EdgeKey("frontend", "worker", MESSAGING, "kafka", "orders"),
        new EdgeKey("pricing", "prices-db", DATABASE, null, null),
        new EdgeKey("web-lb", "frontend", RPC, null, null)), List.copyOf(edges.keySet()));

    // Two parallel calls in trace 1 (one failing on the server), one in trace 2.
    EdgeStats pricing = edges.get(new EdgeKey("frontend", "pricing", RPC, null, null));
    assertEquals(3, pricing.calls());
    assertEquals(1, pricing.errors());
    assertEquals(3 * SamplingWeight.ONE, pricing.callsWeighted());
    assertEquals(millis(30, 40, 14), pricing.client());
    assertEquals(millis(20, 25, 10), pricing.server());
    assertEquals(millis(10, 15, 4), pricing.gap(), "client minus server duration");
    assertEquals(30 * MS, pricing.client().quantileNanos(0.5));
    assertEquals(3, pricing.timeline().hours()[10]);
    assertEquals(new CallTimeline.BusyMinute(TEN_AM_MINUTE, 2), pricing.timeline().busiest());
    assertEquals(List.of(new CountDistribution.Entry(1, 1), new CountDistribution.Entry(2, 1)),
        pricing.callsPerTrace().entries());
    assertEquals(2, pricing.traces());
    assertEquals(List.of(new TopTraces.Example(HIGH_1, LOW_1, 40 * MS), new TopTraces.Example(HIGH_2, LOW_2, 14 * MS)),
        pricing.slowest().examples(), "end to end: the slower of the trace's two calls");
    assertEquals(List.of(new TopTraces.Example(HIGH_1, LOW_1, TestTraces.TEN_AM_NANOS + 15 * MS)),
        pricing.latestErrors().examples());

    // The message: producer's service to consumer's service, lag = consumer start 70 - producer end 62.
    EdgeStats message = edges.get(new EdgeKey("frontend", "worker", MESSAGING, "kafka", "orders"));
    assertEquals(1, message.calls());
    assertEquals(millis(2), message.client());
    assertEquals(millis(50), message.server());
    assertEquals(millis(8), message.gap());
    assertEquals(List.of(new TopTraces.Example(HIGH_1, LOW_1, 60 * MS)), message.slowest().examples());

    EdgeStats db = edges.get(new EdgeKey("pricing", "prices-db", DATABASE, null, null));
    assertEquals(millis(10), db.client());
    assertTrue(db.server().isEmpty());
    assertTrue(db.gap().isEmpty());

    EdgeStats mail = edges.get(new EdgeKey("frontend", "smtp", EXTERNAL, null, null));
    assertEquals(1, mail.errors());
    assertEquals(List.of(new TopTraces.Example(HIGH_2, LOW_2, TestTraces.TEN_AM_NANOS + 90_020 * MS)),
        mail.latestErrors().examples());

    // The entry hop from the uninstrumented load balancer: server side only; one call a minute.
    EdgeStats lb = edges.get(new EdgeKey("web-lb", "frontend", RPC, null, null));
    assertEquals(2, lb.calls());
    assertTrue(lb.client().isEmpty());
    assertEquals(millis(100, 50), lb.server());
    assertEquals(new CallTimeline.BusyMinute(TEN_AM_MINUTE, 1), lb.timeline().busiest());
  }

  @Test
  void servicesOperationsAndEntryPointsOfTheCheckoutTraces() {
    TrafficSummary summary = checkoutSummary();
    Map<String, SpanStats> services = summary.services();
    assertEquals(List.of("frontend", "pricing", "worker"), List.copyOf(services.keySet()));
    SpanStats frontend = services.get("frontend");
    assertEquals(8, frontend.spans());
    assertEquals(2, frontend.requests());
    assertEquals(0, frontend.errors());
    assertEquals(1, frontend.errorSpans(), "the failed mail CLIENT");
    assertEquals(millis(100, 50), frontend.latency());
    assertEquals(millis(23, 10, 15, 2, 30, 11, 4, 25), frontend.selfTime(),
        "s1: 100 - [10,55] - [60,62] - [65,95]; s7: its consumer runs after it, clipped away");
    assertEquals(2, frontend.traces());
    assertEquals(List.of("web-lb"), summary.callersOf("frontend"));
    assertEquals(List.of("pricing", "smtp", "worker"), summary.calleesOf("frontend"));
    SpanStats pricing = services.get("pricing");
    assertEquals(4, pricing.spans());
    assertEquals(3, pricing.requests());
    assertEquals(1, pricing.errors());
    assertEquals(millis(20, 25, 10), pricing.latency());
    assertEquals(millis(20, 15, 10, 10), pricing.selfTime());
    SpanStats worker = services.get("worker");
    assertEquals(0, worker.requests(), "a CONSUMER is not a server request");
    assertEquals(1, worker.traces());

    // Served requests: s1 (10:00) and r1 (10:01:30); s3, s5 (10:00) and r3 (10:01:30); the consumer s8 (10:00).
    assertEquals(timeline(List.of(TEN_AM_MINUTE, TEN_AM_MINUTE + 1)), frontend.served());
    assertEquals(new CallTimeline.BusyMinute(TEN_AM_MINUTE, 1), frontend.served().busiest());
    assertEquals(new CallTimeline.BusyMinute(TEN_AM_MINUTE, 2), pricing.served().busiest());
    assertEquals(2 + 1, java.util.Arrays.stream(pricing.served().hours()).sum());
    assertEquals(new CallTimeline.BusyMinute(TEN_AM_MINUTE, 1), worker.served().busiest(), "CONSUMER spans count");

    Map<OperationKey, SpanStats> ops = summary.operations();
    assertEquals(List.of(
        new OperationKey("frontend", "GET /checkout", SpanKind.SERVER),
        new OperationKey("frontend", "GET /price", SpanKind.CLIENT),
        new OperationKey("frontend", "POST /mail", SpanKind.CLIENT),
        new OperationKey("frontend", "publish orders", SpanKind.PRODUCER),
        new OperationKey("frontend", "render", SpanKind.INTERNAL),
        new OperationKey("pricing", "GET /price", SpanKind.SERVER),
        new OperationKey("pricing", "SELECT prices", SpanKind.CLIENT),
        new OperationKey("worker", "process orders", SpanKind.CONSUMER)), List.copyOf(ops.keySet()));
    SpanStats checkout = ops.get(new OperationKey("frontend", "GET /checkout", SpanKind.SERVER));
    assertEquals(List.of("web-lb"), checkout.callers());
    assertEquals(List.of("pricing", "smtp", "worker"), checkout.callees(), "calls made under the request");
    SpanStats priceClient = ops.get(new OperationKey("frontend", "GET /price", SpanKind.CLIENT));
    assertEquals(3, priceClient.spans());
    assertEquals(millis(30, 40, 14), priceClient.latency());
    assertEquals(List.of(), priceClient.callers());
    assertEquals(List.of("pricing"), priceClient.callees());
    SpanStats priceServer = ops.get(new OperationKey("pricing", "GET /price", SpanKind.SERVER));
    assertEquals(1, priceServer.errors());
    assertEquals(List.of("frontend"), priceServer.callers());
    assertEquals(List.of("prices-db"), priceServer.callees());

    Map<EntryPointKey, EntryPointStats> entries = summary.entryPoints();
    EntryPointStats entry = entries.get(new EntryPointKey("frontend", "GET /checkout"));
    assertEquals(1, entries.size());
    assertEquals(2, entry.requests());
    assertEquals(millis(100, 50), entry.latency());
    assertEquals(List.of(new EntryPointStats.Downstream("prices-db", 1, 1),
        new EntryPointStats.Downstream("pricing", 3, 2), new EntryPointStats.Downstream("smtp", 1, 1),
        new EntryPointStats.Downstream("worker", 1, 1)), entry.downstream(),
        "the hop that brought the request in (web-lb -> frontend) is not downstream of it");
    assertEquals(timeline(List.of(TEN_AM_MINUTE, TEN_AM_MINUTE + 1)), entry.timeline(), "root spans s1 and r1");

    assertEquals(new TrafficTotals(2, 2 * SamplingWeight.ONE, 13, 13 * SamplingWeight.ONE, 0), summary.totals());
  }

  /**
   * A trace's single root counts as served whatever its kind (an INTERNAL job here, which then calls a service);
   * the INTERNAL root of a trace with two roots does not (their real parent may be lost), its SERVER does.
   */
  @Test
  void servedRequestsAreServerConsumerAndSingleRootSpans() {
    List<Span> job = List.of(
        TestTraces.span(1, 0, SpanKind.INTERNAL, "batch", 0, 100),
        TestTraces.span(2, 1, SpanKind.INTERNAL, "batch", 1, 10),
        TestTraces.span(3, 1, SpanKind.CLIENT, "batch", 2, 10),
        TestTraces.span(4, 3, SpanKind.SERVER, "api", 3, 5));
    List<Span> broken = List.of(
        TestTraces.span(11, 0, SpanKind.INTERNAL, "batch", 61_000, 10),
        TestTraces.span(12, 0, SpanKind.SERVER, "api", 62_000, 10));
    TrafficSummary summary = new TrafficSummary()
        .addTrace(TraceTree.build(1, 1, new ArrayList<>(job)))
        .addTrace(TraceTree.build(1, 2, new ArrayList<>(broken)));
    assertEquals(timeline(List.of(TEN_AM_MINUTE)), summary.services().get("batch").served(),
        "the root only: not its INTERNAL child, not the broken trace's INTERNAL top-level span");
    assertEquals(timeline(List.of(TEN_AM_MINUTE, TEN_AM_MINUTE + 1)), summary.services().get("api").served());
    assertEquals(timeline(List.of(TEN_AM_MINUTE)),
        summary.entryPoints().get(new EntryPointKey("batch", "internal batch")).timeline());
  }

  /** A timeline with one call at the start of each of the given epoch minutes (of 2024-05-01). */
  private static CallTimeline timeline(List<Long> minutes) {
    CallTimeline t = new CallTimeline();
    for (long m : minutes) t.add(m * CallTimeline.NANOS_PER_MINUTE, TestTraces.DAY_START_NANOS);
    return t;
  }

  /**
   * Every link of the dependency graph is a call over an edge: SERVER, CLIENT and UNSPECIFIED links are calls of
   * rpc, database or external edges with the same endpoints; broker -> consumer links are messaging calls into the
   * consumer through that broker. Only the producer's own link (service -> broker) has no call when a consumer got
   * the message.
   */
  @Test
  void callsCorrespondToTheAcceptanceScenariosLinks() {
    for (TestTraces.Scenario scenario : TestTraces.acceptanceScenarios()) {
      TrafficSummary summary = new TrafficSummary().addTrace(TraceTree.build(new ArrayList<>(scenario.spans())));
      Map<List<String>, long[]> fromEdges = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
      java.util.Set<String> brokers = new java.util.TreeSet<>();
      summary.edges().forEach((k, e) -> {
        if (k.type() == MESSAGING && k.broker() != null) brokers.add(k.broker());
        List<String> pair = k.type() == MESSAGING && k.broker() != null && !e.server().isEmpty()
            ? List.of(k.broker(), k.callee()) : List.of(k.caller(), k.callee());
        long[] c = fromEdges.computeIfAbsent(pair, p -> new long[2]);
        c[0] += e.calls();
        c[1] += e.errors();
      });
      Map<List<String>, long[]> fromLinks = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
      for (DependencyLink l : scenario.expectedLinks()) {
        if (brokers.contains(l.child())) continue; // the producer's own link
        fromLinks.put(List.of(l.parent(), l.child()), new long[] {l.callCount(), l.errorCount()});
      }
      assertEquals(render(fromLinks), render(fromEdges), scenario.name());
    }
  }

  /**
   * A Redis, a PostgreSQL with two namespaces and a MongoDB client: nodes named by the database system, one edge row
   * per namespace (the destination), as messaging has one per topic. A CLIENT without a service name is the
   * service's own (named after its parent). Spans without a service name make no service, operation, entry point
   * or edge: no table shows a name the data did not give.
   */
  @Test
  void databasesByNamespaceAndNothingNameless() {
    long start = TestTraces.TEN_AM_NANOS;
    long nameless = TestTraces.spanId(401, 1);
    List<Span> anonymous = List.of(
        new Span(nameless, 0, Span.NO_SERVICE, "GET /x", SpanKind.SERVER, start, start + 10 * MS, false, "web-lb"),
        new Span(TestTraces.spanId(401, 2), nameless, Span.NO_SERVICE, "call", SpanKind.CLIENT, start + MS,
            start + 2 * MS, false, "x"));
    TrafficSummary summary = new TrafficSummary()
        .addTrace(TraceTree.build(new ArrayList<>(TrafficScenarios.databases())))
        .addTrace(TraceTree.build(new ArrayList<>(anonymous)));

    Map<EdgeKey, String> found = new TreeMap<>(EdgeKey.ORDER);
    summary.edges().forEach((k, e) -> found.put(k, e.calls() + "/" + e.errors()));
    Map<EdgeKey, String> expected = new TreeMap<>(EdgeKey.ORDER);
    TrafficScenarios.databaseEdges().forEach((k, c) -> expected.put(k, c[0] + "/" + c[1]));
    assertEquals(expected, found);
    assertEquals(java.util.Set.of("api"), summary.services().keySet());
    summary.operations().keySet().forEach(k -> assertEquals("api", k.service()));
    assertEquals(1, summary.entryPoints().size());
    assertEquals(2, summary.totals().traces(), "the nameless trace still counts in the totals");
    assertEquals(8, summary.totals().spans());
    assertEquals(TrafficScenarios.databaseLinks(), DependencyLinker.linksOf(TrafficScenarios.databases()));
    assertEquals(List.of(), DependencyLinker.linksOf(anonymous));
  }

  /** Any split of the traces into partitions, merged in any order and shipped serialized, gives the same summary. */
  @Test
  void anySplitAndMergeOrderGivesTheSameSummary() throws Exception {
    List<RandomTraces.GeneratedTrace> traces = RandomTraces.generate(17, 300);
    TrafficSummary whole = new TrafficSummary();
    for (RandomTraces.GeneratedTrace t : traces) whole.addTrace(tree(t));
    Random random = new Random(9);
    for (int round = 0; round < 10; round++) {
      int parts = 1 + random.nextInt(6);
      List<TrafficSummary> partials = new ArrayList<>();
      for (int p = 0; p < parts; p++) partials.add(new TrafficSummary());
      for (RandomTraces.GeneratedTrace t : traces) partials.get(random.nextInt(parts)).addTrace(tree(t));
      Collections.shuffle(partials, random);
      TrafficSummary merged = new TrafficSummary();
      for (TrafficSummary partial : partials) merged.merge(roundTrip(partial));
      assertEquals(whole, merged, "round " + round);
      assertEquals(whole.edges(), merged.edges());
    }
    assertEquals(300, whole.totals().traces());
    assertTrue(whole.edges().size() > 20, "a varied graph: " + whole.edges().size());
  }

  private static TraceTree tree(RandomTraces.GeneratedTrace t) {
    String hex = t.traceIdHex();
    return TraceTree.build(HexIds.traceHigh(hex), HexIds.traceLow(hex), new ArrayList<>(t.spans()));
  }

  private static String render(Map<List<String>, long[]> counts) {
    StringBuilder sb = new StringBuilder();
    counts.forEach((k, c) -> sb.append(k).append('=').append(c[0]).append('/').append(c[1]).append('\n'));
    return sb.toString();
  }

  private static TrafficSummary roundTrip(TrafficSummary summary) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(summary);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (TrafficSummary) in.readObject();
    }
  }
}
