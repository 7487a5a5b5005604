package io.tracegraph.reports.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.model.CallTimeline;
import io.tracegraph.model.ConnectionType;
import io.tracegraph.model.CountDistribution;
import io.tracegraph.model.EdgeKey;
import io.tracegraph.model.EdgeStats;
import io.tracegraph.model.EntryPointKey;
import io.tracegraph.model.EntryPointStats;
import io.tracegraph.model.LatencySketch;
import io.tracegraph.model.SpanStats;
import io.tracegraph.model.TopTraces;
import io.tracegraph.model.TrafficSummary;
import io.tracegraph.model.TrafficTotals;
import io.tracegraph.reports.graph.CallStats;
import io.tracegraph.reports.graph.GraphData;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Traffic edges onto links, their call durations, and the samples the latency test compares. */
class GraphTrafficTest {
  static final LocalDate DAY = LocalDate.of(2026, 3, 3);
  static final long MS = 1_000_000;

  static LatencySketch sketch(long... nanos) {
    LatencySketch s = new LatencySketch();
    for (long n : nanos) s.add(n);
    return s;
  }

  static EdgeStats edge(long calls, LatencySketch client, LatencySketch server, int hour) {
    long[] hours = new long[24];
    hours[hour] = calls;
    return EdgeStats.restore(calls, calls << 16, 0, 0, client, server, new LatencySketch(),
        CallTimeline.restore(hours, null), new CountDistribution(), new TopTraces(), new TopTraces());
  }

  /**
   * A small day: web-lb → frontend (server side only: the load balancer is not traced), frontend → cart (both
   * sides: the client's durations count), order → fulfillment through kafka (the link is kafka → fulfillment, the
   * consumer's durations count) by two producers, and order → kafka with no consumer (the producer's send).
   */
  static TrafficSummary day() {
    TrafficSummary t = new TrafficSummary();
    t.mergeEdge(new EdgeKey("web-lb", "frontend", ConnectionType.RPC, null, null),
        edge(3, new LatencySketch(), sketch(10 * MS, 20 * MS, 30 * MS), 9));
    t.mergeEdge(new EdgeKey("frontend", "cart", ConnectionType.RPC, null, null),
        edge(2, sketch(5 * MS, 7 * MS), sketch(4 * MS, 6 * MS), 10));
    t.mergeEdge(new EdgeKey("order", "fulfillment", ConnectionType.MESSAGING, "kafka", "orders"),
        edge(2, sketch(MS, MS), sketch(40 * MS, 60 * MS), 11));
    t.mergeEdge(new EdgeKey("billing", "fulfillment", ConnectionType.MESSAGING, "kafka", "orders"),
        edge(1, sketch(MS), sketch(50 * MS), 12));
    t.mergeEdge(new EdgeKey("order", "kafka", ConnectionType.MESSAGING, "kafka", "audit"),
        edge(1, sketch(2 * MS), new LatencySketch(), 13));
    t.mergeService("frontend", SpanStats.restore(10, 10 << 16, 3, 3 << 16, 0, 0, 0, 90, sketch(MS),
        sketch(2 * MS, 3 * MS), List.of(), List.of(), null));
    t.mergeService("catalog", SpanStats.restore(1, 1 << 16, 1, 1 << 16, 0, 0, 0, 1, sketch(MS), sketch(MS), List.of(),
        List.of(), null));
    t.mergeEntryPoint(new EntryPointKey("frontend", "GET /"), EntryPointStats.restore(99, 99 << 16, 0, 0, sketch(MS),
        List.of(), null));
    t.mergeEntryPoint(new EntryPointKey("catalog", "GET /p"), EntryPointStats.restore(1, 1 << 16, 0, 0, sketch(MS),
        List.of(), null));
    t.mergeTotals(new TrafficTotals(200, 200 << 16, 1000, 1000 << 16, 0));
    return t;
  }

