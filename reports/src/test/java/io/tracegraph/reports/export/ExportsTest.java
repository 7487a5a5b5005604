package io.tracegraph.reports.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.reports.HostileNames;
import io.tracegraph.reports.graph.CallStats;
import io.tracegraph.reports.graph.EdgeLatency;
import io.tracegraph.reports.graph.GraphAnalytics;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.graph.Graphs;
import io.tracegraph.reports.graph.HourlyCounts;
import io.tracegraph.reports.graph.NodeKind;
import io.tracegraph.reports.graph.ServiceGraph;
import io.tracegraph.reports.graph.ServiceStats;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.dot.DOTImporter;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.jgrapht.util.SupplierUtil;
import org.junit.jupiter.api.Test;

/**
 * The exports are read by other tools, so each is parsed back: DOT and GraphML with JGraphT's own importers must
 * give the same vertices, kinds, edges and counts, also for names that need escaping in every format.
 */
class ExportsTest {
  /**
   * Names that break naive writers ({@link HostileNames}) but the megabyte one: JGraphT's GraphML importer joins
   * character data quadratically (minutes for it); {@code HostileNamesTest} reads that one back with the JDK's parser.
   */
  static final List<String> HOSTILE = HostileNames.ALL.stream().filter(n -> !n.equals(HostileNames.MEGABYTE)).toList();

  static GraphData hostileGraph() {
    List<String> edges = new ArrayList<>();
    String prev = "web";
    for (int i = 0; i < HOSTILE.size(); i++) {
      edges.add(prev + ">" + HOSTILE.get(i) + ":" + (10 + i) + ":" + i);
      prev = HOSTILE.get(i);
    }
    edges.add(prev + ">" + prev + ":3:1"); // a self-call survives every format
    List<CallStats> list = new ArrayList<>();
    for (String spec : edges) {
      int gt = spec.indexOf('>');
      int c1 = spec.lastIndexOf(':', spec.lastIndexOf(':') - 1);
      String[] counts = spec.substring(c1 + 1).split(":");
      list.add(CallStats.of(spec.substring(0, gt), spec.substring(gt + 1, c1), Long.parseLong(counts[0]),
          Long.parseLong(counts[1])));
    }
    return GraphData.of(Graphs.DAY, null, list, Set.of("web", HOSTILE.get(0), HOSTILE.get(2)));
  }

  /**
   * The graph as plain values: vertex → kind (with "/traces" when measured), and "parent → child" → [calls, errors]
   * plus [p50_us, p99_us] when measured.
   */
  record Plain(Map<String, String> kinds, Map<List<String>, List<Long>> edges) {}

  static Plain plain(ServiceGraph g) {
    Map<String, String> kinds = new TreeMap<>();
    g.vertices().forEach(v -> kinds.put(v, g.kind(v).key()
        + (g.stats(v).traces() == null ? "" : "/" + g.stats(v).traces())));
    Map<List<String>, List<Long>> edges = new HashMap<>();
    g.edges().forEach(e -> {
      List<Long> numbers = new ArrayList<>(List.of(e.calls(), e.errors()));
      EdgeLatency l = e.stats().latency();
      if (l != null) numbers.addAll(List.of(l.p50Micros(), l.p99Micros()));
      edges.put(List.of(e.parent(), e.child()), numbers);
    });
    return new Plain(kinds, edges);
  }

  static Graph<String, DefaultEdge> emptyGraph() {
    return GraphTypeBuilder.<String, DefaultEdge>directed().allowingSelfLoops(true).allowingMultipleEdges(true)
        .vertexSupplier(SupplierUtil.createStringSupplier()).edgeSupplier(SupplierUtil.createDefaultEdgeSupplier())
        .buildGraph();
  }

  /** The imported graph as plain values; vertices are named by their {@code name} attribute when they have one. */
  static Plain imported(Graph<String, DefaultEdge> g, Map<String, Map<String, Attribute>> vertexAttrs,
                        Map<DefaultEdge, Map<String, Attribute>> edgeAttrs) {
    Map<String, String> kinds = new TreeMap<>();
    Map<String, String> names = new HashMap<>();
    for (String v : g.vertexSet()) {
      Attribute name = vertexAttrs.get(v).get("name");
      names.put(v, name == null ? v : name.getValue());
      Attribute traces = vertexAttrs.get(v).get("traces");
      kinds.put(names.get(v), vertexAttrs.get(v).get("kind").getValue() + (traces == null ? "" : "/" + traces.getValue()));
    }
    Map<List<String>, List<Long>> edges = new HashMap<>();
    for (DefaultEdge e : g.edgeSet()) {
      Map<String, Attribute> a = edgeAttrs.get(e);
      List<Long> numbers = new ArrayList<>();
      for (String key : List.of("calls", "errors", "p50_us", "p99_us")) {
        if (a.containsKey(key)) numbers.add(Long.parseLong(a.get(key).getValue()));
      }
      edges.put(List.of(names.get(g.getEdgeSource(e)), names.get(g.getEdgeTarget(e))), numbers);
    }
    return new Plain(kinds, edges);
  }

