package io.tracegraph.model;

import static io.tracegraph.model.ConnectionType.MESSAGING;
import static io.tracegraph.model.ConnectionType.RPC;
import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.CONSUMER;
import static io.tracegraph.model.SpanKind.PRODUCER;
import static io.tracegraph.model.SpanKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.model.LinkedMessages.Count;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Messages through span links ({@link LinkedMessages}): batch consumers whose span links to the producer spans of
 * other traces, as the OpenTelemetry messaging conventions correlate them, become producer → consumer calls through the
 * broker, each message once; what cannot be joined is counted, never guessed.
 */
class LinkedMessagesTest {
  static final LocalDate DAY = LocalDate.of(2024, 5, 1);
  static final long MS = 1_000_000L;

  /** One trace of a test day: its id, spans and the links its spans carry (span id to triples). */
  record Trace(long high, long low, List<Span> spans, Map<Long, long[]> links) {}

  /**
   * Runs traces through a day as the nightly does: first the targets of the consumers' links (the first pass), then
   * each trace with its links, split into {@code parts} partial summaries merged after a serialization round trip.
   */
  static DaySummary day(List<Trace> traces, int parts) {
    List<Long> triples = new ArrayList<>();
    for (Trace t : traces) {
      for (Span s : t.spans) {
        long[] l = t.links.get(s.spanId());
        if (l != null && s.kind() == CONSUMER && s.hasService()) for (long v : l) triples.add(v); // as the scan
      }
    }
    LinkTargets targets = LinkTargets.of(triples.stream().mapToLong(Long::longValue).toArray());
    DayWindow window = new DayWindow(DAY, Duration.ofHours(1));
    List<DaySummary> partials = new ArrayList<>();
    for (int p = 0; p < parts; p++) partials.add(new DaySummary(window));
    for (int i = 0; i < traces.size(); i++) {
      Trace t = traces.get(i);
      TraceLinks.Builder links = TraceLinks.builder().linked(targets.spanIdsOf(t.high, t.low));
      t.links.forEach(links::add);
      partials.get(i % parts).addTrace(t.high, t.low, TraceTree.build(t.high, t.low, new ArrayList<>(t.spans)),
          links.build());
    }
    DaySummary day = new DaySummary(window);
    for (int p = parts - 1; p >= 0; p--) day.merge(RoundTrip.of(partials.get(p)));
    return day;
  }

  static Span span(long id, long parent, SpanKind kind, String service, String name, long startMs, long endMs,
                   String peer, String destination, boolean error) {
    return new Span(id, parent, service, name, kind, TestTraces.TEN_AM_NANOS + startMs * MS,
        TestTraces.TEN_AM_NANOS + endMs * MS, error, peer, false, destination, SamplingWeight.NONE);
  }

  /** A checkout request of trace (1, n) that publishes one order, its PRODUCER span id {@code 100 n + 2}. */
  static Trace producerTrace(int n, long startMs) {
    return new Trace(1, n, List.of(
        span(100L * n + 1, 0, SERVER, "checkout", "POST /orders", startMs, startMs + 50, null, null, false),
        span(100L * n + 2, 100L * n + 1, PRODUCER, "checkout", "publish orders", startMs + 10, startMs + 10 + n, "kafka",
            "orders", false)), Map.of());
  }

  static long[] ref(long high, long low, long span) {
    return new long[] {high, low, span};
  }

  static long[] refs(long[]... refs) {
    long[] all = new long[3 * refs.length];
    for (int i = 0; i < refs.length; i++) System.arraycopy(refs[i], 0, all, 3 * i, 3);
    return all;
  }

  /** The batch consumer: trace (2, 1), a root CONSUMER at 1000..1060 ms that calls shipping once. */
  static Trace batch(String broker, long[] links) {
    Map<Long, long[]> byspan = new LinkedHashMap<>();
    byspan.put(901L, links);
    return new Trace(2, 1, List.of(
        span(901, 0, CONSUMER, "fulfillment", "process orders", 1000, 1060, broker, "orders", false),
        span(902, 901, CLIENT, "fulfillment", "POST /shipments", 1010, 1030, null, null, false),
        span(903, 902, SERVER, "shipping", "POST /shipments", 1012, 1028, null, null, false)), byspan);
  }

