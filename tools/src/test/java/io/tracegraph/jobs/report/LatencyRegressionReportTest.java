package io.tracegraph.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.nightly.NightlyOptions;
import io.tracegraph.jobs.nightly.NightlyRunner;
import io.tracegraph.jobs.tables.TrafficTables;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.reports.Json;
import io.tracegraph.reports.diff.LatencyTest;
import io.tracegraph.reports.html.Html;
import io.tracegraph.tools.generate.GenerateJob;
import io.tracegraph.tools.generate.GeneratorOptions;
import io.tracegraph.tools.generate.ImperfectionMode;
import io.tracegraph.tools.generate.Perturbations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latency test of the day-over-day diff, end to end: two generated days of the same world (complete traces,
 * so that the generator's call structure is exactly the graph), the second with {@code feature-flags} three times slower at its own work and a new call
 * {@code payment → tax}. The diff must flag exactly the edges into feature-flags as latency regressions, with
 * p-values, list payment → tax as the only new edge, and raise nothing else: every other edge, including the callers
 * of feature-flags whose own durations grew by a little, stays quiet. Day 1's durations come back from its
 * {@code edges} table, day 2's from memory.
 */
class LatencyRegressionReportTest extends SparkTestBase {
  static final LocalDate DAY1 = LocalDate.of(2026, 4, 6);
  static final LocalDate DAY2 = DAY1.plusDays(1);
  static final String SLOW = "feature-flags";
  static final long SPANS_PER_DAY = 60_000;

  @TempDir static Path tmp;
  static Path spans;
  static Path out;

  @BeforeAll
  static void twoDays() {
    spans = tmp.resolve("spans");
    out = tmp.resolve("out");
    StageLog quiet = StageLog.quiet("test");
    new GenerateJob(options(DAY1)).run(spark(), quiet);
    new GenerateJob(options(DAY2), Perturbations.parse(List.of(SLOW + "=3"), List.of("payment=tax")))
        .run(spark(), quiet);
    NightlyRunner.run(spark(), spans, out, DAY1);
    NightlyRunner.run(spark(), spans, out, DAY2);
  }

  static GeneratorOptions options(LocalDate day) {
    return GeneratorOptions.builder(spans.toString(), day).days(1).spans(SPANS_PER_DAY).seed(21)
        .imperfections(ImperfectionMode.NONE).master("local[2]").partitions(2).build();
  }

  static JsonNode json(LocalDate day, String file) throws Exception {
    return Json.mapper().readTree(NightlyRunner.report(out, day, file).toFile());
  }

  static Set<String> edges(JsonNode list) {
    Set<String> set = new TreeSet<>();
    list.forEach(e -> set.add(e.get("parent").asText() + " -> " + e.get("child").asText()));
    return set;
  }

  /** Edges into the slowed service with enough calls on both days to be tested. */
  static Set<String> slowedEdges() throws Exception {
    Map<String, Long> before = new HashMap<>();
    for (DependencyLink l : NightlyRunner.jsonLinks(out, DAY1)) before.put(l.parent() + " -> " + l.child(), l.callCount());
    Set<String> expected = new TreeSet<>();
    for (DependencyLink l : NightlyRunner.jsonLinks(out, DAY2)) {
      Long b = before.get(l.parent() + " -> " + l.child());
      if (l.child().equals(SLOW) && b != null && b >= LatencyTest.MIN_SAMPLES && l.callCount() >= LatencyTest.MIN_SAMPLES) {
        expected.add(l.parent() + " -> " + l.child());
      }
    }
    return expected;
  }

  @Test
  void theDiffFlagsExactlyTheSlowedServicesEdgesAndTheNewEdge() throws Exception {
    JsonNode diff = json(DAY2, OutputLayout.DIFF_JSON);
    assertEquals(DAY1.toString(), diff.get("previous_date").asText());
    assertEquals(Set.of("payment -> tax"), edges(diff.get("new_edges")), diff.toString());
    assertEquals("[]", diff.get("new_services").toString());
    assertEquals(Set.of(), edges(diff.get("vanished_edges")));

    JsonNode latency = diff.get("latency_regressions");
    Set<String> expected = slowedEdges();
    assertTrue(expected.size() >= 4, "feature-flags has several callers: " + expected);
    assertEquals(expected, edges(latency.get("regressions")), "exactly the edges into " + SLOW + ": " + latency);
    int tested = latency.get("edges_tested").asInt();
    assertTrue(tested >= 30, "most edges were compared, and stayed quiet: " + tested);
    double threshold = latency.get("p_value_threshold").asDouble();
    assertEquals(0.01 / tested, threshold, threshold * 1e-3);
    for (JsonNode r : latency.get("regressions")) {
      assertTrue(r.get("p_value").asDouble() < threshold, r.toString());
      double ratio = r.get("median_after_micros").asDouble() / r.get("median_before_micros").asDouble();
      assertTrue(ratio >= 1.2, "a material slow-down: " + r);
      assertTrue(r.get("samples_before").asInt() >= LatencyTest.MIN_SAMPLES, r.toString());
    }
    assertEquals(0, diff.get("error_rate_changes").get("changes").size(), "error rates did not change");
    assertTrue(json(DAY1, OutputLayout.DIFF_JSON).get("latency_regressions").get("regressions").isEmpty());
  }

  /** The HTML diff section lists the same regressions with their p-values, and the new edge. */
  @Test
  void theHtmlShowsTheRegressionsAndTheNewEdge() throws Exception {
    String html = Files.readString(NightlyRunner.report(out, DAY2, OutputLayout.INDEX_HTML));
    String latency = section(html, "<div id=\"latency-regressions\"", "</div>");
    JsonNode regressions = json(DAY2, OutputLayout.DIFF_JSON).get("latency_regressions").get("regressions");
    for (JsonNode r : regressions) {
      String row = "<td class=\"name\">" + Html.text(r.get("parent").asText()) + "</td><td class=\"name\">" + SLOW + "</td>";
      assertTrue(latency.contains(row), row);
    }
    assertEquals(regressions.size(), latency.split("<tr>", -1).length - 2, "one row per regression (plus the header)");
    assertTrue(latency.contains(Html.pValue(regressions.get(0).get("p_value").asDouble()).substring(0, 4)));
    String added = section(html, "<div id=\"new-edges\">", "</div>");
    assertTrue(added.contains("<td class=\"name\">payment</td><td class=\"name\">tax</td>"), added);
    for (String id : List.of("slowest-edges", "surprises", "hourly", "error-origins", "critical-path", "trace-quality")) {
      assertTrue(html.contains("id=\"" + id + "\""), id);
    }
    assertFalse(html.contains("Not in this report"), "every section has its data");
  }

  /** graph.json carries the edges table's latency and the services table's reach. */
  @Test
  void theGraphCarriesTheTrafficStatistics() throws Exception {
    JsonNode graph = json(DAY2, OutputLayout.GRAPH_JSON);
    Map<String, JsonNode> edges = new HashMap<>();
    graph.get("edges").forEach(e -> edges.put(e.get("source").asText() + " -> " + e.get("target").asText(), e));
    JsonNode ff = edges.get("checkout -> " + SLOW);
    Row row = NightlyRunner.table(spark(), out, TrafficTables.EDGES, DAY2).stream()
        .filter(r -> r.getAs("caller").equals("checkout") && r.getAs("callee").equals(SLOW)).findFirst().orElseThrow();
    assertEquals(Math.round(row.<Double>getAs("client_p50_us")), ff.get("p50_micros").asLong());
    assertEquals(Math.round(row.<Double>getAs("client_p99_us")), ff.get("p99_micros").asLong());
    long perHour = 0;
    for (JsonNode c : ff.get("calls_per_hour")) perHour += c.asLong();
    assertEquals(ff.get("calls").asLong(), perHour);
    Map<String, JsonNode> nodes = new HashMap<>();
    graph.get("nodes").forEach(n -> nodes.put(n.get("id").asText(), n));
    Row services = NightlyRunner.table(spark(), out, TrafficTables.SERVICES, DAY2).stream()
        .filter(r -> r.getAs("service").equals(SLOW)).findFirst().orElseThrow();
    assertEquals(services.<Double>getAs("reach"), nodes.get(SLOW).get("reach").asDouble(), 1e-6);
    assertNotNull(nodes.get(SLOW).get("self_time_micros").numberValue());
    assertTrue(nodes.get("frontend").get("declared_entry_point").asBoolean());
    assertFalse(nodes.get("checkout").get("declared_entry_point").asBoolean());
  }

  /** With --links-only the report is the links alone, and says what it lacks. */
  @Test
  void linksOnlyStillWritesTheReport() throws Exception {
    Path linksOnly = tmp.resolve("links-only");
    NightlyRunner.run(spark(), NightlyOptions.builder(spans.toString(), linksOnly.toString(), DAY2).linksOnly(true)
        .build());
    String html = Files.readString(NightlyRunner.report(linksOnly, DAY2, OutputLayout.INDEX_HTML));
    assertTrue(html.contains("id=\"busiest-edges\""));
    assertFalse(html.contains("id=\"slowest-edges\""));
    assertFalse(html.contains("id=\"error-origins\""));
    assertTrue(html.contains("Not in this report"));
    JsonNode graph = Json.mapper().readTree(NightlyRunner.report(linksOnly, DAY2, OutputLayout.GRAPH_JSON).toFile());
    assertTrue(graph.get("edges").get(0).get("p50_micros").isNull());
  }

  private static String section(String html, String start, String end) {
    int from = html.indexOf(start);
    assertTrue(from >= 0, "no " + start);
    return html.substring(from, html.indexOf(end, from + start.length()) + end.length());
  }
}
