package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.tables.AnalysisTables;
import io.tracegraph.jobs.tables.ExemplarsTable;
import io.tracegraph.jobs.tables.TrafficTables;
import io.tracegraph.model.OperationGraphTest;
import io.tracegraph.model.TrafficSummary;
import io.tracegraph.reports.Json;
import io.tracegraph.tools.generate.GenerateJob;
import io.tracegraph.tools.generate.GeneratorOptions;
import io.tracegraph.tools.generate.ImperfectionMode;
import io.tracegraph.tools.generate.InjectedPatterns;
import io.tracegraph.tools.generate.Perturbations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated days through Parquet, Spark and the tables: a world with known N+1 loops, retried calls, occasional
 * fan-outs and two consumer groups consuming in linked batches ({@link InjectedPatterns}) gives exactly the generator's
 * counts in {@code call_patterns}, the via-links edges and run.json; the clean world gives no call pattern and no
 * span link; and on both days the operation edges, summed per service pair, are the edges.
 */
class GeneratedPatternsTest extends SparkTestBase {
  static final LocalDate DAY = LocalDate.of(2026, 3, 2);
  static final InjectedPatterns PATTERNS = InjectedPatterns.parse(List.of("review=tax:6"), List.of("cart=tax:3"),
      List.of("ad=currency:12"), List.of("fulfillment=25", "notification=40"));

  @TempDir static Path tmp;
  static Path patterned;
  static Map<String, Object> truth;
  static Path clean;

  @BeforeAll
  static void generateAndAnalyse() {
    StageLog quiet = StageLog.quiet("test");
    Path spans = tmp.resolve("patterned-spans");
    truth = new GenerateJob(options(spans, 60_000), Perturbations.NONE.with(PATTERNS)).run(spark(), quiet);
    patterned = tmp.resolve("patterned-out");
    NightlyRunner.run(spark(), spans, patterned, DAY);

    Path cleanSpans = tmp.resolve("clean-spans");
    new GenerateJob(options(cleanSpans, 20_000)).run(spark(), quiet);
    clean = tmp.resolve("clean-out");
    NightlyRunner.run(spark(), cleanSpans, clean, DAY);
  }

  /** One day of the world without imperfections, seed 5. */
  private static GeneratorOptions options(Path spans, long count) {
    return GeneratorOptions.builder(spans.toString(), DAY).days(1).spans(count).seed(5)
        .imperfections(ImperfectionMode.NONE).master("local[2]").partitions(2).build();
  }

  /** A counter of the generator's ground truth for the day: {@code injected_patterns.<path>}. */
  @SuppressWarnings("unchecked")
  static long injected(String path) {
    Object node = ((Map<String, Object>) ((Map<String, Object>) truth.get("per_day")).get(DAY.toString()))
        .get("injected_patterns");
    for (String key : path.split("\\.")) node = ((Map<String, Object>) node).get(key);
    return ((Number) node).longValue();
  }

  static List<Row> rows(Path out, String table, String pattern) {
    return NightlyRunner.table(spark(), out, table, DAY).stream()
        .filter(r -> pattern == null || pattern.equals(r.getAs("pattern"))).toList();
  }

  static long sum(List<Row> rows, String column) {
    return rows.stream().mapToLong(r -> r.<Long>getAs(column)).sum();
  }

  /** Every injected loop of six calls review → tax is one N+1 of six calls, in the traces that hold them. */
  @Test
  void nPlusOneLoopsAreFoundExactly() {
    List<Row> loops = rows(patterned, AnalysisTables.CALL_PATTERNS.name(), "n_plus_one");
    assertEquals(1, loops.size(), loops.toString());
    Row loop = loops.get(0);
    assertEquals(List.of("review", "GET /reviews/{productId}", "tax", "POST /tax/calculate"),
        List.of(loop.getAs("caller"), loop.getAs("caller_operation"), loop.getAs("callee"),
            loop.getAs("callee_operation")));
    assertTrue(injected("n_plus_one.loops") > 50, "a varied day: " + injected("n_plus_one.loops"));
    assertEquals(injected("n_plus_one.loops"), loop.<Long>getAs("occurrences"));
    assertEquals(injected("n_plus_one.calls"), loop.<Long>getAs("calls"));
    assertEquals(injected("n_plus_one.traces"), loop.<Long>getAs("traces"));
    assertEquals(6L, loop.<Long>getAs("max_calls"));
    assertEquals(5L, loop.<Long>getAs("threshold_calls"));
    assertTrue(loop.<Long>getAs("critical_path_added_nanos") > 0, "the loop is waited for");
    assertEquals(3, loop.getList(loop.fieldIndex("example_traces")).size());
  }

  /** Calls in three attempts, two failing: two retries each, one row per operation cart serves. */
  @Test
  void retriesAreFoundExactly() {
    List<Row> retries = rows(patterned, AnalysisTables.CALL_PATTERNS.name(), "retry");
    assertFalse(retries.isEmpty());
    for (Row r : retries) {
      assertEquals("cart", r.getAs("caller"));
      assertEquals("tax", r.getAs("callee"));
      assertEquals(2L, r.<Long>getAs("max_calls"), "two retries in a row");
      assertNull(r.getAs("threshold_calls"));
    }
    assertEquals(injected("retry.retries"), sum(retries, "occurrences"));
    assertEquals(injected("retry.retries"), sum(retries, "calls"));
    // A trace with two cart operations (GetCart and EmptyCart in a checkout) is a trace of both rows.
    assertTrue(sum(retries, "traces") >= injected("retry.traces"));
    assertTrue(sum(retries, "traces") <= injected("retry.retries") / 2, "two retries per cart request");
  }

