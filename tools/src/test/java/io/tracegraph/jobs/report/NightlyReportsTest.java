package io.tracegraph.jobs.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.nightly.DependencyGraphJob;
import io.tracegraph.jobs.nightly.NightlyOptions;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.Span;
import io.tracegraph.model.SpanKind;
import io.tracegraph.reports.DependenciesJson;
import io.tracegraph.reports.Json;
import io.tracegraph.reports.html.HeadlessChromium;
import io.tracegraph.tools.generate.ImperfectionMode;
import io.tracegraph.tools.generate.TestGeneration;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.nio.dot.DOTImporter;
import org.jgrapht.util.SupplierUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job's graph reports over two generated days, the second with an edge added (checkout → loyalty, a new
 * service) and one edge failing (300 extra frontend → ad calls, all failed): the exports, the diff and the HTML, end
 * to end through Parquet and Spark.
 */
class NightlyReportsTest extends SparkTestBase {
  static final LocalDate DAY1 = LocalDate.of(2026, 3, 2);
  static final LocalDate DAY2 = DAY1.plusDays(1);
  static final int NEW_EDGE_TRACES = 60;
  static final int FAILING_TRACES = 300;

  @TempDir static Path tmp;
  static Path spans;
  static Path out;

  @BeforeAll
  static void twoDays() {
    spans = tmp.resolve("spans");
    out = tmp.resolve("out");
    TestGeneration.generate(spark(), TestGeneration.options(spans, DAY1).days(2).spans(40_000).seed(5)
        .imperfections(ImperfectionMode.NONE));
    ArchiveFixtures.write(spark(), spans, changesOfDay2());
    run(DAY1);
    run(DAY2);
  }

  /** Day 2's additions: traces with the new edge checkout → loyalty, and traces whose frontend → ad call failed. */
  static List<List<Span>> changesOfDay2() {
    long tenAm = DAY2.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L + 36_000_000_000_000L;
    List<List<Span>> traces = new ArrayList<>();
    for (int i = 0; i < NEW_EDGE_TRACES + FAILING_TRACES; i++) {
      long t = tenAm + i * 1_000_000_000L;
      boolean newEdge = i < NEW_EDGE_TRACES;
      String caller = newEdge ? "checkout" : "frontend";
      String callee = newEdge ? "loyalty" : "ad";
      traces.add(List.of(
          new Span(1, 0, caller, "POST /x", SpanKind.SERVER, t, t + 9_000_000, false, null),
          new Span(2, 1, caller, "call " + callee, SpanKind.CLIENT, t + 1_000_000, t + 8_000_000, !newEdge, null),
          new Span(3, 2, callee, "handle", SpanKind.SERVER, t + 2_000_000, t + 7_000_000, !newEdge, null)));
    }
    return traces;
  }

  static void run(LocalDate day) {
    new DependencyGraphJob(NightlyOptions.of(spans.toString(), out.toString(), day)).run(spark());
  }

  Path report(LocalDate day, String file) {
    return out.resolve("reports").resolve(day.toString()).resolve(file);
  }

  JsonNode json(LocalDate day, String file) throws Exception {
    return Json.mapper().readTree(report(day, file).toFile());
  }

  static Set<String> edges(JsonNode list) {
    Set<String> set = new TreeSet<>();
    list.forEach(e -> set.add(e.get("parent").asText() + " -> " + e.get("child").asText()));
    return set;
  }

