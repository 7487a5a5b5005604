package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.tables.AnalysisTables;
import io.tracegraph.jobs.tables.LinksTable;
import io.tracegraph.model.ErrorScenarios;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.Span;
import io.tracegraph.model.SpanKind;
import io.tracegraph.model.TestTraces;
import io.tracegraph.reports.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace analyses through Parquet → Spark job → tables and run.json, on the model's hand-built error scenarios
 * plus one skewed call: the tables hold what the scenarios say, the critical times add up per entry point, a re-run
 * gives the same rows, and {@code --links-only} writes none of it.
 */
class TraceAnalysesJobTest extends SparkTestBase {
  static final LocalDate DAY = ArchiveFixtures.dayOf(TestTraces.DAY_START_NANOS);

  @TempDir Path tmp;
  Path spans;
  Path out;

  /** Trace i of the archive has the fixture's trace id for index i. */
  static String traceId(int index) {
    return HexIds.toHex(0x5eed000000000000L | index, 0x1000000000000000L + index);
  }

  /** checkout calls inventory, whose host's clock is 300 ms ahead. */
  static List<Span> skewedCall() {
    long a = TestTraces.spanId(6000, 1);
    long b = TestTraces.spanId(6000, 2);
    long c = TestTraces.spanId(6000, 3);
    return List.of(
        TestTraces.span(a, 0, SpanKind.SERVER, "checkout", 0, 200),
        TestTraces.span(b, a, SpanKind.CLIENT, "checkout", 10, 100),
        TestTraces.span(c, b, SpanKind.SERVER, "inventory", 315, 90));
  }

  @BeforeEach
  void writeArchive() {
    spans = tmp.resolve("spans");
    out = tmp.resolve("out");
    List<List<Span>> traces = new ArrayList<>();
    for (ErrorScenarios.Scenario s : ErrorScenarios.all()) traces.add(s.spans());
    traces.add(skewedCall());
    ArchiveFixtures.write(spark(), spans, traces);
  }

  private static Map<String, Row> byKey(List<Row> rows, int... keyColumns) {
    Map<String, Row> map = new HashMap<>();
    for (Row r : rows) {
      StringBuilder key = new StringBuilder();
      for (int c : keyColumns) key.append(r.get(c)).append('|');
      map.put(key.toString(), r);
    }
    return map;
  }

  @Test
  void errorOriginsTableHoldsTheScenarios() {
    NightlyRunner.run(spark(), spans, out, DAY);

    // Expected rows from the scenarios' own expectations: one trace and one origin per path here.
    Map<String, List<String>> expected = new HashMap<>();
    List<ErrorScenarios.Scenario> scenarios = ErrorScenarios.all();
    for (int i = 0; i < scenarios.size(); i++) {
      for (ErrorScenarios.Expected e : scenarios.get(i).origins()) {
        expected.computeIfAbsent(String.join("|", e.originService(), e.originOperation(), e.surfacedService(),
            e.surfacedOperation(), e.rootService(), e.rootOperation(), Boolean.toString(e.reachedRoot()),
            Integer.toString(e.hops())), k -> new ArrayList<>()).add(traceId(i));
      }
    }
    Map<String, List<String>> found = new HashMap<>();
    for (Row r : NightlyRunner.table(spark(), out, AnalysisTables.ERROR_ORIGINS.name(), DAY)) {
      String key = String.join("|", r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
          r.getString(5), Boolean.toString(r.getBoolean(6)), Integer.toString(r.getInt(7)));
      assertEquals(r.getList(10).size(), r.getLong(8), "one example per trace here");
      assertEquals(1L, r.getLong(9));
      found.put(key, r.getList(10));
    }
    assertEquals(expected, found);

    Map<String, Row> services =
        byKey(NightlyRunner.table(spark(), out, AnalysisTables.ERROR_SERVICES.name(), DAY), 0);
    Row checkout = services.get("checkout|");
    assertEquals(0L, checkout.getLong(2), "checkout originated nothing");
    assertEquals(2L, checkout.getLong(5), "and passed errors on in two traces");
  }