  private static EdgeKey viaLinks(String caller, String callee) {
    return new EdgeKey(caller, callee, MESSAGING, "kafka", "orders", true);
  }

  private static LatencySketch millis(long... values) {
    LatencySketch s = new LatencySketch();
    for (long v : values) s.add(v * MS);
    return s;
  }

  /**
   * A batch consumer linking to two producers of other traces and to a span that is not in the day: two messages
   * checkout → fulfillment through kafka with their broker times as the gap, one broker → consumer call for the
   * message whose producer is missing (counted), and neither the producers nor the consumer make a call of their own.
   * The Zipkin links stay service → broker → consumer.
   */
  @Test
  void aBatchConsumerReceivesOneMessagePerLink() {
    DaySummary day = day(List.of(producerTrace(1, 0), producerTrace(2, 100),
        batch("kafka", refs(ref(1, 1, 102), ref(1, 2, 202), ref(1, 9, 999)))), 1);
    TrafficSummary traffic = day.traffic();
    assertEquals(List.of(
        viaLinks("checkout", "fulfillment"),
        new EdgeKey("fulfillment", "shipping", RPC, null, null),
        viaLinks("kafka", "fulfillment")), List.copyOf(traffic.edges().keySet()));
    EdgeStats messages = traffic.edges().get(viaLinks("checkout", "fulfillment"));
    assertEquals(2, messages.calls());
    assertEquals(millis(1, 2), messages.client(), "the producers' durations");
    assertEquals(millis(60, 60), messages.server(), "the consumer's, once per message");
    assertEquals(millis(1000 - 11, 1000 - 112), messages.gap(), "consumer start minus producer end");
    assertEquals(List.of(new CountDistribution.Entry(2, 1)), messages.callsPerTrace().entries(),
        "both messages in the consumer's one trace");
    EdgeStats missing = traffic.edges().get(viaLinks("kafka", "fulfillment"));
    assertEquals(1, missing.calls());
    assertTrue(missing.client().isEmpty());

    assertEquals(List.of(TestTraces.link("checkout", "kafka", 2, 0), TestTraces.link("fulfillment", "shipping", 1, 0),
        TestTraces.link("kafka", "fulfillment", 1, 0)), day.links(), "the Zipkin links do not change");

    Map<Count, Long> counts = day.linkedMessages().counts();
    assertEquals(1L, counts.get(Count.SPANS_WITH_LINKS));
    assertEquals(3L, counts.get(Count.LINKS));
    assertEquals(2L, counts.get(Count.MESSAGES));
    assertEquals(1L, counts.get(Count.LINKS_OUTSIDE_READ_WINDOW));
    assertEquals(0L, counts.get(Count.LINKS_OUTSIDE_READ_WINDOW_WITHOUT_BROKER));

    // The operation graph: the producer's request is the caller operation.
    assertEquals(2, traffic.operationEdges().get(new OperationEdgeKey("checkout", "POST /orders", "fulfillment",
        "process orders", MESSAGING, true)).calls());
    assertEquals(1, traffic.operationEdges().get(new OperationEdgeKey("kafka", null, "fulfillment",
        "process orders", MESSAGING, true)).calls());
    OperationGraphTest.assertSumsToEdges(traffic);
    assertEquals(List.of("checkout", "kafka"),
        traffic.operations().get(new OperationKey("fulfillment", "process orders", CONSUMER)).callers());
    assertTrue(traffic.operations().get(new OperationKey("checkout", "POST /orders", SERVER)).callees()
        .contains("fulfillment"));
    assertEquals(List.of("checkout", "kafka"), traffic.callersOf("fulfillment"));
  }

  /** The same day split into partitions and merged in another order gives the same traffic. */
  @Test
  void anySplitGivesTheSameMessages() {
    List<Trace> traces = List.of(producerTrace(1, 0), producerTrace(2, 100), producerTrace(3, 200),
        batch("kafka", refs(ref(1, 3, 302), ref(1, 1, 102), ref(1, 2, 202), ref(1, 9, 999))));
    TrafficSummary whole = day(traces, 1).traffic();
    for (int parts = 2; parts <= 4; parts++) assertEquals(whole, day(traces, parts).traffic(), parts + " partitions");
  }