  /** A graph with the traffic tables' statistics on some vertices and edges and not on others. */
  static GraphData richGraph() {
    List<Long> hours = new ArrayList<>(Collections.nCopies(24, 0L));
    hours.set(9, 40L);
    hours.set(10, 60L);
    return new GraphData(Graphs.DAY, 500L, List.of(
        new CallStats("web", "api", 100, 3, new EdgeLatency(1200, 98000), new HourlyCounts(hours)),
        CallStats.of("api", "db", 250, 0)), new TreeMap<>(Map.of(
            "web", new ServiceStats("web", NodeKind.SERVICE, 500L, 123456L, true),
            "api", ServiceStats.of("api", NodeKind.SERVICE),
            "db", ServiceStats.of("db", NodeKind.PEER))));
  }

  @Test
  void dotParsesBackToTheSameGraph() {
    for (GraphData data : List.of(Graphs.shop(), hostileGraph(), richGraph())) {
      ServiceGraph g = new ServiceGraph(data);
      Graph<String, DefaultEdge> back = emptyGraph();
      DOTImporter<String, DefaultEdge> importer = new DOTImporter<>();
      importer.setVertexFactory(id -> id);
      Map<String, Map<String, Attribute>> va = new HashMap<>();
      Map<DefaultEdge, Map<String, Attribute>> ea = new HashMap<>();
      importer.addVertexAttributeConsumer((p, a) -> va.computeIfAbsent(p.getFirst(), k -> new HashMap<>()).put(p.getSecond(), a));
      importer.addEdgeAttributeConsumer((p, a) -> ea.computeIfAbsent(p.getFirst(), k -> new HashMap<>()).put(p.getSecond(), a));
      importer.importGraph(back, new StringReader(DotExport.render(g)));
      assertEquals(plain(g), imported(back, va, ea));
      assertEquals(g.edges().size(), back.edgeSet().size(), "no edge merged or lost");
    }
  }

  @Test
  void graphmlParsesBackToTheSameGraph() {
    for (GraphData data : List.of(Graphs.shop(), hostileGraph(), richGraph())) {
      ServiceGraph g = new ServiceGraph(data);
      Graph<String, DefaultEdge> back = emptyGraph();
      GraphMLImporter<String, DefaultEdge> importer = new GraphMLImporter<>();
      importer.setSchemaValidation(true); // against the schema bundled in jgrapht-io: no network
      importer.setVertexFactory(id -> id);
      Map<String, Map<String, Attribute>> va = new HashMap<>();
      Map<DefaultEdge, Map<String, Attribute>> ea = new HashMap<>();
      importer.addVertexAttributeConsumer((p, a) -> va.computeIfAbsent(p.getFirst(), k -> new HashMap<>()).put(p.getSecond(), a));
      importer.addEdgeAttributeConsumer((p, a) -> ea.computeIfAbsent(p.getFirst(), k -> new HashMap<>()).put(p.getSecond(), a));
      importer.importGraph(back, new StringReader(GraphmlExport.render(g)));
      assertEquals(plain(g), imported(back, va, ea));
    }
  }

  @Test
  void exportsCarryLatencyAndReachWhereMeasured() {
    ServiceGraph g = new ServiceGraph(richGraph());
    Plain p = plain(g);
    assertEquals(List.of(100L, 3L, 1200L, 98000L), p.edges().get(List.of("web", "api")));
    assertEquals(List.of(250L, 0L), p.edges().get(List.of("api", "db")), "no latency: no attribute, not zero");
    assertEquals("service/500", p.kinds().get("web"));
    String graphml = GraphmlExport.render(g);
    assertEquals(1, graphml.split("<data key=\"p99_us\">98000</data>", -1).length - 1, graphml);
    assertTrue(DotExport.render(g).contains("p50_us=1200, p99_us=98000"));
  }

  /** graph.json reads back into the same graph data, statistics included, and renders the same bytes twice. */
  @Test
  void graphJsonRoundTripsAndIsDeterministic() {
    for (GraphData data : List.of(Graphs.shop(), hostileGraph(), richGraph())) {
      String json = GraphJson.render(GraphAnalytics.of(data));
      assertEquals(data, GraphJson.parse(json));
      assertEquals(json, GraphJson.render(GraphAnalytics.of(GraphJson.parse(json))));
    }
    assertThrows(IllegalArgumentException.class, () -> GraphJson.parse("{\"format\":\"other\"}"));
    assertThrows(IllegalArgumentException.class, () -> GraphJson.parse("[1,2"));
  }