  @Test
  void theDiffFindsTheAddedEdgeAndTheFailingEdge() throws Exception {
    JsonNode diff = json(DAY2, OutputLayout.DIFF_JSON);
    assertEquals(DAY1.toString(), diff.get("previous_date").asText());
    assertEquals("[\"loyalty\"]", diff.get("new_services").toString());
    assertEquals("[]", diff.get("vanished_services").toString());
    assertEquals(Set.of("checkout -> loyalty"), edges(diff.get("new_edges")));
    assertEquals(NEW_EDGE_TRACES, diff.get("new_edges").get(0).get("calls").asLong());
    assertEquals(Set.of(), edges(diff.get("vanished_edges")));
    JsonNode errors = diff.get("error_rate_changes");
    assertEquals(Set.of("frontend -> ad"), edges(errors.get("changes")), "only the edge made to fail");
    JsonNode ad = errors.get("changes").get(0);
    assertTrue(ad.get("p_value").asDouble() < errors.get("p_value_threshold").asDouble());
    assertTrue(ad.get("errors_after").asLong() >= FAILING_TRACES);

    // Call-volume flags: exactly the edges of both days whose counts moved by >= 50% with >= 20 calls on one day.
    Map<String, Long> before = new HashMap<>();
    for (DependencyLink l : DependenciesJson.parse(Files.readString(report(DAY1, "dependencies.json")))) {
      before.put(l.parent() + " -> " + l.child(), l.callCount());
    }
    Set<String> expected = new TreeSet<>();
    for (DependencyLink l : DependenciesJson.parse(Files.readString(report(DAY2, "dependencies.json")))) {
      Long b = before.get(l.parent() + " -> " + l.child());
      if (b == null) continue;
      double change = Math.abs(l.callCount() - b) * 100.0 / b;
      if (change >= 50 && Math.max(b, l.callCount()) >= 20) expected.add(l.parent() + " -> " + l.child());
    }
    assertEquals(expected, edges(diff.get("call_volume_changes")));
    // Latency: day 1's durations come back from its edges table. The only edge whose durations changed is
    // frontend -> ad (300 added calls of 7 ms); nothing else may be flagged.
    JsonNode latency = diff.get("latency_regressions");
    assertTrue(latency.get("edges_tested").asInt() >= 30, latency.toString());
    Set<String> slower = edges(latency.get("regressions"));
    assertTrue(Set.of("frontend -> ad").containsAll(slower), "no false alarms: " + slower);

    assertTrue(json(DAY1, OutputLayout.DIFF_JSON).get("previous_date").isNull(), "day 1 has no earlier day");
  }

  /** graph.json has a node per vertex with peers told apart from services, and graph.dot reads back as the links. */
  @Test
  void theExportsDescribeTheDaysLinks() throws Exception {
    List<DependencyLink> links = DependenciesJson.parse(Files.readString(report(DAY2, "dependencies.json")));
    Set<String> vertices = new TreeSet<>();
    links.forEach(l -> { vertices.add(l.parent()); vertices.add(l.child()); });
    JsonNode graph = json(DAY2, OutputLayout.GRAPH_JSON);
    Map<String, String> kinds = new HashMap<>();
    graph.get("nodes").forEach(n -> kinds.put(n.get("id").asText(), n.get("kind").asText()));
    assertEquals(vertices, new TreeSet<>(kinds.keySet()));
    assertEquals(links.size(), graph.get("edges").size());
    assertEquals("service", kinds.get("frontend"));
    assertEquals("service", kinds.get("loyalty"));
    for (String peer : List.of("web-lb", "redis", "kafka", "payment-provider")) assertEquals("peer", kinds.get(peer), peer);
    // Entry points: web-lb (nobody calls it), and services where at least 1% of the traces start: frontend, and
    // checkout, where day 2's added traces start.
    Set<String> entries = new TreeSet<>();
    graph.get("summary").get("entry_points").forEach(n -> entries.add(n.asText()));
    assertEquals(Set.of("web-lb", "frontend", "checkout"), entries);

    Graph<String, DefaultEdge> dot = GraphTypeBuilder.<String, DefaultEdge>directed().allowingSelfLoops(true)
        .vertexSupplier(SupplierUtil.createStringSupplier()).edgeSupplier(SupplierUtil.createDefaultEdgeSupplier())
        .buildGraph();
    DOTImporter<String, DefaultEdge> importer = new DOTImporter<>();
    importer.setVertexFactory(id -> id);
    Map<DefaultEdge, Long> calls = new HashMap<>();
    importer.addEdgeAttributeConsumer((p, a) -> {
      if (p.getSecond().equals("calls")) calls.put(p.getFirst(), Long.parseLong(a.getValue()));
    });
    importer.importGraph(dot, new StringReader(Files.readString(report(DAY2, OutputLayout.GRAPH_DOT))));
    List<DependencyLink> fromDot = new ArrayList<>();
    for (DefaultEdge e : dot.edgeSet()) {
      DependencyLink l = links.stream().filter(x -> x.parent().equals(dot.getEdgeSource(e))
          && x.child().equals(dot.getEdgeTarget(e))).findFirst().orElseThrow();
      assertEquals(l.callCount(), calls.get(e), l.toString());
      fromDot.add(l);
    }
    assertEquals(links.size(), fromDot.size());
    for (String f : List.of(OutputLayout.GRAPH_GRAPHML, OutputLayout.GRAPH_MMD, OutputLayout.INDEX_HTML)) {
      assertTrue(Files.size(report(DAY2, f)) > 0, f);
    }
  }

