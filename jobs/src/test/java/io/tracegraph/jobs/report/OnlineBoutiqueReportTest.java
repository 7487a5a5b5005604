package io.tracegraph.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.nightly.DependencyGraphJob;
import io.tracegraph.jobs.nightly.NightlyOptions;
import io.tracegraph.reports.Json;
import io.tracegraph.reports.html.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Online Boutique traces of the Nezha dataset ({@code ../shared/datasets/nezha-onlineboutique}, skipped when
 * absent): the report's graph must be Online Boutique's architecture, edge for edge as in the dataset's
 * {@code reference_service_edges.csv}, with frontend as the only entry point, and the page must open cleanly.
 * By default the fault-free minute (23k spans) is used; {@code -Dnezha.all=true} converts all 16 files (two days,
 * 270k rows) and keeps the output in {@code jobs/target/nezha-out} to look at.
 */
class OnlineBoutiqueReportTest extends SparkTestBase {
  static final Path DATASET = Path.of(System.getProperty("tracegraph.shared", "../../shared"), "datasets",
      "nezha-onlineboutique");

  @TempDir Path tmp;

  @Test
  void theReportShowsOnlineBoutiquesArchitecture() throws Exception {
    assumeTrue(Files.isDirectory(DATASET), "dataset absent: " + DATASET.toAbsolutePath().normalize());
    boolean all = Boolean.getBoolean("nezha.all");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(DATASET)) {
      files = walk.filter(p -> p.toString().endsWith("_trace.csv"))
          .filter(p -> all || p.toString().contains("construct_data")).sorted().toList();
    }
    Path spans = tmp.resolve("spans");
    Path out = all ? Path.of("target", "nezha-out").toAbsolutePath() : tmp.resolve("out");
    List<Row> rows = new ArrayList<>();
    for (Path f : files) rows.addAll(NezhaCsv.rows(f));
    ArchiveFixtures.writeRows(spark(), spans, rows);
    Set<LocalDate> days = new TreeSet<>();
    rows.forEach(r -> days.add(LocalDate.parse(r.getString(13))));
    for (LocalDate day : days) {
      new DependencyGraphJob(NightlyOptions.of(spans.toString(), out.toString(), day)).run(spark());
    }
    LocalDate last = days.stream().max(LocalDate::compareTo).orElseThrow();

    Set<String> reference = new TreeSet<>();
    Set<String> callees = new TreeSet<>();
    Set<String> services = new TreeSet<>();
    for (String line : Files.readAllLines(DATASET.resolve("reference_service_edges.csv")).subList(1, 14)) {
      String[] f = line.split(",");
      reference.add(f[0] + " -> " + f[1]);
      callees.add(f[1]);
      services.add(f[0]);
      services.add(f[1]);
    }
    Path dir = out.resolve("reports").resolve(last.toString());
    JsonNode graph = Json.mapper().readTree(dir.resolve(OutputLayout.GRAPH_JSON).toFile());
    Set<String> edges = new TreeSet<>();
    graph.get("edges").forEach(e -> edges.add(e.get("source").asText() + " -> " + e.get("target").asText()));
    assertEquals(reference, edges);
    Set<String> entries = new TreeSet<>(services);
    entries.removeAll(callees);
    Set<String> found = new TreeSet<>();
    graph.get("summary").get("entry_points").forEach(e -> found.add(e.asText()));
    assertEquals(entries, found);
    graph.get("nodes").forEach(n -> assertEquals("service", n.get("kind").asText(), n.get("id").asText()));

    var binary = HeadlessChromium.executable();
    assumeTrue(binary.isPresent(), "Chromium is not installed: browser part skipped");
    Path page = dir.resolve(OutputLayout.INDEX_HTML);
    try (HeadlessChromium chromium = HeadlessChromium.start(binary.get(), tmp.resolve("profile"))) {
      HeadlessChromium.PageResult r = chromium.load(page, 1400, 1000,
          Map.of("nodes", "document.querySelectorAll('svg#graph g.node').length"),
          Path.of("target", "screenshots", "online-boutique" + (all ? "-all" : "") + ".png"));
      assertEquals(List.of(), r.problems());
      assertEquals(List.of(page.toUri().toString()), r.requests());
      assertEquals(services.size(), r.values().get("nodes").asInt());
    }
    assertTrue(Files.exists(out.resolve("reports/index.html")));
  }
}