  /**
   * graph.json carries the operation graph, the call patterns and the span-link counts for other tools, after every
   * key of the first format and without changing one: removing the three keys gives the graph without operations.
   */
  @Test
  void graphJsonCarriesOperationsAdditively() throws Exception {
    GraphData day = io.tracegraph.reports.html.ReportFixtures.bigShop(true);
    io.tracegraph.reports.operations.OperationsReport ops = io.tracegraph.reports.html.ReportFixtures.operations(day);
    GraphAnalytics analytics = GraphAnalytics.of(day);
    com.fasterxml.jackson.databind.JsonNode with = io.tracegraph.reports.Json.mapper()
        .readTree(GraphJson.render(analytics, ops));
    com.fasterxml.jackson.databind.JsonNode without = io.tracegraph.reports.Json.mapper()
        .readTree(GraphJson.render(analytics));
    assertTrue(without.get("operation_edges").isNull());
    com.fasterxml.jackson.databind.node.ObjectNode stripped = with.deepCopy();
    for (String key : List.of("operation_edges", "call_patterns", "span_links")) stripped.putNull(key);
    assertEquals(without, stripped, "every other key as before");

    assertEquals(ops.graph().links().size(), with.get("operation_edges").size());
    com.fasterxml.jackson.databind.JsonNode via = null;
    for (com.fasterxml.jackson.databind.JsonNode e : with.get("operation_edges")) {
      if (e.get("via_links").asBoolean()) via = e;
    }
    assertEquals("svc05", via.get("caller").asText());
    assertEquals("POST /orders", via.get("caller_operation").asText());
    assertEquals("process orders", via.get("callee_operation").asText());
    assertEquals("messaging", via.get("connection_type").asText());
    assertEquals(1200, via.get("calls").asLong());
    assertEquals(40_000, via.get("gap_p50_micros").asLong());
    com.fasterxml.jackson.databind.JsonNode lb = with.get("operation_edges").get(
        ops.graph().links().indexOf(ops.graph().links().stream().filter(l -> l.caller().equals("web-lb")).findFirst()
            .orElseThrow()));
    assertTrue(lb.get("caller_operation").isNull(), "an uninstrumented caller has no operation");

    assertEquals(List.of("n_plus_one", "retry", "fan_out"),
        java.util.stream.StreamSupport.stream(with.get("call_patterns").spliterator(), false)
            .map(n -> n.get("pattern").asText()).toList());
    assertEquals(95_000_000, with.get("call_patterns").get(0).get("critical_path_added_micros").asLong());
    assertEquals("00000000000000010000000000000002",
        with.get("call_patterns").get(0).get("example_trace_ids").get(0).asText());
    assertEquals(1310, with.get("span_links").get("links").asLong());
    assertEquals(3, with.get("span_links").get("links_of_consumers_without_service").asLong());
    assertEquals(100, with.get("span_links").get("links_outside_read_window").asLong());
    assertEquals(day, GraphJson.parse(GraphJson.render(analytics, ops)), "the graph reads back as before");
  }

  /** One Mermaid node per vertex, one arrow per edge, and no label carries a raw quote or angle bracket. */
  @Test
  void mermaidHasOneNodePerVertexAndEscapedLabels() {
    ServiceGraph g = new ServiceGraph(hostileGraph());
    String mmd = MermaidExport.render(g);
    List<String> lines = mmd.lines().toList();
    assertEquals("flowchart LR", lines.get(1));
    List<String> nodes = lines.stream().filter(l -> l.matches("  n\\d+[(\\[].*")).toList();
    List<String> arrows = lines.stream().filter(l -> l.contains(" -->|")).toList();
    assertEquals(g.vertices().size(), nodes.size());
    assertEquals(g.edges().size(), arrows.size());
    for (String node : nodes) {
      String label = node.substring(node.indexOf('"') + 1, node.lastIndexOf('"'));
      assertFalse(label.contains("\"") || label.contains("<") || label.contains(">"), node);
    }
    assertTrue(mmd.contains("#lt;img src=x onerror=alert(1)#gt;"));
    assertEquals(lines.size(), mmd.split("\n").length, "a newline in a name does not break a line");
    Set<String> ids = new TreeSet<>();
    nodes.forEach(n -> ids.add(n.trim().split("[(\\[]")[0]));
    assertEquals(g.vertices().size(), ids.size());
  }
}