  /** A consumer that names no broker and links to a span outside the day: counted, no call at all. */
  @Test
  void aMissingProducerWithoutBrokerIsCountedNotGuessed() {
    DaySummary day = day(List.of(batch(null, refs(ref(1, 9, 999)))), 1);
    assertEquals(List.of(new EdgeKey("fulfillment", "shipping", RPC, null, null)),
        List.copyOf(day.traffic().edges().keySet()));
    assertEquals(1L, day.linkedMessages().counts().get(Count.LINKS_OUTSIDE_READ_WINDOW_WITHOUT_BROKER));
  }

  /**
   * A consumer under its producer that also links to it (instrumentations that both parent and link): one message,
   * the in-trace call; the link is counted as already there.
   */
  @Test
  void aLinkToTheOwnProducerIsTheInTraceMessage() {
    Trace t = new Trace(3, 1, List.of(
        span(1, 0, SERVER, "checkout", "POST /orders", 0, 50, null, null, false),
        span(2, 1, PRODUCER, "checkout", "publish orders", 10, 12, "kafka", "orders", false),
        span(3, 2, CONSUMER, "fulfillment", "process orders", 20, 40, null, null, false)),
        Map.of(3L, ref(3, 1, 2)));
    DaySummary day = day(List.of(t), 1);
    assertEquals(List.of(new EdgeKey("checkout", "fulfillment", MESSAGING, "kafka", "orders")),
        List.copyOf(day.traffic().edges().keySet()));
    assertEquals(1L, day.linkedMessages().counts().get(Count.LINKS_TO_OWN_PRODUCER));
    assertEquals(0L, day.linkedMessages().counts().get(Count.MESSAGES));
  }

  /**
   * Links are messages only from CONSUMER spans to PRODUCER spans: a SERVER's links are counted and change nothing;
   * a consumer's link to a CLIENT span is counted, and the consumer, whose messages are its links, makes no call.
   */
  @Test
  void linksOfOtherKindsAreCountedWithoutCalls() {
    Trace client = new Trace(4, 1, List.of(
        span(1, 0, SERVER, "checkout", "POST /orders", 0, 50, null, null, false),
        span(2, 1, CLIENT, "checkout", "GET /stock", 10, 12, "inventory-api", null, false)), Map.of());
    Trace server = new Trace(4, 2, List.of(
        span(11, 0, SERVER, "report", "GET /report", 0, 50, "web-lb", null, false)), Map.of(11L, ref(4, 1, 2)));
    Trace consumer = new Trace(4, 3, List.of(
        span(21, 0, CONSUMER, "audit", "process audit", 100, 150, "kafka", "audit", false)), Map.of(21L, ref(4, 1, 2)));
    DaySummary day = day(List.of(client, server, consumer), 1);
    assertEquals(List.of(new EdgeKey("checkout", "inventory-api", ConnectionType.EXTERNAL, null, null),
        new EdgeKey("web-lb", "report", RPC, null, null)), List.copyOf(day.traffic().edges().keySet()));
    Map<Count, Long> counts = day.linkedMessages().counts();
    assertEquals(1L, counts.get(Count.LINKS_FROM_OTHER_KINDS));
    assertEquals(1L, counts.get(Count.LINKS_TO_OTHER_KINDS));
    assertEquals(2L, counts.get(Count.LINKS));
  }

