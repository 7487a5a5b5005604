package io.tracegraph.reports.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Graph analytics on small graphs whose answers are worked out by hand in each test's comment. */
class GraphAnalyticsTest {
  private final GraphAnalytics shop = GraphAnalytics.of(Graphs.shop());

  /** Fan-in and fan-out count distinct other services; billing's call to itself counts for neither. */
  @Test
  void fanInAndFanOutCountDistinctOtherServices() {
    ServiceGraph g = shop.graph();
    assertEquals(List.of("api", "auth", "billing", "cache", "db", "lb", "web"), g.vertices());
    Map<String, List<Integer>> inOut = new TreeMap<>();
    for (String v : g.vertices()) inOut.put(v, List.of(g.fanIn(v), g.fanOut(v)));
    assertEquals(Map.of("api", List.of(2, 3), "auth", List.of(1, 1), "billing", List.of(1, 1), "cache", List.of(1, 0),
        "db", List.of(2, 0), "lb", List.of(0, 1), "web", List.of(1, 2)), inOut);
    assertEquals(Set.of("api", "auth"), g.callers("db"));
    assertEquals(1600 + 700, g.callsIn("db"));
    assertEquals(16 + 70, g.errorsIn("db"));
    assertEquals(50 + 5, g.callsIn("billing"), "self-calls are traffic");
  }

  /** The only entry point is the load balancer nobody calls; depth counts calls from it along the shortest path. */
  @Test
  void depthIsTheFewestCallsFromAnEntryPoint() {
    ServiceDepths d = shop.depths();
    assertEquals(Set.of("lb"), d.entryPoints());
    assertEquals(Map.of("lb", 0, "web", 1, "api", 2, "auth", 2, "db", 3, "billing", 3, "cache", 3), d.depths());
    assertEquals(3, d.maxDepth());
    assertEquals(List.of(List.of("lb"), List.of("web"), List.of("api", "auth"), List.of("billing", "cache", "db")),
        d.byDepth());
  }

  /** api ⇄ billing is the one cycle between services; billing → billing is a self-call, not a cycle. */
  @Test
  void mutualCallsFormACycleAndSelfCallsAreListedApart() {
    CallCycles c = shop.cycles();
    assertEquals(List.of(List.of("api", "billing")), c.components());
    assertEquals(List.of(List.of("api", "billing")), c.cycles());
    assertEquals(List.of("billing"), c.selfCalls());
    assertTrue(c.inCycle("api"));
    assertFalse(c.inCycle("db"));
  }

  /**
   * x ⇄ y and x → y → z → x: one component {x, y, z}; the shortest cycle through x and y is x → y → x, through z
   * it is z → x → y → z, written from its smallest name as [x, y, z].
   */
  @Test
  void oneShortestCyclePerServiceCoversEveryLoop() {
    CallCycles c = GraphAnalytics.of(Graphs.of(Set.of(), "w>x", "x>y", "y>x", "y>z", "z>x")).cycles();
    assertEquals(List.of(List.of("x", "y", "z")), c.components());
    assertEquals(List.of(List.of("x", "y"), List.of("x", "y", "z")), c.cycles());
  }

  /** A loop nobody enters (a → b → c → a) has no vertex without callers: all its members are entry points. */
  @Test
  void aCycleNobodyEntersIsItsOwnEntry() {
    GraphAnalytics a = GraphAnalytics.of(Graphs.of(Set.of(), "a>b", "b>c", "c>a", "c>d"));
    assertEquals(Set.of("a", "b", "c"), a.depths().entryPoints());
    assertEquals(Map.of("a", 0, "b", 0, "c", 0, "d", 1), a.depths().depths());
    assertEquals(List.of(List.of("a", "b", "c")), a.cycles().cycles());
  }

  /**
   * What breaks when db fails: api and auth call it, web calls both, lb calls web, billing calls api. When lb
   * fails, nothing else does, but lb's own traffic (an entry point) does.
   */
  @Test
  void blastRadiusIsEveryTransitiveCaller() {
    BlastRadius b = shop.blastRadius();
    assertEquals(Set.of("api", "auth", "billing", "lb", "web"), b.dependents("db"));
    assertEquals(Set.of("lb"), b.entryPoints("db"));
    assertEquals(Set.of("api", "billing", "lb", "web"), b.dependents("cache"));
    assertEquals(Set.of("api", "lb", "web"), b.dependents("billing"), "billing's self-call does not count");
    assertEquals(Set.of("billing", "lb", "web"), b.dependents("api"));
    assertEquals(Set.of(), b.dependents("lb"));
    assertEquals(Set.of("lb"), b.entryPoints("lb"));
    assertThrows(IllegalArgumentException.class, () -> b.dependents("nope"));
  }

  /**
   * Self-loops are allowed in the graph (a service that calls itself is a real link): a lone a → a keeps its edge
   * and vertex, has no callers, callees or cycles, is its own entry point and is listed as a self-call.
   */
  @Test
  void selfLoopsAreKeptAsEdgesButAreNoCallersOrCycles() {
    GraphAnalytics a = GraphAnalytics.of(Graphs.of(Set.of(), "a>a:7:1"));
    assertTrue(a.graph().graph().getType().isAllowingSelfLoops());
    assertTrue(a.graph().graph().containsEdge("a", "a"));
    assertEquals(1, a.graph().edges().size());
    assertEquals(0, a.graph().fanIn("a"));
    assertEquals(0, a.graph().fanOut("a"));
    assertEquals(7, a.graph().callsIn("a"));
    assertEquals(List.of(), a.cycles().components());
    assertEquals(List.of("a"), a.cycles().selfCalls());
    assertEquals(Set.of("a"), a.depths().entryPoints());
    assertEquals(Set.of(), a.blastRadius().dependents("a"));
  }