  @Test
  void criticalPathAndQualityTables() throws Exception {
    NightlyRunner.run(spark(), spans, out, DAY);

    List<Row> critical = NightlyRunner.table(spark(), out, AnalysisTables.CRITICAL_PATH.name(), DAY);
    // Per entry point (and over all, null), the critical times add up to the end-to-end time.
    Map<String, long[]> sums = new HashMap<>();
    for (Row r : critical) {
      long[] s = sums.computeIfAbsent(r.get(0) + "|" + r.get(1), k -> new long[2]);
      s[0] += r.getLong(5);
      s[1] = r.getLong(14);
    }
    sums.forEach((entry, s) -> assertEquals(s[1], s[0], entry));
    assertEquals(Set.of("null|null", "frontend|server frontend", "checkout|server checkout"), sums.keySet());
    Map<String, Row> byOp = byKey(critical, 0, 2, 3);
    // client_timeout: the backend worked 980 ms of the 1200 ms request, all of it on the critical path.
    Row backend = byOp.get("frontend|backend|server backend|");
    assertEquals(980_000_000L, backend.getLong(5));
    assertEquals(traceId(3), backend.getString(11));
    // deep_origin: the failing database call took 100 ms on the path.
    assertEquals(100_000_000L, byOp.get("frontend|payment|client payment|").getLong(5));
    // The skewed inventory server is centred in its 100 ms client: 90 ms on the path, not 0.
    assertEquals(90_000_000L, byOp.get("checkout|inventory|server inventory|").getLong(5));

    Map<String, Row> quality =
        byKey(NightlyRunner.table(spark(), out, AnalysisTables.TRACE_QUALITY.name(), DAY), 0, 1);
    Row skewed = quality.get("checkout|inventory|");
    int adjusted = AnalysisTables.TRACE_QUALITY.schema().fieldIndex("skew_adjusted_spans");
    assertEquals(1L, skewed.getLong(adjusted));
    assertEquals(2L,
        quality.get("frontend|checkout|").getLong(AnalysisTables.TRACE_QUALITY.schema().fieldIndex("spans")));
    assertFalse(NightlyRunner.table(spark(), out, AnalysisTables.TRACE_SHAPES.name(), DAY).isEmpty());

    JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile());
    assertEquals(4, run.get("errors").get("failed_traces").asLong());
    assertEquals(1, run.get("errors").get("failed_traces_handled").asLong());
    assertEquals(5, run.get("trace_quality").get("traces").asLong());
    JsonNode skew = run.get("clock_skew");
    assertEquals(1, skew.size());
    assertEquals("inventory", skew.get(0).get("child").asText());
    assertEquals(-300.0, skew.get(0).get("mean_shift_ms").asDouble());
    assertEquals(5, run.get("critical_path").get("traces_analysed").asLong());
  }

  /** The same input gives the same rows, and re-running replaces the day's tables. */
  @Test
  void rerunGivesIdenticalTables() {
    NightlyRunner.run(spark(), spans, out, DAY);
    Map<String, List<Row>> first = new HashMap<>();
    List<String> tables = List.of(AnalysisTables.ERROR_ORIGINS.name(), AnalysisTables.ERROR_SERVICES.name(),
        AnalysisTables.CRITICAL_PATH.name(), AnalysisTables.TRACE_QUALITY.name(), AnalysisTables.TRACE_SHAPES.name());
    for (String t : tables) first.put(t, NightlyRunner.table(spark(), out, t, DAY));
    NightlyRunner.run(spark(), spans, out, DAY);
    for (String t : tables) assertEquals(first.get(t), NightlyRunner.table(spark(), out, t, DAY), t);
  }

  /** With --max-skew 0 nothing moves; with --links-only no analysis table is written at all. */
  @Test
  void maxSkewZeroAndLinksOnly() throws Exception {
    NightlyRunner.run(spark(), NightlyOptions.builder(spans.toString(), out.toString(), DAY).maxSkew(Duration.ZERO)
        .build());
    Map<String, Row> critical =
        byKey(NightlyRunner.table(spark(), out, AnalysisTables.CRITICAL_PATH.name(), DAY), 0, 2, 3);
    // Unadjusted, the inventory server lies after its client ended: dropped from the path.
    assertFalse(critical.containsKey("checkout|inventory|server inventory|"));
    JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile());
    assertEquals(0, run.get("clock_skew").size());

    Path linksOnly = tmp.resolve("links-only");
    DependencyGraphJob.Result result = NightlyRunner.run(spark(),
        NightlyOptions.builder(spans.toString(), linksOnly.toString(), DAY).linksOnly(true).build());
    assertFalse(result.links().isEmpty());
    Set<String> tables = new HashSet<>();
    try (var dirs = Files.list(linksOnly.resolve("tables"))) {
      dirs.forEach(d -> tables.add(d.getFileName().toString()));
    }
    assertEquals(Set.of(LinksTable.TABLE.name()), tables);
    JsonNode linksOnlyRun = Json.mapper().readTree(
        NightlyRunner.report(linksOnly, DAY, OutputLayout.RUN_JSON).toFile());
    assertTrue(linksOnlyRun.get("analyses").get("links_only").asBoolean());
    assertFalse(linksOnlyRun.has("errors"));
  }
}
