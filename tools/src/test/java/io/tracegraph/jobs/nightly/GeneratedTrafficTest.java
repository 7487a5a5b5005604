package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.tables.TrafficTables;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.tools.generate.ImperfectionMode;
import io.tracegraph.tools.generate.TestGeneration;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traffic tables of a generated day against the day's dependency links and against themselves: per-edge call
 * and error counts equal the links' counts (rpc, database and external edges: the link between the same endpoints;
 * messaging edges: the link broker -> consumer), the hours add up to the day, the busiest minute never exceeds it,
 * and services, entry points and totals agree with each other and with run.json.
 */
class GeneratedTrafficTest extends SparkTestBase {
  static final LocalDate DAY = LocalDate.of(2026, 3, 2);

  @TempDir Path tmp;

  @Test
  void generatedDayTablesAgreeWithTheLinksAndAddUp() {
    Path spans = tmp.resolve("spans");
    TestGeneration.generate(spark(), TestGeneration.options(spans, DAY).days(1).spans(20_000).seed(11)
        .imperfections(ImperfectionMode.NONE));
    Path out = tmp.resolve("out");
    DependencyGraphJob.Result result = NightlyRunner.run(spark(), spans, out, DAY);

    List<Row> edges = table(out, TrafficTables.EDGES);
    Map<String, long[]> fromEdges = new TreeMap<>();
    long messaging = 0;
    for (Row e : edges) {
      long calls = e.getAs("calls");
      String type = e.getAs("connection_type");
      String pair;
      if (type.equals("messaging")) {
        messaging += calls;
        assertEquals("kafka", e.getAs("broker"), "every generated message names its broker");
        assertEquals("orders", e.getAs("destination"));
        pair = e.getAs("broker") + " -> " + e.getAs("callee");
      } else {
        pair = e.getAs("caller") + " -> " + e.getAs("callee");
      }
      long[] c = fromEdges.computeIfAbsent(pair, k -> new long[2]);
      c[0] += calls;
      c[1] += e.<Long>getAs("errors");

      List<Long> hours = e.getList(e.fieldIndex("calls_per_hour"));
      assertEquals(24, hours.size());
      assertEquals(calls, hours.stream().mapToLong(Long::longValue).sum(), "hours add up to the day: " + pair);
      long busiest = e.getAs("busiest_minute_calls");
      assertTrue(busiest >= 1 && busiest <= calls, pair + ": busiest minute " + busiest + " of " + calls);
      LocalDate minuteDay = e.<Timestamp>getAs("busiest_minute").toInstant().atZone(ZoneOffset.UTC).toLocalDate();
      assertEquals(DAY, minuteDay);
      List<Row> histogram = e.getList(e.fieldIndex("calls_per_trace_histogram"));
      assertEquals(e.<Long>getAs("traces"), histogram.stream().mapToLong(h -> h.getLong(1)).sum());
      assertEquals(calls, histogram.stream().mapToLong(h -> h.getLong(0) * h.getLong(1)).sum());
      assertTrue(e.<Long>getAs("calls_per_trace_max") >= e.<Long>getAs("calls_per_trace_p99"));
    }
    assertTrue(messaging > 0, "the generated shop publishes orders");

    Map<String, long[]> fromLinks = new TreeMap<>();
    for (DependencyLink l : result.links()) {
      if (l.child().equals("kafka")) continue; // the producer's own link: its calls are the messages to consumers
      fromLinks.put(l.parent() + " -> " + l.child(), new long[] {l.callCount(), l.errorCount()});
    }
    assertTrue(fromLinks.size() > 30, "a realistic graph");
    assertEquals(render(fromLinks), render(fromEdges));

    long traces = result.report().traces().get("traces");
    long spanCount = result.report().traces().get("spans");
    Row totals = table(out, TrafficTables.TOTALS).get(0);
    assertEquals(traces, totals.<Long>getAs("traces"));
    assertEquals(spanCount, totals.<Long>getAs("spans"));
    assertEquals((double) traces, totals.<Double>getAs("traces_estimated"), "no sampling markers: weight 1");
    assertEquals(spanCount, table(out, TrafficTables.SERVICES).stream().mapToLong(r -> r.<Long>getAs("spans")).sum());
    assertEquals(spanCount, table(out, TrafficTables.OPERATIONS).stream().mapToLong(r -> r.<Long>getAs("spans")).sum());
    assertEquals(traces, table(out, TrafficTables.ENTRY_POINTS).stream()
        .mapToLong(r -> r.<Long>getAs("requests")).sum(), "clean traces each have one root");
    for (Row s : table(out, TrafficTables.SERVICES)) {
      assertTrue(s.<Double>getAs("reach") > 0 && s.<Double>getAs("reach") <= 1);
    }
  }

  private List<Row> table(Path out, String name) {
    return spark().read().parquet(out.resolve("tables").resolve(name).toString())
        .where("date = '" + DAY + "'").collectAsList();
  }

  private static String render(Map<String, long[]> counts) {
    StringBuilder sb = new StringBuilder();
    counts.forEach((k, c) -> sb.append(k).append(' ').append(c[0]).append('/').append(c[1]).append('\n'));
    return sb.toString();
  }
}