  /** Edges are identity objects: two edges with equal endpoints and counts are different edges. */
  @Test
  void edgesAreIdentityObjects() {
    CallStats stats = CallStats.of("a", "b", 1, 0);
    CallEdge one = new CallEdge(stats);
    CallEdge two = new CallEdge(stats);
    assertNotEquals(one, two);
    assertEquals(one, one);
  }

  /**
   * 100 traces; web is the declared entry. catalog (reach 0.9, one caller) and flags (0.45, one caller: checkout)
   * and checkout (0.40, one caller) qualify; db is reached by 95 traces but has four callers; search is reached by
   * too few. Ordered by reach per caller: catalog 0.9, flags 0.45, checkout 0.40.
   */
  @Test
  void surprisesAreHighReachServicesWithFewCallers() {
    GraphData data = Graphs.of(Set.of("db"), "web>checkout", "web>catalog", "web>search", "checkout>flags",
        "catalog>db", "checkout>db", "search>db", "flags>db");
    data = new GraphData(data.date(), 100L, data.edges(), data.services()).withServices(List.of(
        new ServiceStats("web", NodeKind.SERVICE, 100L, null, true),
        new ServiceStats("checkout", NodeKind.SERVICE, 40L, null, false),
        new ServiceStats("catalog", NodeKind.SERVICE, 90L, null, false),
        new ServiceStats("flags", NodeKind.SERVICE, 45L, null, false),
        new ServiceStats("search", NodeKind.SERVICE, 10L, null, false),
        new ServiceStats("db", NodeKind.PEER, 95L, null, false)));
    Surprises s = GraphAnalytics.of(data).surprises();
    assertTrue(s.available());
    assertEquals(List.of("catalog", "flags", "checkout"), s.list().stream().map(Surprises.Surprise::service).toList());
    Surprises.Surprise flags = s.list().get(1);
    assertEquals(0.45, flags.reach(), 1e-12);
    assertEquals(List.of("checkout"), flags.callers());
    assertEquals(2, flags.dependents(), "checkout and web");
    assertEquals(1, flags.entryPoints());
  }

  /** Without reach the surprise list says it is unavailable instead of guessing. */
  @Test
  void surprisesNeedReach() {
    assertFalse(shop.surprises().available());
    assertEquals(List.of(), shop.surprises().list());
  }

  @Test
  void invalidInputIsRejectedInConstructors() {
    assertThrows(IllegalArgumentException.class, () -> CallStats.of("a", "b", 1, 2));
    assertThrows(IllegalArgumentException.class, () -> Graphs.of(Set.of(), "a>b", "a>b"));
    ServiceGraph g = shop.graph();
    ServiceDepths d = new ServiceDepths(g);
    BlastRadius b = new BlastRadius(g, d);
    assertThrows(IllegalArgumentException.class, () -> new Surprises(g, d, b, 0, 3));
    assertThrows(IllegalArgumentException.class, () -> new Surprises(g, d, b, 0.5, 0));
    assertThrows(NullPointerException.class, () -> new CallCycles(null));
    assertThrows(IllegalArgumentException.class, () -> new HourlyCounts(List.of(1L, 2L)));
  }

  /** Peers and services are told apart by who wrote spans; isolated instrumented services stay vertices. */
  @Test
  void verticesKnowWhetherTheyWroteSpans() {
    GraphData data = GraphData.of(Graphs.DAY, 10L, List.of(CallStats.of("web", "db", 3, 0)), Set.of("web", "lonely"));
    assertEquals(List.of("db", "lonely", "web"), List.copyOf(data.services().keySet()));
    assertEquals(NodeKind.PEER, data.services().get("db").kind());
    assertEquals(NodeKind.SERVICE, data.services().get("lonely").kind());
    GraphAnalytics a = GraphAnalytics.of(data);
    assertEquals(Set.of("lonely", "web"), a.depths().entryPoints());
  }

  /**
   * A vertex's facts, gathered once for every listing: api is called by web (800, 8 failed) and billing (20), calls
   * db, billing and the cache (1600 + 50 + 900), sits on the api ⇄ billing cycle two calls below lb, and web, lb and
   * billing depend on it. Without the latency job's tables it has no traces, reach or self time.
   */
  @Test
  void nodeFactsGatherWhatTheGraphSaysAboutAVertex() {
    NodeFacts api = shop.node("api");
    assertEquals(new NodeFacts("api", NodeKind.SERVICE, false, 2, 2, 3, 820, 8, 2550, true, 3, List.of("lb"), null,
        null, null, false, List.of("billing", "web"), List.of("billing", "cache", "db")), api);
    assertEquals(8 / 820.0, api.errorRateIn());
    NodeFacts lb = shop.node("lb");
    assertTrue(lb.entryPoint());
    assertEquals(NodeKind.PEER, lb.kind());
    assertEquals(0, lb.errorRateIn(), "no calls in: rate 0");
    assertEquals(shop.graph().vertices(), shop.nodes().stream().map(NodeFacts::name).toList());
    assertThrows(IllegalArgumentException.class, () -> shop.node("nowhere"));
  }
}
