package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.tables.AnalysisTables;
import io.tracegraph.jobs.tables.TrafficTables;
import io.tracegraph.model.SamplingWeight;
import io.tracegraph.model.Span;
import io.tracegraph.model.SpanKind;
import io.tracegraph.model.TestTraces;
import io.tracegraph.reports.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Span links and call patterns through Parquet → Spark job → tables and run.json, the model's scenarios again
 * ({@code LinkedMessagesTest}, {@code CallPatternsTest}): a batch consumer linking to two producers of other traces,
 * to a span the archive does not have and with one unreadable link; a consumer without a service name whose link
 * draws nothing; and a client that re-sends a request ({@code http.request.resend_count}).
 */
class SpanLinksJobTest extends SparkTestBase {
  static final LocalDate DAY = ArchiveFixtures.dayOf(TestTraces.DAY_START_NANOS);
  static final long MS = 1_000_000L;

  @TempDir static Path tmp;
  static Path out;

  static Span span(long id, long parent, SpanKind kind, String service, String name, long startMs, long endMs,
                   String peer, String destination) {
    return new Span(id, parent, service, name, kind, TestTraces.TEN_AM_NANOS + startMs * MS,
        TestTraces.TEN_AM_NANOS + endMs * MS, false, peer, false, destination, SamplingWeight.NONE);
  }

  @BeforeAll
  static void writeAndRun() {
    List<Row> rows = new ArrayList<>();
    for (int t = 1; t <= 2; t++) { // two checkouts, each publishing one order
      long base = 100L * t;
      rows.add(ArchiveFixtures.row(t, span(base + 1, 0, SpanKind.SERVER, "checkout", "POST /orders", base, base + 50,
          null, null)));
      rows.add(ArchiveFixtures.row(t, span(base + 2, base + 1, SpanKind.PRODUCER, "checkout", "publish orders",
          base + 10, base + 10 + t, "kafka", "orders")));
    }
    // The batch consumer: links to both producers, to trace 99 (not archived), and one link that cannot be read.
    List<Row> links = new ArrayList<>(List.of(
        RowFactory.create(ArchiveFixtures.traceIdHex(1), "0000000000000066"),
        RowFactory.create(ArchiveFixtures.traceIdHex(2).toUpperCase(), "00000000000000ca"), // any letter case
        RowFactory.create(ArchiveFixtures.traceIdHex(99), "0000000000000005"),
        RowFactory.create("not-a-trace-id", "zz")));
    rows.add(ArchiveFixtures.row(3, span(901, 0, SpanKind.CONSUMER, "fulfillment", "process orders", 1000, 1060,
        "kafka", "orders"), Map.of(), links, true));
    rows.add(ArchiveFixtures.row(3, span(902, 901, SpanKind.CLIENT, "fulfillment", "POST /shipments", 1010, 1030,
        null, null)));
    rows.add(ArchiveFixtures.row(3, span(903, 902, SpanKind.SERVER, "shipping", "POST /shipments", 1012, 1028,
        null, null)));
    // A request whose HTTP client re-sent a call.
    rows.add(ArchiveFixtures.row(4, span(401, 0, SpanKind.SERVER, "checkout", "POST /checkout", 2000, 2100, null,
        null)));
    rows.add(ArchiveFixtures.row(4, span(402, 401, SpanKind.CLIENT, "checkout", "GET /rates", 2010, 2020,
        "rates-api", null)));
    rows.add(ArchiveFixtures.row(4, span(403, 401, SpanKind.CLIENT, "checkout", "GET /rates", 2050, 2060,
        "rates-api", null), Map.of("http.request.resend_count", "1")));
    // A consumer that lost its service name links to a producer: it names no callee, so it keeps the CONSUMER rule
    // (its CLIENT names it notification) and the first pass leaves its link out: the producer keeps its broker call.
    rows.add(ArchiveFixtures.row(5, span(501, 0, SpanKind.SERVER, "checkout", "POST /orders", 3000, 3050, null,
        null)));
    rows.add(ArchiveFixtures.row(5, span(502, 501, SpanKind.PRODUCER, "checkout", "publish orders", 3010, 3012,
        "kafka", "orders")));
    rows.add(ArchiveFixtures.row(6, span(601, 0, SpanKind.CONSUMER, Span.NO_SERVICE, "process orders", 3100, 3160,
        "kafka", "orders"), Map.of(), List.of(RowFactory.create(ArchiveFixtures.traceIdHex(5), "00000000000001f6")),
        true));
    rows.add(ArchiveFixtures.row(6, span(602, 601, SpanKind.CLIENT, "notification", "POST /mail", 3110, 3130,
        null, null)));
    rows.add(ArchiveFixtures.row(6, span(603, 602, SpanKind.SERVER, "mailer", "POST /mail", 3112, 3128, null,
        null)));
    Path spans = tmp.resolve("spans");
    ArchiveFixtures.writeRows(spark(), spans, rows);
    out = tmp.resolve("out");
    NightlyRunner.run(spark(), spans, out, DAY);
  }