  @Test
  void trafficEdgesLandOnTheirLinks() {
    assertEquals(List.of("kafka", "fulfillment"),
        GraphTraffic.graphEdge(new EdgeKey("order", "fulfillment", ConnectionType.MESSAGING, "kafka", "orders")));
    assertEquals(List.of("order", "kafka"),
        GraphTraffic.graphEdge(new EdgeKey("order", "kafka", ConnectionType.MESSAGING, "kafka", "audit")));
    assertEquals(List.of("a", "b"),
        GraphTraffic.graphEdge(new EdgeKey("a", "b", ConnectionType.MESSAGING, null, "orders")));
    assertEquals(List.of("a", "pg"), GraphTraffic.graphEdge(new EdgeKey("a", "pg", ConnectionType.DATABASE, null, null)));
  }

  /** What the caller waited for: client side, else server side; the consumer for messages; producers merged. */
  @Test
  void callDurationsAreWhatTheCallerWaitedFor() {
    GraphTraffic g = GraphTraffic.of(day());
    assertEquals(sketch(10 * MS, 20 * MS, 30 * MS), g.durations("web-lb", "frontend"));
    assertEquals(sketch(5 * MS, 7 * MS), g.durations("frontend", "cart"));
    assertEquals(sketch(40 * MS, 60 * MS, 50 * MS), g.durations("kafka", "fulfillment"));
    assertEquals(sketch(2 * MS), g.durations("order", "kafka"));
    assertNull(g.durations("frontend", "nobody"));
  }

  @Test
  void enrichPutsLatencyHoursReachAndSelfTimeOnTheGraph() {
    GraphData links = GraphData.of(DAY, 7L, List.of(CallStats.of("web-lb", "frontend", 3, 0),
        CallStats.of("kafka", "fulfillment", 3, 0), CallStats.of("order", "fulfillment-db", 4, 0)),
        Set.of("frontend", "fulfillment", "order", "catalog"));
    GraphData g = GraphTraffic.of(day()).enrich(links);
    assertEquals(200L, g.traces(), "the traffic tables' trace count");
    CallStats lb = g.edge("web-lb", "frontend");
    assertEquals(20_000, lb.latency().p50Micros());
    assertEquals(20_000, lb.latency().p99Micros(), "rank floor(0.99 x 2) = 1");
    assertEquals(3, lb.callsPerHour().counts().get(9));
    CallStats kafka = g.edge("kafka", "fulfillment");
    assertEquals(3, kafka.callsPerHour().total(), "both producers' calls");
    assertEquals(List.of(0L, 2L, 1L), kafka.callsPerHour().counts().subList(10, 13));
    assertNull(g.edge("order", "fulfillment-db").latency(), "no calls of its own");
    assertNull(g.edge("order", "fulfillment-db").callsPerHour());
    assertEquals(90L, g.services().get("frontend").traces());
    assertEquals(0.45, g.reach("frontend"), 1e-9);
    assertEquals(5_000L, g.services().get("frontend").selfTimeMicros());
    assertTrue(g.services().get("frontend").entryPoint());
    assertEquals(false, g.services().get("catalog").entryPoint(), "1 trace of 200 is under the 1% share");
    assertNull(g.services().get("order").traces(), "no services row");
  }

  /** Small sketches give back each value; big ones a fixed number of evenly spaced quantiles. */
  @Test
  void samplesFollowTheSketch() {
    long[] values = LongStream.rangeClosed(1, 50).map(i -> i * 1000 * 37 % 50_000 + 1000).toArray();
    LatencySketch small = sketch(Arrays.stream(values).map(v -> v * 1000).toArray());
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    assertArrayEquals(sorted, SketchSamples.sample(small), "every call once, exactly");

    LatencySketch big = new LatencySketch();
    for (long i = 1; i <= 100_000; i++) big.add(i * 1000); // 1 µs .. 100 ms
    long[] sample = SketchSamples.sample(big);
    assertEquals(SketchSamples.MAX_SAMPLES, sample.length);
    for (int i = 1; i < sample.length; i++) assertTrue(sample[i] >= sample[i - 1], "ascending");
    assertEquals(50_000, sample[sample.length / 2], 50_000 * 0.011, "median within the sketch's 1%");
    assertEquals(25, sample[0], 25 * 0.011 + 1, "first at rank 1/4000");

    SketchSamples samples = new SketchSamples(java.util.Map.of(List.of("a", "b"), small));
    assertArrayEquals(sorted, samples.micros("a", "b"));
    assertNull(samples.micros("a", "c"));
  }
}
