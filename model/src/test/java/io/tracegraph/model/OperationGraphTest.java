package io.tracegraph.model;

import static io.tracegraph.model.ConnectionType.DATABASE;
import static io.tracegraph.model.ConnectionType.EXTERNAL;
import static io.tracegraph.model.ConnectionType.MESSAGING;
import static io.tracegraph.model.ConnectionType.RPC;
import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.INTERNAL;
import static io.tracegraph.model.SpanKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The operation graph ({@link OperationGraph}): which operation calls which, with the same statistics as the service
 * edges, and summed per service pair exactly the service edges.
 */
public class OperationGraphTest {
  static final long MS = 1_000_000L;

  private static OperationEdgeKey op(String caller, String callerOp, String callee, String calleeOp,
                                     ConnectionType type) {
    return new OperationEdgeKey(caller, callerOp, callee, calleeOp, type, false);
  }

  /**
   * The checkout traces: the load balancer's calls have no caller operation; calls made by the checkout request,
   * whether directly or through its CLIENT spans, belong to "GET /checkout"; the database call belongs to the
   * pricing request it was made in, and is named by its CLIENT span.
   */
  @Test
  void operationEdgesOfTheCheckoutTraces() {
    SortedMap<OperationEdgeKey, EdgeCalls> edges = TrafficSummaryTest.checkoutSummary().operationEdges();
    assertEquals(List.of(
        op("frontend", "GET /checkout", "pricing", "GET /price", RPC),
        op("frontend", "GET /checkout", "smtp", "POST /mail", EXTERNAL),
        op("frontend", "GET /checkout", "worker", "process orders", MESSAGING),
        op("pricing", "GET /price", "prices-db", "SELECT prices", DATABASE),
        op("web-lb", null, "frontend", "GET /checkout", RPC)), List.copyOf(edges.keySet()));
    EdgeCalls pricing = edges.get(op("frontend", "GET /checkout", "pricing", "GET /price", RPC));
    assertEquals(3, pricing.calls());
    assertEquals(1, pricing.errors());
    assertEquals(30 * MS, pricing.client().quantileNanos(0.5));
    assertEquals(List.of(new CountDistribution.Entry(1, 1), new CountDistribution.Entry(2, 1)),
        pricing.callsPerTrace().entries());
  }

  /**
   * A call made under nested INTERNAL spans of a request belongs to the request (the SERVER); a call of a trace
   * whose root is an INTERNAL job belongs to the job; the server side names the callee operation.
   */
  @Test
  void callerOperationIsTheRequestBeingServed() {
    List<Span> request = List.of(
        TestTraces.span(1, 0, SERVER, "orders", 0, 100),
        named(TestTraces.span(2, 1, INTERNAL, "orders", 5, 80), "load order"),
        named(TestTraces.span(3, 2, INTERNAL, "orders", 6, 70), "load items"),
        named(TestTraces.span(4, 3, CLIENT, "orders", 10, 20), "GET /items"),
        named(TestTraces.span(5, 4, SERVER, "items", 11, 18), "GET /items"));
    List<Span> job = List.of(
        named(TestTraces.span(11, 0, INTERNAL, "billing", 0, 100), "nightly invoices"),
        named(TestTraces.span(12, 11, CLIENT, "billing", 10, 20), "GET /items"),
        named(TestTraces.span(13, 12, SERVER, "items", 11, 18), "GET /items"));
    TrafficSummary summary = new TrafficSummary()
        .addTrace(TraceTree.build(new ArrayList<>(request)))
        .addTrace(TraceTree.build(new ArrayList<>(job)));
    assertEquals(List.of(op("billing", "nightly invoices", "items", "GET /items", RPC),
        op("orders", "server orders", "items", "GET /items", RPC)), List.copyOf(summary.operationEdges().keySet()));
  }

  /** A span whose parent was lost is not served by the span it hangs under: its own name is its operation. */
  @Test
  void anOrphanEndsTheClimb() {
    List<Span> spans = List.of(
        TestTraces.span(1, 0, SERVER, "orders", 0, 100),
        named(TestTraces.span(3, 2, INTERNAL, "orders", 6, 70), "load items"), // parent 2 lost
        named(TestTraces.span(4, 3, CLIENT, "orders", 10, 20), "GET /items"),
        named(TestTraces.span(5, 4, SERVER, "items", 11, 18), "GET /items"));
    TrafficSummary summary = new TrafficSummary().addTrace(TraceTree.build(new ArrayList<>(spans)));
    assertTrue(summary.operationEdges().containsKey(op("orders", "load items", "items", "GET /items", RPC)),
        summary.operationEdges().keySet().toString());
  }

