package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Messages that consumers received through span links: the OpenTelemetry messaging conventions correlate a consumer
 * with the producers of the messages it processed by <b>span links</b> rather than by parentage, and a batch consumer's
 * span links to the producer span of every message of its batch, usually in other traces. Each such link is one
 * message, a {@code messaging} call <b>producer service → consumer service through the broker</b>, marked
 * {@link EdgeKey#viaLinks() via links}; its gap (consumer start − producer end) is the message's time in the broker.
 *
 * <p>The rules, per link of a CONSUMER span of the day's traces:
 * <ul>
 *   <li>a link to the consumer's own PRODUCER ancestor in its trace is that message already ({@link CallFinder}'s
 *       CONSUMER rule counts it): skipped, counted as {@link Count#LINKS_TO_OWN_PRODUCER};</li>
 *   <li>a link to a PRODUCER span of the read window (this trace or any other): one call producer's service →
 *       consumer's service, client side the producer, server side the consumer, broker and destination the
 *       consumer's, else the producer's, an error when the consumer failed ({@link Count#MESSAGES});</li>
 *   <li>a link to a span of the read window that is not a PRODUCER: not a message, no call
 *       ({@link Count#LINKS_TO_OTHER_KINDS});</li>
 *   <li>a link to a PRODUCER span without a service name: a message from nobody the data names, no call
 *       ({@link Count#LINKS_TO_PRODUCERS_WITHOUT_SERVICE});</li>
 *   <li>a link to a span not in the read window (not archived, sampled out, or older than the grace period): counted
 *       ({@link Count#LINKS_OUTSIDE_READ_WINDOW}), never guessed; when the consumer names its broker, a call broker →
 *       consumer, as for a consumer whose producer is not in its trace, else no call
 *       ({@link Count#LINKS_OUTSIDE_READ_WINDOW_WITHOUT_BROKER}).</li>
 * </ul>
 * A CONSUMER with links (other than to its own producer) makes no call by the CONSUMER rule, and a PRODUCER that a
 * consumer links to makes no call to the broker of its own ({@link CallFinder.Sink}): each message counts once. Links
 * of spans of other kinds are counted ({@link Count#LINKS_FROM_OTHER_KINDS}) and make no call, and so are the links of
 * a CONSUMER without a service name ({@link Count#LINKS_OF_CONSUMERS_WITHOUT_SERVICE}): it names no callee, keeps the
 * CONSUMER rule, and the first pass leaves its links out, so the producers it links to keep their calls to the
 * broker. The Zipkin-compatible
 * dependency links do not change: a message through span links is still service → broker → consumer there.
 *
 * <p>A link's message belongs to the day of its consumer's trace. The producer spans it needs may be in other traces,
 * of this day or of the grace period: every trace of the read window contributes the spans that consumers link to
 * (known beforehand, {@link LinkTargets}), and {@link #resolve} joins the two once all traces are in. Mergeable: the
 * state is the day's linking consumers and linked spans, both as many as there are links.
 */
public final class LinkedMessages implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** What the links of the day's traces came to, for run.json's {@code span_links}. */
  public enum Count {
    /** Spans of the day's traces that carry span links, of any kind. */
    SPANS_WITH_LINKS,
    /** Links those spans carry. */
    LINKS,
    /** Links of spans other than CONSUMER: no message, no call. */
    LINKS_FROM_OTHER_KINDS,
    /** Links of a CONSUMER to its own PRODUCER ancestor: the message is already a call inside the trace. */
    LINKS_TO_OWN_PRODUCER,
    /** Links of a CONSUMER to a PRODUCER span of the read window: one call producer → consumer each. */
    MESSAGES,
    /** Links of a CONSUMER to a span of the read window that is not a PRODUCER: no call. */
    LINKS_TO_OTHER_KINDS,
    /**
     * Links of a CONSUMER to a PRODUCER span of the read window without a service name: a message from nobody the data
     * names, no call (as {@code trace_quality.calls_without_service} counts such calls inside a trace).
     */
    LINKS_TO_PRODUCERS_WITHOUT_SERVICE,
    /**
     * Links of a CONSUMER without a service name: they name no callee, so they make no call; the consumer keeps the
     * CONSUMER rule (whose hop the CLIENTs it runs may name).
     */
    LINKS_OF_CONSUMERS_WITHOUT_SERVICE,
    /** Links of a CONSUMER to a span not in the read window: a call broker → consumer when the broker is named. */
    LINKS_OUTSIDE_READ_WINDOW,
    /** Of those, links of consumers that name no broker: no call. */
    LINKS_OUTSIDE_READ_WINDOW_WITHOUT_BROKER,
    /** Links of the rows read (the day and its grace periods) whose trace or span id is not a hex id: skipped. */
    LINKS_UNREADABLE;

    /** The run.json key, e.g. {@code links_outside_read_window}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A span of a trace: (trace id, span id). */
  private record SpanRef(long traceHigh, long traceLow, long spanId) implements Serializable {}

  /**
   * A span of the read window that a consumer links to, with what the calls need of it: the span, the operation of
   * its service it was made under ({@link OperationGraph#callerOperation}) and the operations it counts as a callee of
   * (from the span up to the request it serves, as {@link TrafficSummary} lists callees).
   */
  private record Linked(Span span, String callerOperation, List<OperationKey> callerOperations)
      implements Serializable {}

  /** A CONSUMER span of the day with links: its trace, the span, its call weight, its day, the links kept. */
  private record Consumer(long traceHigh, long traceLow, Span span, long weight, long dayStartNanos, long[] targets)
      implements Serializable {}

  /**
   * One message received through a span link.
   *
   * @param key the edge: producer's service (or the broker) → consumer's service, via links
   * @param producer the producer span, or null when it is not in the read window
   * @param callerOperation the producer's operation ({@link OperationEdgeKey}), or null
   * @param callerOperations the operations the producer counts as a callee of (empty without a producer)
   * @param consumer the consumer span
   * @param weight the call's sampling weight (the consumer's), fixed point
   * @param dayStartNanos the day of the consumer's trace
   * @param traceHigh the consumer's trace id, high 64 bits
   * @param traceLow the consumer's trace id, low 64 bits
   */
  public record Call(EdgeKey key, Span producer, String callerOperation, List<OperationKey> callerOperations,
                     Span consumer, long weight, long dayStartNanos, long traceHigh, long traceLow) {}

  /** The day's messages through span links, grouped by consumer trace (in trace id order), and the counts. */
  public record Resolution(List<Call> calls, Map<Count, Long> counts) {
    public Resolution {
      calls = List.copyOf(calls);
      counts = Collections.unmodifiableMap(new EnumMap<>(counts));
    }
  }

  private final Map<SpanRef, Linked> linked = new HashMap<>();
  private final List<Consumer> consumers = new ArrayList<>();
  private final long[] counts = new long[Count.values().length];

  /**
   * Adds what one trace of the read window says: the spans of it that consumers link to (from any trace of the read
   * window, whatever its day), and, when the trace is of the day, the links of its spans.
   */
  public LinkedMessages addTrace(long traceHigh, long traceLow, TraceTree tree, TraceLinks links, boolean ofTheDay) {
    if (links.isEmpty() || (!ofTheDay && !links.hasLinkedSpans())) return this;
    long dayStart = CallTimeline.dayStartOf(tree.earliestStartNanos());
    for (SpanNode node : tree.breadthFirst()) {
      Span span = node.span();
      if (links.isLinkedTo(span.spanId())) {
        linked.put(new SpanRef(traceHigh, traceLow, span.spanId()),
            new Linked(span, OperationGraph.callerOperation(node), callerOperations(node)));
      }
      if (!ofTheDay) continue;
      long[] targets = links.linksOf(span.spanId());
      if (targets == null) continue;
      counts[Count.SPANS_WITH_LINKS.ordinal()]++;
      counts[Count.LINKS.ordinal()] += targets.length / 3;
      if (span.kind() != SpanKind.CONSUMER) {
        counts[Count.LINKS_FROM_OTHER_KINDS.ordinal()] += targets.length / 3;
        continue;
      }
      if (!span.hasService()) {
        counts[Count.LINKS_OF_CONSUMERS_WITHOUT_SERVICE.ordinal()] += targets.length / 3;
        continue;
      }
      Span ancestor = node.nearestRemoteAncestor();
      long ownProducer = ancestor != null && ancestor.kind() == SpanKind.PRODUCER ? ancestor.spanId() : 0;
      long[] kept = new long[targets.length];
      int n = 0;
      for (int i = 0; i < targets.length; i += 3) {
        if (ownProducer != 0 && targets[i] == traceHigh && targets[i + 1] == traceLow && targets[i + 2] == ownProducer) {
          counts[Count.LINKS_TO_OWN_PRODUCER.ordinal()]++;
          continue;
        }
        System.arraycopy(targets, i, kept, n, 3);
        n += 3;
      }
      if (n > 0) {
        consumers.add(new Consumer(traceHigh, traceLow, span, SamplingWeight.fixed(weight(node)), dayStart,
            n == kept.length ? kept : java.util.Arrays.copyOf(kept, n)));
      }
    }
    return this;
  }

  /** A span's sampling weight: its own, else its nearest ancestor's, else 1 (as {@link TrafficSummary} weighs). */
  private static double weight(SpanNode node) {
    for (SpanNode n = node; n != null && !n.isSynthetic(); n = n.parent()) {
      if (n.span().samplingWeight() != SamplingWeight.NONE) return n.span().samplingWeight();
    }
    return 1;
  }

  /** The operations a call made at {@code node} counts as a callee of: up through its service to its request. */
  private static List<OperationKey> callerOperations(SpanNode node) {
    List<OperationKey> ops = new ArrayList<>(2);
    String service = node.span().service();
    for (SpanNode n = node; n != null && !n.isSynthetic(); n = n.parent()) {
      Span c = n.span();
      if (!c.service().equals(service)) break;
      ops.add(new OperationKey(c.service(), c.name(), c.kind()));
      if (c.kind() == SpanKind.SERVER || c.kind() == SpanKind.CONSUMER || n.isDetached()) break;
    }
    return List.copyOf(ops);
  }

  /** Counts links of a row read whose ids could not be read (they are skipped). */
  public LinkedMessages countUnreadable(long links) {
    counts[Count.LINKS_UNREADABLE.ordinal()] += links;
    return this;
  }

  /** Adds what other traces said (of the same day). */
  public LinkedMessages merge(LinkedMessages other) {
    linked.putAll(other.linked);
    consumers.addAll(other.consumers);
    for (int i = 0; i < counts.length; i++) counts[i] += other.counts[i];
    return this;
  }

  /** True when no trace had links or linked spans. */
  public boolean isEmpty() {
    return linked.isEmpty() && consumers.isEmpty() && counts[Count.LINKS.ordinal()] == 0
        && counts[Count.LINKS_UNREADABLE.ordinal()] == 0;
  }

  /**
   * Joins the day's links with the linked spans: the messages, grouped by consumer trace and in a fixed order
   * (consumer trace id, consumer span id, then the links in their row's order), and every count. Pure: the state is
   * not changed.
   */
  public Resolution resolve() {
    long[] c = counts.clone();
    List<Consumer> ordered = new ArrayList<>(consumers);
    ordered.sort(Comparator.<Consumer>comparingLong(x -> x.traceHigh).thenComparingLong(x -> x.traceLow)
        .thenComparingLong(x -> x.span.spanId()));
    List<Call> calls = new ArrayList<>();
    for (Consumer consumer : ordered) {
      Span span = consumer.span;
      for (int i = 0; i < consumer.targets.length; i += 3) {
        Linked target = linked.get(new SpanRef(consumer.targets[i], consumer.targets[i + 1], consumer.targets[i + 2]));
        if (target == null) {
          c[Count.LINKS_OUTSIDE_READ_WINDOW.ordinal()]++;
          if (span.peer() == null) {
            c[Count.LINKS_OUTSIDE_READ_WINDOW_WITHOUT_BROKER.ordinal()]++;
          } else {
            calls.add(call(new EdgeKey(span.peer(), span.service(), ConnectionType.MESSAGING, span.peer(),
                span.destination(), true), null, consumer));
          }
        } else if (target.span.kind() != SpanKind.PRODUCER) {
          c[Count.LINKS_TO_OTHER_KINDS.ordinal()]++;
        } else if (!target.span.hasService()) {
          c[Count.LINKS_TO_PRODUCERS_WITHOUT_SERVICE.ordinal()]++;
        } else {
          c[Count.MESSAGES.ordinal()]++;
          Span producer = target.span;
          String broker = span.peer() != null ? span.peer() : producer.peer();
          String destination = span.destination() != null ? span.destination() : producer.destination();
          calls.add(call(new EdgeKey(producer.service(), span.service(), ConnectionType.MESSAGING, broker, destination,
              true), target, consumer));
        }
      }
    }
    Map<Count, Long> byCount = new EnumMap<>(Count.class);
    for (Count k : Count.values()) byCount.put(k, c[k.ordinal()]);
    return new Resolution(calls, byCount);
  }

  private static Call call(EdgeKey key, Linked producer, Consumer consumer) {
    return new Call(key, producer == null ? null : producer.span, producer == null ? null : producer.callerOperation,
        producer == null ? List.of() : producer.callerOperations, consumer.span, consumer.weight,
        consumer.dayStartNanos, consumer.traceHigh, consumer.traceLow);
  }
}
