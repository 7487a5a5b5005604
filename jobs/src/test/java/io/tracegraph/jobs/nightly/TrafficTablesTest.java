package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.tables.TableRows;
import io.tracegraph.jobs.tables.TrafficTables;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.LatencySketch;
import io.tracegraph.model.Span;
import io.tracegraph.model.TestTraces;
import io.tracegraph.model.TrafficScenarios;
import io.tracegraph.reports.Json;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traffic tables end to end: the hand-built checkout traces ({@link TrafficScenarios}) through Parquet, the
 * nightly job and the written tables, every column checked against numbers worked out by hand; sampling weights
 * from the attributes; and the same input giving the same rows.
 */
class TrafficTablesTest extends SparkTestBase {
  static final LocalDate DAY = LocalDate.of(2024, 5, 1);
  static final String TRACE_1 = HexIds.toHex(0x5eed000000000000L | 1, 0x1000000000000000L + 1);
  static final String TRACE_2 = HexIds.toHex(0x5eed000000000000L | 2, 0x1000000000000000L + 2);
  static final long MS = 1_000_000L;

  @TempDir Path tmp;

  private Path writeCheckoutTraces() {
    Path spans = tmp.resolve("spans");
    List<Row> rows = new ArrayList<>();
    for (Span s : TrafficScenarios.trace1()) rows.add(ArchiveFixtures.row(TrafficScenarios.TRACE_1, s));
    for (Span s : TrafficScenarios.trace2()) rows.add(ArchiveFixtures.row(TrafficScenarios.TRACE_2, s));
    ArchiveFixtures.writeRows(spark(), spans, rows);
    return spans;
  }

  private List<Row> table(Path out, String name) {
    return spark().read().parquet(out.resolve("tables").resolve(name).toString())
        .where("date = '" + DAY + "'").collectAsList();
  }

  private static Row find(List<Row> rows, Function<Row, Boolean> which) {
    return rows.stream().filter(which::apply).findFirst().orElseThrow();
  }

  /** Checks a latency column group against the values (milliseconds) it was built from. */
  private static void assertLatency(Row row, String prefix, double mean, double min, double p50, double p90,
                                    double p95, double p99, double p999, double max, long... millis) {
    assertEquals(millis.length, row.<Long>getAs(prefix + "_count"), prefix + "_count");
    assertEquals(mean, row.<Double>getAs(prefix + "_mean_us"), 1e-6, prefix + "_mean_us");
    double[] expected = {min, p50, p90, p95, p99, p999, max};
    String[] names = {"_min_us", "_p50_us", "_p90_us", "_p95_us", "_p99_us", "_p999_us", "_max_us"};
    for (int i = 0; i < names.length; i++) {
      assertEquals(expected[i], row.<Double>getAs(prefix + names[i]), prefix + names[i]);
    }
    LatencySketch sketch = new LatencySketch();
    for (long m : millis) sketch.add(m * MS);
    assertArrayEquals(sketch.toBytes(), row.<byte[]>getAs(prefix + "_sketch"), prefix + "_sketch");
  }

  private static void assertEmptyLatency(Row row, String prefix) {
    assertEquals(0L, row.<Long>getAs(prefix + "_count"));
    for (String s : List.of("_mean_us", "_min_us", "_p50_us", "_p90_us", "_p95_us", "_p99_us", "_p999_us", "_max_us")) {
      assertNull(row.getAs(prefix + s), prefix + s);
    }
    assertArrayEquals(new LatencySketch().toBytes(), row.<byte[]>getAs(prefix + "_sketch"));
  }

  private static List<Long> hours(int hour, long calls) {
    Long[] h = new Long[24];
    Arrays.fill(h, 0L);
    h[hour] = calls;
    return List.of(h);
  }