  /**
   * A SERVER that lost its service name is the request of the process its CLIENTs name (the link rules draw the hop
   * into it from them): the operation called on it is the one its calls are made from, so the graph still chains
   * cart → (orders, "POST /orders") → (orders, "POST /orders") → items, never from the CLIENT's own name.
   */
  @Test
  void aNamelessServerIsTheRequestOfTheProcessItsClientsName() {
    List<Span> spans = List.of(
        named(TestTraces.span(1, 0, SERVER, "cart", 0, 100), "POST /cart"),
        named(TestTraces.span(2, 1, CLIENT, "cart", 5, 90), "POST /orders"),
        named(TestTraces.span(3, 2, SERVER, Span.NO_SERVICE, 6, 88), "POST /orders"),
        named(TestTraces.span(4, 3, INTERNAL, Span.NO_SERVICE, 7, 80), "validate"),
        named(TestTraces.span(5, 4, CLIENT, "orders", 10, 20), "GET /items"),
        named(TestTraces.span(6, 5, SERVER, "items", 11, 18), "GET /items"));
    TrafficSummary summary = new TrafficSummary().addTrace(TraceTree.build(new ArrayList<>(spans)));
    assertEquals(List.of(op("cart", "POST /cart", "orders", "POST /orders", RPC),
        op("orders", "POST /orders", "items", "GET /items", RPC)), List.copyOf(summary.operationEdges().keySet()));
    assertSumsToEdges(summary);
  }

  /**
   * Summed per (caller, callee, connection type, via links), the operation edges are the service edges: calls,
   * errors, estimated counts, the three latency sketches, the calls per trace in total and the example traces, over
   * random traces of every shape (broken, duplicated, messaging, uninstrumented peers and callers).
   */
  @Test
  void summedPerServicePairTheyAreTheEdges() {
    for (long seed : new long[] {3, 17, 101}) {
      TrafficSummary summary = new TrafficSummary();
      for (RandomTraces.GeneratedTrace t : RandomTraces.generate(seed, 400)) {
        String hex = t.traceIdHex();
        summary.addTrace(TraceTree.build(HexIds.traceHigh(hex), HexIds.traceLow(hex), new ArrayList<>(t.spans())));
      }
      assertSumsToEdges(summary);
      assertTrue(summary.edges().size() > 20, "a varied graph: " + summary.edges().size());
    }
  }

  /** The equality the tables promise, checked on any summary (also used by the Spark tests' generated days). */
  public static void assertSumsToEdges(TrafficSummary summary) {
    Map<List<Object>, EdgeCalls> fromEdges = new TreeMap<>(OperationGraphTest::compareKeys);
    summary.edges().forEach((k, e) -> fromEdges.computeIfAbsent(pair(k.caller(), k.callee(), k.type(), k.viaLinks()),
        x -> new EdgeCalls()).merge(e.callStats()));
    Map<List<Object>, EdgeCalls> fromOps = new TreeMap<>(OperationGraphTest::compareKeys);
    summary.operationEdges().forEach((k, e) -> fromOps.computeIfAbsent(pair(k.caller(), k.callee(), k.type(),
        k.viaLinks()), x -> new EdgeCalls()).merge(e));
    assertEquals(fromEdges.keySet(), fromOps.keySet());
    assertFalse(fromEdges.isEmpty(), "no edges to compare");
    fromEdges.forEach((k, e) -> {
      EdgeCalls o = fromOps.get(k);
      assertEquals(e.calls(), o.calls(), k.toString());
      assertEquals(e.callsWeighted(), o.callsWeighted(), k.toString());
      assertEquals(e.errors(), o.errors(), k.toString());
      assertEquals(e.errorsWeighted(), o.errorsWeighted(), k.toString());
      assertEquals(e.client(), o.client(), k.toString());
      assertEquals(e.server(), o.server(), k.toString());
      assertEquals(e.gap(), o.gap(), k.toString());
      assertEquals(e.callsPerTrace().sum(), o.callsPerTrace().sum(), k.toString());
      assertEquals(e.slowest(), o.slowest(), k.toString());
      assertEquals(e.latestErrors(), o.latestErrors(), k.toString());
    });
  }

  private static List<Object> pair(String caller, String callee, ConnectionType type, boolean viaLinks) {
    return List.of(caller, callee, type, viaLinks);
  }

  private static int compareKeys(List<Object> a, List<Object> b) {
    return a.toString().compareTo(b.toString());
  }

  static Span named(Span s, String name) {
    return new Span(s.spanId(), s.parentId(), s.service(), name, s.kind(), s.startNanos(), s.endNanos(), s.error(),
        s.peer(), s.peerIsDatabase(), s.destination(), s.samplingWeight(), s.resent());
  }
}