  /**
   * No message from or to nobody: a link to a PRODUCER without a service name (a root, so nothing names it) is counted
   * and draws nothing, and the consumer, whose messages are its links, draws nothing either. A CONSUMER without a
   * service name names no callee: its links are counted, it keeps the CONSUMER rule (the CLIENT it runs names it:
   * kafka → fulfillment), and the producer it links to keeps its own call to the broker.
   */
  @Test
  void namelessSidesAreCountedNotDrawn() {
    Trace namelessProducer = new Trace(5, 1, List.of(
        span(1, 0, PRODUCER, Span.NO_SERVICE, "publish orders", 0, 2, "kafka", "orders", false)), Map.of());
    Trace consumer = new Trace(5, 2, List.of(
        span(11, 0, CONSUMER, "audit", "process orders", 100, 150, "kafka", "orders", false)), Map.of(11L, ref(5, 1, 1)));
    Trace namedProducer = producerTrace(1, 0);
    Trace namelessConsumer = new Trace(5, 3, List.of(
        span(21, 0, CONSUMER, Span.NO_SERVICE, "process orders", 1000, 1060, "kafka", "orders", false),
        span(22, 21, CLIENT, "fulfillment", "POST /shipments", 1010, 1030, null, null, false),
        span(23, 22, SERVER, "shipping", "POST /shipments", 1012, 1028, null, null, false)),
        Map.of(21L, ref(1, 1, 102)));
    DaySummary day = day(List.of(namelessProducer, consumer, namedProducer, namelessConsumer), 2);
    assertEquals(List.of(new EdgeKey("checkout", "kafka", MESSAGING, "kafka", "orders"),
        new EdgeKey("fulfillment", "shipping", RPC, null, null),
        new EdgeKey("kafka", "fulfillment", MESSAGING, "kafka", "orders")), List.copyOf(day.traffic().edges().keySet()));
    Map<Count, Long> counts = day.linkedMessages().counts();
    assertEquals(1L, counts.get(Count.LINKS_TO_PRODUCERS_WITHOUT_SERVICE));
    assertEquals(1L, counts.get(Count.LINKS_OF_CONSUMERS_WITHOUT_SERVICE));
    assertEquals(0L, counts.get(Count.MESSAGES));
    assertEquals(2L, counts.get(Count.LINKS));
    OperationGraphTest.assertSumsToEdges(day.traffic());
  }

  /**
   * A message belongs to the day of its consumer's trace. A producer in the previous day's last minutes (inside the
   * grace period) still joins; a consumer of the next day takes its message to that day, and its producer makes no
   * call here either: over two nightly runs the message counts once.
   */
  @Test
  void aMessageBelongsToItsConsumersDay() {
    long dayMs = 24L * 3600 * 1000;
    long tenAmMs = 10L * 3600 * 1000;
    Trace lateProducer = producerTrace(1, -tenAmMs - 60_000); // 23:59 the day before
    Trace earlyConsumer = batch("kafka", refs(ref(1, 1, 102)));
    Trace producerOfToday = producerTrace(2, 0);
    Trace consumerOfTomorrow = new Trace(2, 2, List.of(
        span(911, 0, CONSUMER, "fulfillment", "process orders", dayMs - tenAmMs + 60_000, dayMs - tenAmMs + 60_100,
            "kafka", "orders", false)), Map.of(911L, ref(1, 2, 202)));
    DaySummary day = day(List.of(lateProducer, earlyConsumer, producerOfToday, consumerOfTomorrow), 2);
    assertEquals(1, day.traffic().edges().get(viaLinks("checkout", "fulfillment")).calls());
    assertNull(day.traffic().edges().get(new EdgeKey("checkout", "kafka", MESSAGING, "kafka", "orders")),
        "today's producer was received tomorrow");
    assertEquals(1L, day.linkedMessages().counts().get(Count.MESSAGES));
    assertFalse(day.traffic().edges().containsKey(viaLinks("kafka", "fulfillment")));
  }

  /** Without the links (a source without them, or --links-only days), the same traces give today's rules. */
  @Test
  void withoutLinksTheRulesAreUnchanged() {
    Trace producer = producerTrace(1, 0);
    Trace consumer = batch("kafka", refs());
    DaySummary day = day(List.of(producer, new Trace(consumer.high, consumer.low, consumer.spans, Map.of())), 1);
    assertEquals(List.of(new EdgeKey("checkout", "kafka", MESSAGING, "kafka", "orders"),
        new EdgeKey("fulfillment", "shipping", RPC, null, null),
        new EdgeKey("kafka", "fulfillment", MESSAGING, "kafka", "orders")), List.copyOf(day.traffic().edges().keySet()));
    assertTrue(day.linkedMessages().calls().isEmpty());
  }
}