  @Test
  void aBatchConsumerReceivesOneMessagePerLink() {
    Map<String, Row> edges = new TreeMap<>();
    for (Row e : NightlyRunner.table(spark(), out, TrafficTables.EDGES, DAY)) {
      edges.put(e.getAs("caller") + " -> " + e.getAs("callee") + " " + e.getAs("connection_type")
          + (e.<Boolean>getAs("via_links") ? " via links" : ""), e);
    }
    assertEquals(List.of("checkout -> fulfillment messaging via links", "checkout -> kafka messaging",
        "checkout -> rates-api external", "fulfillment -> shipping rpc", "kafka -> fulfillment messaging via links",
        "kafka -> notification messaging", "notification -> mailer rpc"), List.copyOf(edges.keySet()));
    assertEquals(1L, edges.get("checkout -> kafka messaging").<Long>getAs("calls"),
        "the producer a nameless consumer links to keeps its call to the broker");
    Row messages = edges.get("checkout -> fulfillment messaging via links");
    assertEquals(2L, messages.<Long>getAs("calls"));
    assertEquals("kafka", messages.getAs("broker"));
    assertEquals((1000 - 212) * 1000.0, messages.<Double>getAs("gap_min_us"), 1e-6, "consumer start - producer end");
    assertEquals((1000 - 111) * 1000.0, messages.<Double>getAs("gap_max_us"), 1e-6);
    assertEquals(1L, edges.get("kafka -> fulfillment messaging via links").<Long>getAs("calls"),
        "the message whose producer is not archived: from the broker the consumer names");

    List<Row> ops = NightlyRunner.table(spark(), out, TrafficTables.OPERATION_EDGES, DAY);
    assertTrue(ops.stream().anyMatch(r -> r.getAs("caller").equals("checkout")
        && "POST /orders".equals(r.getAs("caller_operation")) && r.getAs("callee_operation").equals("process orders")
        && r.<Boolean>getAs("via_links") && r.<Long>getAs("calls") == 2), ops.toString());
  }

  @Test
  void runJsonCountsEveryLink() throws Exception {
    JsonNode run = Json.mapper().readTree(Files.readString(NightlyRunner.report(out, DAY,
        OutputLayout.RUN_JSON)));
    JsonNode links = run.get("span_links");
    assertEquals(2, links.get("spans_with_links").asLong());
    assertEquals(4, links.get("links").asLong());
    assertEquals(1, links.get("links_of_consumers_without_service").asLong());
    assertEquals(2, links.get("messages").asLong());
    assertEquals(1, links.get("links_outside_read_window").asLong());
    assertEquals(1, links.get("links_unreadable").asLong());
    assertTrue(run.get("seconds_by_stage").has("link targets"), "the first pass ran");
    String html = Files.readString(NightlyRunner.report(out, DAY, "index.html"));
    assertTrue(html.contains("id=\"span-links\""), "the report shows the messages");
    assertTrue(html.contains("4 links on 2 spans; 2 joined to their producer; 1 to spans outside the read window"));
  }

  @Test
  void aReSentRequestIsARetry() {
    List<Row> patterns = NightlyRunner.table(spark(), out, AnalysisTables.CALL_PATTERNS.name(), DAY);
    assertEquals(1, patterns.size(), patterns.toString());
    Row retry = patterns.get(0);
    assertEquals("retry", retry.getAs("pattern"));
    assertEquals(List.of("checkout", "POST /checkout", "rates-api", "GET /rates"), List.of(retry.getAs("caller"),
        retry.getAs("caller_operation"), retry.getAs("callee"), retry.getAs("callee_operation")));
    assertEquals(40 * MS, retry.<Long>getAs("critical_path_added_nanos"), "10 ms attempt + 30 ms wait");
    assertFalse(retry.getList(retry.fieldIndex("example_traces")).isEmpty());
  }
}