  @Test
  void everyColumnOfTheCheckoutTraces() throws Exception {
    Path spans = writeCheckoutTraces();
    Path out = tmp.resolve("out");
    NightlyRunner.run(spark(), spans, out, DAY);

    List<Row> edges = table(out, TrafficTables.EDGES);
    assertEquals(5, edges.size());
    assertEquals(List.of("frontend>pricing", "frontend>smtp", "frontend>worker", "pricing>prices-db", "web-lb>frontend"),
        edges.stream().map(r -> r.getAs("caller") + ">" + r.getAs("callee")).toList(), "sorted by caller, callee");

    // frontend -> pricing: s2/s3 and s4/s5 (parallel, s5 failed) in trace 1, r2/r3 in trace 2.
    Row pricing = edges.get(0);
    assertEquals("rpc", pricing.getAs("connection_type"));
    assertNull(pricing.getAs("broker"));
    assertNull(pricing.getAs("destination"));
    assertEquals(3L, pricing.<Long>getAs("calls"));
    assertEquals(3.0, pricing.<Double>getAs("calls_estimated"));
    assertEquals(1L, pricing.<Long>getAs("errors"));
    assertEquals(1.0, pricing.<Double>getAs("errors_estimated"));
    assertEquals(1 / 3.0, pricing.<Double>getAs("error_rate"));
    assertLatency(pricing, "client", 28_000, 14_000, 30_000, 30_000, 30_000, 30_000, 30_000, 40_000, 30, 40, 14);
    assertLatency(pricing, "server", 55_000 / 3.0, 10_000, 20_000, 20_000, 20_000, 20_000, 20_000, 25_000, 20, 25, 10);
    assertLatency(pricing, "gap", 29_000 / 3.0, 4_000, 10_000, 10_000, 10_000, 10_000, 10_000, 15_000, 10, 15, 4);
    assertEquals(hours(10, 3), pricing.getList(pricing.fieldIndex("calls_per_hour")));
    assertEquals(Timestamp.from(Instant.parse("2024-05-01T10:00:00Z")), pricing.getAs("busiest_minute"));
    assertEquals(2L, pricing.<Long>getAs("busiest_minute_calls"));
    assertEquals(1.5, pricing.<Double>getAs("calls_per_trace_mean"));
    assertEquals(1L, pricing.<Long>getAs("calls_per_trace_p99"), "lower quantile of {1, 2}");
    assertEquals(2L, pricing.<Long>getAs("calls_per_trace_max"));
    assertEquals(List.of(List.of(1L, 1L), List.of(2L, 1L)),
        TableRows.canonical(pricing).get(pricing.fieldIndex("calls_per_trace_histogram")));
    assertEquals(2L, pricing.<Long>getAs("traces"));
    assertEquals(1.0, pricing.<Double>getAs("trace_share"));
    assertEquals(List.of(List.of(TRACE_1, 40_000.0), List.of(TRACE_2, 14_000.0)),
        TableRows.canonical(pricing).get(pricing.fieldIndex("slowest_traces")));
    assertEquals(List.of(List.of(TRACE_1, TestTraces.TEN_AM_NANOS + 15 * MS)),
        TableRows.canonical(pricing).get(pricing.fieldIndex("latest_error_traces")));

    // The message: frontend -> worker through kafka, topic orders; lag 70 - 62 = 8 ms.
    Row message = edges.get(2);
    assertEquals("messaging", message.getAs("connection_type"));
    assertEquals("kafka", message.getAs("broker"));
    assertEquals("orders", message.getAs("destination"));
    assertEquals(1L, message.<Long>getAs("calls"));
    assertEquals(0L, message.<Long>getAs("errors"));
    assertEquals(0.0, message.<Double>getAs("error_rate"));
    assertLatency(message, "client", 2_000, 2_000, 2_000, 2_000, 2_000, 2_000, 2_000, 2_000, 2);
    assertLatency(message, "server", 50_000, 50_000, 50_000, 50_000, 50_000, 50_000, 50_000, 50_000, 50);
    assertLatency(message, "gap", 8_000, 8_000, 8_000, 8_000, 8_000, 8_000, 8_000, 8_000, 8);
    assertEquals(List.of(List.of(TRACE_1, 60_000.0)), TableRows.canonical(message).get(message.fieldIndex("slowest_traces")));
    assertEquals(List.of(), message.getList(message.fieldIndex("latest_error_traces")));
    assertEquals(0.5, message.<Double>getAs("trace_share"));

    // Database and external calls: client side only.
    Row db = edges.get(3);
    assertEquals("database", db.getAs("connection_type"));
    assertLatency(db, "client", 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10);
    assertEmptyLatency(db, "server");
    assertEmptyLatency(db, "gap");
    Row mail = edges.get(1);
    assertEquals("external", mail.getAs("connection_type"));
    assertEquals(1.0, mail.<Double>getAs("error_rate"));
    assertEquals(Timestamp.from(Instant.parse("2024-05-01T10:01:00Z")), mail.getAs("busiest_minute"));
    assertEquals(List.of(List.of(TRACE_2, TestTraces.TEN_AM_NANOS + 90_020 * MS)),
        TableRows.canonical(mail).get(mail.fieldIndex("latest_error_traces")));

    // The entry hop from the load balancer: server side only, one call in each of two minutes (earlier wins).
    Row lb = edges.get(4);
    assertEquals("rpc", lb.getAs("connection_type"));
    assertEmptyLatency(lb, "client");
    assertLatency(lb, "server", 75_000, 50_000, 50_000, 50_000, 50_000, 50_000, 50_000, 100_000, 100, 50);
    assertEquals(Timestamp.from(Instant.parse("2024-05-01T10:00:00Z")), lb.getAs("busiest_minute"));
    assertEquals(1L, lb.<Long>getAs("busiest_minute_calls"));

    List<Row> services = table(out, TrafficTables.SERVICES);
    assertEquals(List.of("frontend", "pricing", "worker"), services.stream().map(r -> r.<String>getAs("service")).toList());
    Row frontend = services.get(0);
    assertEquals(8L, frontend.<Long>getAs("spans"));
    assertEquals(8.0, frontend.<Double>getAs("spans_estimated"));
    assertEquals(2L, frontend.<Long>getAs("server_requests"));
    assertEquals(2.0, frontend.<Double>getAs("server_requests_estimated"));
    assertEquals(0L, frontend.<Long>getAs("errors"));
    assertEquals(0.0, frontend.<Double>getAs("errors_estimated"));
    assertEquals(0.0, frontend.<Double>getAs("error_rate"));
    assertEquals(1L, frontend.<Long>getAs("error_spans"));
    assertLatency(frontend, "latency", 75_000, 50_000, 50_000, 50_000, 50_000, 50_000, 50_000, 100_000, 100, 50);
    // Self times: s1 23, s2 10, s4 15, s7 2, s9 30, r1 11, r2 4, r4 25 (sorted 2 4 10 11 15 23 25 30).
    assertLatency(frontend, "self_time", 15_000, 2_000, 11_000, 25_000, 25_000, 25_000, 25_000, 30_000,
        23, 10, 15, 2, 30, 11, 4, 25);
    assertEquals(120.0, frontend.<Double>getAs("self_time_total_ms"));
    assertEquals(2L, frontend.<Long>getAs("traces"));
    assertEquals(1.0, frontend.<Double>getAs("reach"));
    assertEquals(1, frontend.<Integer>getAs("caller_count"));
    assertEquals(List.of("web-lb"), frontend.getList(frontend.fieldIndex("callers")));
    assertEquals(3, frontend.<Integer>getAs("callee_count"));
    assertEquals(List.of("pricing", "smtp", "worker"), frontend.getList(frontend.fieldIndex("callees")));
    // Served requests (tables v2): frontend's roots s1 (10:00) and r1 (10:01); pricing's s3, s5 (10:00), r3 (10:01).
    assertEquals(hours(10, 2), frontend.getList(frontend.fieldIndex("calls_per_hour")));
    assertEquals(Timestamp.from(Instant.parse("2024-05-01T10:00:00Z")), frontend.getAs("busiest_minute"));
    assertEquals(1L, frontend.<Long>getAs("busiest_minute_calls"));
    Row pricingService = services.get(1);
    assertEquals(hours(10, 3), pricingService.getList(pricingService.fieldIndex("calls_per_hour")));
    assertEquals(Timestamp.from(Instant.parse("2024-05-01T10:00:00Z")), pricingService.getAs("busiest_minute"));
    assertEquals(2L, pricingService.<Long>getAs("busiest_minute_calls"));
    Row worker = services.get(2);
    assertEquals(hours(10, 1), worker.getList(worker.fieldIndex("calls_per_hour")), "its CONSUMER span s8");
    assertEquals(1L, worker.<Long>getAs("busiest_minute_calls"));
    assertEquals(0L, worker.<Long>getAs("server_requests"));
    assertNull(worker.getAs("error_rate"), "no server requests: no rate");
    assertEmptyLatency(worker, "latency");
    assertEquals(0.5, worker.<Double>getAs("reach"));
    assertEquals(List.of(), worker.getList(worker.fieldIndex("callees")));

    List<Row> operations = table(out, TrafficTables.OPERATIONS);
    assertEquals(8, operations.size());
    Row priceServer = find(operations, r -> r.getAs("service").equals("pricing") && r.getAs("kind").equals("SERVER"));
    assertEquals("GET /price", priceServer.getAs("operation"));
    assertEquals(3L, priceServer.<Long>getAs("spans"));
    assertEquals(3.0, priceServer.<Double>getAs("spans_estimated"));
    assertEquals(1L, priceServer.<Long>getAs("errors"));
    assertEquals(1.0, priceServer.<Double>getAs("errors_estimated"));
    assertEquals(1 / 3.0, priceServer.<Double>getAs("error_rate"));
    assertLatency(priceServer, "latency", 55_000 / 3.0, 10_000, 20_000, 20_000, 20_000, 20_000, 20_000, 25_000,
        20, 25, 10);
    assertLatency(priceServer, "self_time", 15_000, 10_000, 15_000, 15_000, 15_000, 15_000, 15_000, 20_000, 20, 15, 10);
    assertEquals(45.0, priceServer.<Double>getAs("self_time_total_ms"));
    assertEquals(2L, priceServer.<Long>getAs("traces"));
    assertEquals(1.0, priceServer.<Double>getAs("reach"));
    assertEquals(List.of("frontend"), priceServer.getList(priceServer.fieldIndex("callers")));
    assertEquals(List.of("prices-db"), priceServer.getList(priceServer.fieldIndex("callees")));
    assertEquals(1, priceServer.<Integer>getAs("caller_count"));
    assertEquals(1, priceServer.<Integer>getAs("callee_count"));

    List<Row> entries = table(out, TrafficTables.ENTRY_POINTS);
    assertEquals(1, entries.size());
    Row entry = entries.get(0);
    assertEquals("frontend", entry.getAs("service"));
    assertEquals("GET /checkout", entry.getAs("operation"));
    assertEquals(2L, entry.<Long>getAs("requests"));
    assertEquals(2.0, entry.<Double>getAs("requests_estimated"));
    assertEquals(0L, entry.<Long>getAs("errors"));
    assertEquals(0.0, entry.<Double>getAs("errors_estimated"));
    assertEquals(0.0, entry.<Double>getAs("error_rate"));
    assertLatency(entry, "latency", 75_000, 50_000, 50_000, 50_000, 50_000, 50_000, 50_000, 100_000, 100, 50);
    assertEquals(1.0, entry.<Double>getAs("trace_share"));
    assertEquals(List.of(List.of("prices-db", 1L, 0.5, 1L), List.of("pricing", 3L, 1.5, 2L),
        List.of("smtp", 1L, 0.5, 1L), List.of("worker", 1L, 0.5, 1L)),
        TableRows.canonical(entry).get(entry.fieldIndex("downstream")));
    assertEquals(hours(10, 2), entry.getList(entry.fieldIndex("calls_per_hour")));
    assertEquals(Timestamp.from(Instant.parse("2024-05-01T10:00:00Z")), entry.getAs("busiest_minute"));
    assertEquals(1L, entry.<Long>getAs("busiest_minute_calls"), "one request in each of two minutes");

    List<Row> totals = table(out, TrafficTables.TOTALS);
    assertEquals(1, totals.size());
    Row t = totals.get(0);
    assertEquals(java.sql.Date.valueOf(DAY), t.getAs("first_day"));
    assertEquals(java.sql.Date.valueOf(DAY), t.getAs("last_day"));
    assertEquals(1, t.<Integer>getAs("days"));
    assertEquals(2L, t.<Long>getAs("traces"));
    assertEquals(2.0, t.<Double>getAs("traces_estimated"));
    assertEquals(13L, t.<Long>getAs("spans"));
    assertEquals(13.0, t.<Double>getAs("spans_estimated"));
    assertEquals(0L, t.<Long>getAs("spans_with_sampling_weight"));

    JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, DAY, "run.json").toFile());
    assertEquals(13, run.get("traces").get("spans").asLong(), "totals agree with run.json");
  }

  /** The same input gives the same rows, sketches and all, in the same order; a re-run replaces the day. */
  @Test
  void sameInputSameRows() {
    Path spans = writeCheckoutTraces();
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    NightlyRunner.run(spark(), spans, a, DAY);
    NightlyRunner.run(spark(), spans, b, DAY);
    NightlyRunner.run(spark(), spans, b, DAY);
    for (String name : TrafficTables.NAMES) {
      String dir = "tables/" + name + "/date=" + DAY;
      List<List<Object>> first = TableRows.read(spark(), a.resolve(dir).toString(), name);
      assertEquals(first, TableRows.read(spark(), b.resolve(dir).toString(), name), name);
    }
  }

  /**
   * Sampling weights from the attributes: a Jaeger root sampled at 25% weighs 4 with all its children; OpenTelemetry
   * spans with {@code ot=th:8} weigh 2 each; an unreadable marker is a counted repair and the span inherits.
   */
  @Test
  void estimatedCountsFromSamplingMarkers() throws Exception {
    List<Row> rows = new ArrayList<>();
    List<Span> t1 = TrafficScenarios.trace1();
    for (Span s : t1) {
      Map<String, String> markers = s.parentId() == 0 ? Map.of("sampler.type", "probabilistic", "sampler.param", "0.25")
          : s.spanId() == TrafficScenarios.id(8) ? Map.of("sampler.param", "lots", "sampler.type", "probabilistic")
          : Map.of();
      rows.add(ArchiveFixtures.row(1, s, markers));
    }
    for (Span s : TrafficScenarios.trace2()) rows.add(ArchiveFixtures.row(2, s, Map.of("tracestate", "ot=th:8")));
    Path spans = tmp.resolve("sampled");
    ArchiveFixtures.writeRows(spark(), spans, rows);
    Path out = tmp.resolve("out");
    NightlyRunner.run(spark(), spans, out, DAY);

    Row totals = table(out, TrafficTables.TOTALS).get(0);
    assertEquals(2L, totals.<Long>getAs("traces"));
    assertEquals(4.0 + 2.0, totals.<Double>getAs("traces_estimated"));
    assertEquals(9 * 4.0 + 4 * 2.0, totals.<Double>getAs("spans_estimated"));
    assertEquals(1L + 4L, totals.<Long>getAs("spans_with_sampling_weight"), "the Jaeger root and trace 2's spans");
    Row pricing = find(table(out, TrafficTables.EDGES), r -> r.getAs("callee").equals("pricing"));
    assertEquals(3L, pricing.<Long>getAs("calls"));
    assertEquals(2 * 4.0 + 2.0, pricing.<Double>getAs("calls_estimated"));
    assertEquals(4.0, pricing.<Double>getAs("errors_estimated"));
    Row message = find(table(out, TrafficTables.EDGES), r -> r.getAs("callee").equals("worker"));
    assertEquals(4.0, message.<Double>getAs("calls_estimated"), "the consumer with the bad marker inherits 4");
    JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, DAY, "run.json").toFile());
    assertEquals(1, run.get("repairs").get("sampling_weight_invalid").asLong());
  }
}