  /** The occasional twelve-wide fan-out of ad → currency is above the day's 99th percentile of one call per parent. */
  @Test
  void occasionalFanOutsAreFoundExactly() {
    List<Row> fanOuts = rows(patterned, AnalysisTables.CALL_PATTERNS.name(), "fan_out");
    assertEquals(1, fanOuts.size(), fanOuts.toString());
    Row f = fanOuts.get(0);
    assertEquals("ad", f.getAs("caller"));
    assertEquals("currency", f.getAs("callee"));
    assertTrue(injected("fan_out.fan_outs") > 0, "the seed draws some fan-outs");
    assertEquals(injected("fan_out.fan_outs"), f.<Long>getAs("occurrences"));
    assertEquals(injected("fan_out.calls"), f.<Long>getAs("calls"));
    assertEquals(injected("fan_out.traces"), f.<Long>getAs("traces"));
    assertEquals(1L, f.<Long>getAs("threshold_calls"));
    assertEquals(12L, f.<Long>getAs("max_calls"));
    assertTrue(f.<Long>getAs("parent_spans") >= 100);
  }

  /**
   * Both consumer groups of orders consume in linked batches: every message is one call order → consumer through
   * kafka via links, the producers make no call to kafka of their own, no consumer call stays in the producers'
   * traces, and run.json counts every link as joined.
   */
  @Test
  void linkedBatchConsumersAreMessagesFromTheProducers() throws Exception {
    List<Row> edges = NightlyRunner.table(spark(), patterned, TrafficTables.EDGES, DAY);
    long viaLinks = 0;
    for (Row e : edges) {
      boolean via = e.getAs("via_links");
      if (e.getAs("connection_type").equals("messaging")) {
        assertTrue(via, "every message goes through span links now: " + e);
        assertEquals("order", e.getAs("caller"));
        assertEquals("kafka", e.getAs("broker"));
        assertTrue(e.<Double>getAs("gap_min_us") > 0, "consumed after it was published");
        viaLinks += e.<Long>getAs("calls");
      } else {
        assertFalse(via);
      }
    }
    assertEquals(injected("batch.messages"), viaLinks);
    assertEquals(0, injected("batch.links_to_lost_spans"));
    JsonNode links = Json.mapper().readTree(Files.readString(NightlyRunner.report(patterned, DAY,
        OutputLayout.RUN_JSON))).get("span_links");
    assertEquals(injected("batch.messages"), links.get("links").asLong());
    assertEquals(injected("batch.messages"), links.get("messages").asLong());
    assertEquals(injected("batch.traces"), links.get("spans_with_links").asLong());
    assertEquals(0, links.get("links_outside_read_window").asLong());
    assertEquals(0, links.get("links_unreadable").asLong());
    // The example traces of the edges: a message joined through a span link has no tree (it was found after the
    // pass over the traces); it has no exemplar row, and run.json counts it.
    long edgeExamples = edges.stream().mapToLong(e -> e.getList(e.fieldIndex("slowest_traces")).size()).sum();
    long edgeRows = NightlyRunner.table(spark(), patterned, ExemplarsTable.TABLE.name(), DAY).stream()
        .filter(r -> r.getAs("kind").equals("edge_slowest")).count();
    long withoutTree = Json.mapper().readTree(Files.readString(NightlyRunner.report(patterned, DAY,
        OutputLayout.RUN_JSON))).get("exemplars").get("edge_examples_without_tree").asLong();
    assertEquals(edgeExamples - edgeRows, withoutTree);
    assertTrue(withoutTree > 0, "the via-links edges' slowest messages");
    List<Row> ops = NightlyRunner.table(spark(), patterned, TrafficTables.OPERATION_EDGES, DAY).stream()
        .filter(r -> r.<Boolean>getAs("via_links")).toList();
    assertEquals(List.of("POST /orders"), ops.stream().map(r -> r.<String>getAs("caller_operation")).distinct().toList());
  }

  /** The clean generated world holds no call pattern and no span link. */
  @Test
  void theCleanWorldHasNoPatterns() throws Exception {
    assertEquals(List.of(), rows(clean, AnalysisTables.CALL_PATTERNS.name(), null));
    assertTrue(NightlyRunner.table(spark(), clean, TrafficTables.EDGES, DAY).stream()
        .noneMatch(r -> r.<Boolean>getAs("via_links")));
    JsonNode run = Json.mapper().readTree(Files.readString(NightlyRunner.report(clean, DAY,
        OutputLayout.RUN_JSON)));
    assertEquals(0, run.get("span_links").get("links").asLong());
    assertFalse(run.get("seconds_by_stage").has("link targets"), "no first pass without links in the files");
    assertEquals(0, run.get("call_patterns").get("n_plus_one").get("occurrences").asLong());
  }

  /** On both days the operation edges, read back from Parquet and summed per service pair, are the edges. */
  @Test
  void operationEdgesSumToTheEdges() {
    for (Path out : List.of(patterned, clean)) {
      TrafficSummary stored = new TrafficSummary();
      for (String table : List.of(TrafficTables.EDGES, TrafficTables.OPERATION_EDGES)) {
        for (Row r : NightlyRunner.table(spark(), out, table, DAY)) TrafficTables.mergeRow(stored, table, r);
      }
      OperationGraphTest.assertSumsToEdges(stored);
    }
  }
}
