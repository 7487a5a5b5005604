package io.tracegraph.jobs.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.cli.TracegraphCli;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.nightly.NightlyOptions;
import io.tracegraph.jobs.nightly.NightlyRunner;
import io.tracegraph.jobs.tables.ExemplarsTable;
import io.tracegraph.model.TraceId;
import io.tracegraph.reports.Json;
import io.tracegraph.reports.trace.TraceJson;
import io.tracegraph.reports.trace.TraceUrl;
import io.tracegraph.tools.generate.ImperfectionMode;
import io.tracegraph.tools.generate.Perturbations;
import io.tracegraph.tools.generate.TestGeneration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated day with a known slow dependency ({@code --slower recommendation=40}: its own work, ranking products,
 * takes 40 times as long) and a known failing database ({@code --failing-database stock=0.3}), run through the
 * nightly job: the exemplars show what was injected, the {@code exemplars} table finds them, the report links them,
 * and {@code tracegraph trace} prints any of them from the archive, every span.
 */
class ExemplarsDayTest extends SparkTestBase {
  static final LocalDate DAY = LocalDate.of(2026, 3, 2);
  @TempDir static Path tmp;
  static Path spans;
  static Path out;
  static List<Row> exemplars;

  @BeforeAll
  static void generateAndRun() {
    spans = tmp.resolve("spans");
    out = tmp.resolve("out");
    Perturbations injected = Perturbations.parse(List.of("recommendation=40"), List.of(), List.of("stock=0.3"));
    TestGeneration.generate(spark(), TestGeneration.options(spans, DAY).spans(20_000).seed(11)
        .imperfections(ImperfectionMode.REALISTIC), injected);
    NightlyRunner.run(spark(), NightlyOptions.of(spans.toString(), out.toString(), DAY)
        .toBuilder().traceUrl(TraceUrl.of("https://jaeger.example/trace/{traceId}")).build());
    exemplars = NightlyRunner.table(spark(), out, ExemplarsTable.TABLE.name(), DAY);
  }

  private static Row exemplar(String kind, String entryOperation) {
    return exemplars.stream().filter(r -> r.getAs("kind").equals(kind) && "frontend".equals(r.getAs("entry_service"))
        && entryOperation.equals(r.getAs("entry_operation"))).findFirst().orElseThrow();
  }

  /**
   * The requests that wait on recommendation (the home page and the product page) are dominated by its slowed-down
   * work, in their slowest trace and in their typical one alike; the search page, which never calls it, is not.
   */
  @Test
  void theDominantSpanIsTheSlowedDependency() {
    for (String entry : List.of("GET /", "GET /product/{id}")) {
      for (String kind : List.of("entry_slowest", "entry_p50")) {
        Row r = exemplar(kind, entry);
        assertEquals("recommendation", r.getAs("dominant_service"), kind + " " + entry + ": " + r);
        // Its own work: ranking products, or the server span's own time around it (both slowed 40 times).
        assertTrue(List.of("rank products", "oteldemo.RecommendationService/ListRecommendations")
            .contains(r.<String>getAs("dominant_operation")), kind + " " + entry + ": " + r);
      }
    }
    Row search = exemplar("entry_slowest", "GET /search");
    assertFalse("recommendation".equals(search.getAs("dominant_service")), search.toString());
    Row typical = exemplar("entry_p50", "GET /");
    long p50 = typical.getAs("entry_p50_nanos");
    long duration = typical.getAs("duration_nanos");
    assertTrue(Math.abs(duration - p50) < 0.25 * p50, "the typical trace lies near the median: " + duration + " vs " + p50);
    assertTrue(exemplar("entry_slowest", "GET /").<Long>getAs("duration_nanos") >= duration);
  }

  /**
   * The error path with the most failed traces starts at the stock database, and its exemplar is a trace whose
   * injected origin (the generator's ground truth) is exactly that call.
   */
  @Test
  void theErrorExemplarStartsAtTheFailingDatabase() {
    List<Row> paths = spark().read().parquet(out.resolve("tables/error_origins").toString())
        .where("date = '" + DAY + "'").orderBy(org.apache.spark.sql.functions.col("trace_count").desc()).collectAsList();
    Row top = paths.get(0);
    assertEquals("inventory", top.getAs("origin_service"));
    assertTrue(List.of("SELECT stock", "UPDATE stock").contains(top.<String>getAs("origin_operation")), top.toString());
    Row ex = exemplars.stream().filter(r -> r.getAs("kind").equals("error_origin")
        && r.getAs("origin_operation").equals(top.getAs("origin_operation"))
        && r.getAs("surfaced_operation").equals(top.getAs("surfaced_operation"))
        && r.getAs("hops").equals(top.getAs("hops")) && r.getAs("root_operation").equals(top.getAs("root_operation")))
        .findFirst().orElseThrow();
    Row truth = spark().read().parquet(spans.resolve("_generator/traces").toString())
        .where("trace_id = '" + ex.getAs("trace_id") + "'").collectAsList().get(0);
    assertEquals("inventory", truth.getAs("error_origin_service"));
    assertEquals(top.<String>getAs("origin_operation"), truth.getAs("error_origin_operation"));
    assertTrue(ex.<Integer>getAs("error_spans") > 0);
  }

  /** Every edge's slowest examples in the edges table have an exemplar row with the same trace and call duration. */
  @Test
  void edgeExemplarsAreTheEdgesSlowestTraces() {
    List<Row> edges = NightlyRunner.table(spark(), out, "edges", DAY);
    Set<String> fromEdges = new HashSet<>();
    for (Row e : edges) {
      for (Row x : e.<Row>getList(e.fieldIndex("slowest_traces"))) {
        fromEdges.add(e.getAs("caller") + ">" + e.getAs("callee") + ">" + e.getAs("connection_type") + ">"
            + x.getAs("trace_id"));
      }
    }
    Set<String> fromExemplars = new HashSet<>();
    for (Row r : exemplars) {
      if (!r.getAs("kind").equals("edge_slowest")) continue;
      fromExemplars.add(r.getAs("caller") + ">" + r.getAs("callee") + ">" + r.getAs("connection_type") + ">"
          + r.getAs("trace_id"));
    }
    assertEquals(fromEdges, fromExemplars);
  }