  /** The index lists both days, newest first; no temporary file is left beside it. */
  @Test
  void theReportsIndexListsTheDays() throws Exception {
    String index = Files.readString(out.resolve("reports/index.html"));
    assertTrue(index.indexOf(DAY2 + "/index.html") >= 0);
    assertTrue(index.indexOf(DAY2 + "/index.html") < index.indexOf(DAY1 + "/index.html"));
    try (Stream<Path> files = Files.list(out.resolve("reports"))) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList());
    }
  }

  /** Running day 2 again writes byte-identical reports. */
  @Test
  void rerunningADayGivesTheSameReports() throws Exception {
    List<String> files = List.of(OutputLayout.GRAPH_JSON, OutputLayout.GRAPH_DOT, OutputLayout.GRAPH_GRAPHML,
        OutputLayout.GRAPH_MMD, OutputLayout.DIFF_JSON, OutputLayout.INDEX_HTML);
    Map<String, byte[]> first = new HashMap<>();
    for (String f : files) first.put(f, Files.readAllBytes(report(DAY2, f)));
    byte[] index = Files.readAllBytes(out.resolve("reports/index.html"));
    run(DAY2);
    for (String f : files) assertArrayEquals(first.get(f), Files.readAllBytes(report(DAY2, f)), f);
    assertArrayEquals(index, Files.readAllBytes(out.resolve("reports/index.html")));
  }

  /** Chromium opens day 2's report from disk: no errors, no requests, every service drawn, the new edge listed. */
  @Test
  void theReportOpensCleanlyInABrowser() throws Exception {
    var binary = HeadlessChromium.executable();
    org.junit.jupiter.api.Assumptions.assumeTrue(binary.isPresent(), "Chromium is not installed: skipped");
    int vertices = json(DAY2, OutputLayout.GRAPH_JSON).get("nodes").size();
    Path page = report(DAY2, OutputLayout.INDEX_HTML);
    try (HeadlessChromium chromium = HeadlessChromium.start(binary.get(), tmp.resolve("profile"))) {
      HeadlessChromium.PageResult r = chromium.load(page, 1400, 1000, Map.of(
          "nodes", "document.querySelectorAll('svg#graph g.node').length",
          "changes", "document.getElementById('changes').textContent",
          "sparklines", "document.querySelectorAll('#hourly svg.spark').length",
          "tables", "['slowest-edges','surprises','error-origins','critical-path','trace-quality']"
              + ".filter(function(id){var e=document.getElementById(id);return e && e.querySelector('table, p');}).length"),
          Path.of("target", "screenshots", "generated-day.png"));
      assertEquals(List.of(), r.problems());
      assertEquals(List.of(page.toUri().toString()), r.requests());
      assertEquals(vertices, r.values().get("nodes").asInt());
      assertTrue(r.values().get("changes").asText().contains("loyalty"));
      assertEquals(5, r.values().get("tables").asInt(), "slowest edges, surprises and the three analysis tables");
      assertTrue(r.values().get("sparklines").asInt() > 10, "calls per hour, all edges and the busiest");
      HeadlessChromium.PageResult index = chromium.load(out.resolve("reports/index.html"), 1000, 400, Map.of(),
          Path.of("target", "screenshots", "generated-index.png"));
      assertEquals(List.of(), index.problems());
    }
    assertFalse(Files.exists(out.resolve(".staging")));
  }
}