  /** A day without span links keeps the tree of every edge example: none is counted as missing. */
  @Test
  void everyEdgeExampleHasItsTree() throws Exception {
    JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile());
    assertEquals(0, run.get("exemplars").get("edge_examples_without_tree").asLong());
  }

  @Test
  void runJsonAndTheReportShowTheExemplars() throws Exception {
    JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile());
    assertEquals(3, run.get("tables_schema_version").asInt());
    JsonNode section = run.get("exemplars");
    assertEquals(exemplars.size(), section.get("rows").get("entry_slowest").asLong()
        + section.get("rows").get("entry_p50").asLong() + section.get("rows").get("error_origin").asLong()
        + section.get("rows").get("edge_slowest").asLong());
    assertTrue(section.get("traces").asLong() > 10);
    String html = Files.readString(NightlyRunner.report(out, DAY, "index.html"));
    String slowest = exemplar("entry_slowest", "GET /").getAs("trace_id");
    assertTrue(html.contains("href=\"#trace-" + slowest + "\""), "the critical-path table links the slowest trace");
    assertTrue(html.contains("href=\"https://jaeger.example/trace/" + slowest + "\""), "and the tracing UI");
    assertTrue(html.contains("id=\"trace-data\""));
    assertTrue(html.contains("\"" + slowest + "\":{\"id\""), "the page holds its tree");
  }

  /** tracegraph trace on an id from the exemplars table prints every span of it, in each format. */
  @Test
  void theTraceCommandPrintsEverySpanOfAnExemplar() throws Exception {
    Row r = exemplar("entry_slowest", "GET /product/{id}");
    String id = r.getAs("trace_id");
    int spanCount = r.getAs("span_count");
    assertTrue(spanCount > 20, "a real request: " + spanCount + " spans");

    String text = run("trace", "--spans", spans.toString(), "--date", DAY.toString(), "--trace-id", id,
        "--master", "local[2]");
    List<String> spanLines = text.lines().filter(l -> l.matches(".*\\|[ #=]{40}\\|.*")).toList();
    assertEquals(spanCount, spanLines.size(), text);
    assertTrue(text.startsWith("trace " + id), text);
    assertTrue(text.contains("where the time went: recommendation ") || text.contains("where the time went: frontend"
        + " -> recommendation "), text);

    // The JSON of the same trace, read in-process (the CLI path is the same as for text) with the id in upper case.
    String json = TraceJson.render(TraceReader.read(spark(), new TraceReader.Request(spans.toString(), null, null, DAY,
        java.time.Duration.ofHours(1), TraceId.parse(id.toUpperCase(java.util.Locale.ROOT)),
        java.time.Duration.ofSeconds(1), io.tracegraph.model.CompactTrace.NO_LIMIT),
        StageLog.quiet("test")), null);
    JsonNode tree = Json.mapper().readTree(json);
    assertEquals(spanCount, tree.get("spans").size());
    Set<String> printed = new HashSet<>();
    tree.get("spans").forEach(s -> printed.add(s.get("span_id").asText()));
    Set<String> archived = new HashSet<>();
    for (Row s : spark().read().parquet(spans.toString()).where("lower(trace_id) = '" + id + "'")
        .where("span_id != ''").select("span_id").collectAsList()) {
      archived.add(s.getString(0).toLowerCase(java.util.Locale.ROOT));
    }
    assertEquals(archived, printed, "every span the archive holds of the trace, each once");

    Path page = tmp.resolve("trace.html");
    run("trace", "--spans", spans.toString(), "--date", DAY.toString(), "--trace-id", id, "--format", "html",
        "--output", page.toString(), "--master", "local[2]");
    String html = Files.readString(page);
    assertTrue(html.contains("id=\"trace-data\"") && html.contains("\"open\":\"" + id + "\""));
  }

  /** A trace that is not there is named, with what was searched, and exit code 6; a bad id is a usage error. */
  @Test
  void aMissingTraceIsNamedClearly() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = TracegraphCli.run("trace", "--spans", spans.toString(), "--date", DAY.toString(), "--trace-id",
          "0123456789abcdef0123456789abcdef", "--master", "local[2]");
    } finally {
      System.setErr(saved);
    }
    assertEquals(TracegraphCli.NOT_FOUND, code);
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("tracegraph: not found: no span of trace 0123456789abcdef0123456789abcdef in "
        + spans + " (archive) for " + DAY), message);
    assertTrue(message.contains("row groups that may hold the trace"), message);
    assertEquals(TracegraphCli.USAGE, TracegraphCli.run("trace", "--spans", spans.toString(), "--date",
        DAY.toString(), "--trace-id", "not-hex"));
    assertEquals(TracegraphCli.USAGE, TracegraphCli.run("trace", "--spans", spans.toString(), "--date",
        DAY.toString(), "--trace-id", "abc", "--trace-url", "javascript:alert(1)//{traceId}"));
    assertEquals(TracegraphCli.USAGE, TracegraphCli.run("nightly", "--spans", spans.toString(), "--out",
        out.toString(), "--trace-url", "ftp://x/{traceId}"));
  }

  /** Runs the command line and returns what it printed on standard output (exit code 0 asserted). */
  static String run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      assertEquals(0, TracegraphCli.run(args), String.join(" ", args));
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
