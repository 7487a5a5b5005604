package io.tracegraph.tools.generate;

import io.tracegraph.tools.generate.GenerationPlan.Kind;
import io.tracegraph.tools.generate.GenerationPlan.Slot;
import io.tracegraph.tools.generate.SyntheticSpan.Protocol;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.SpanKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The traces of {@code --batch-consumer} ({@link InjectedPatterns}): a consumer group of topic orders that consumes in
 * batches, after the OpenTelemetry messaging conventions. The batch of a {@link Kind#BATCH} slot holds the messages
 * published by the day's normal trace slots it covers ({@link GenerationPlan#batch}); it synthesises those traces
 * again (the same traces, since a trace depends only on its slot) to find their PRODUCER spans, and makes one trace: a
 * root CONSUMER span of the group, started just after the last message was published, with one span link per message
 * to its producer span (in the producer's trace), the group's usual processing below it once, and the imperfections
 * of its mode. A batch without messages makes no trace.
 */
final class BatchTraces {
  /** The truth flag of a batch consumer's trace. */
  static final String FLAG_BATCH_CONSUMER = "batch_consumer";

  private BatchTraces() {}

  static SyntheticTrace synthesize(GenerationPlan plan, Slot slot) {
    GenerationPlan.Batch batch = plan.batch(slot.index());
    CallTree.Consumer consumer = ShopWorld.consumer(batch.consumer());
    String producerName = "publish " + InjectedPatterns.BATCH_TOPIC;
    List<String[]> links = new ArrayList<>();
    long lastEnd = Long.MIN_VALUE;
    long lost = 0;
    for (int j = batch.firstSlot(); j < batch.endSlot(); j++) {
      SyntheticTrace published = TraceSynthesizer.synthesize(plan, new Slot(slot.epochDay(), Kind.NORMAL, j));
      for (SyntheticSpan s : published.spans) {
        if (s.kind != SpanKind.PRODUCER || !s.name.equals(producerName)) continue;
        links.add(new String[] {published.traceId(s.fragment), HexIds.toHex(s.spanId)});
        lastEnd = Math.max(lastEnd, s.end);
        if (s.fate == RowFate.LOST) lost++;
      }
    }
    if (links.isEmpty()) return null;

    SplittableRandom random = Seeds.random(plan.seed(), slot.epochDay(), slot.kind().ordinal(), slot.index(),
        Seeds.STRUCTURE);
    TraceBuilder b = new TraceBuilder(random, Map.of(), plan.perturbations());
    long high = TraceSynthesizer.nonZero(random);
    long low = random.nextLong();
    SyntheticSpan root = b.span(null, consumer.service(), b.host(consumer.service()),
        "process " + InjectedPatterns.BATCH_TOPIC, SpanKind.CONSUMER, Protocol.MESSAGING, 0);
    root.attr("messaging.system", ShopWorld.KAFKA).attr("messaging.destination.name", InjectedPatterns.BATCH_TOPIC)
        .attr("messaging.operation.type", "process").attr("messaging.operation.name", "process")
        .attr("messaging.consumer.group.name", consumer.service())
        .attr("messaging.batch.message_count", Integer.toString(links.size()));
    root.links = links;
    long self = b.selfLatency(consumer.service(), consumer.selfMillis(), 0.5);
    long t = consumer.body().run(b, root, self / 2);
    root.end = t + self - self / 2;
    b.hop(ShopWorld.KAFKA, consumer.service(), root, null);
    TraceSynthesizer.assignSpanIds(b.spans, random);
    SyntheticTrace trace = new SyntheticTrace(plan, slot, b.spans, b.hops, high, low);
    trace.injected = b.injected;
    trace.batchMessages = links.size();
    trace.batchLinksToLostSpans = lost;

    long start = lastEnd + b.latency(12, 0.9); // consumer lag after the last message
    for (SyntheticSpan span : b.spans) {
      span.start += start;
      span.end += start;
    }
    if (plan.realistic()) TraceSynthesizer.spoil(trace); // as any trace (no recommendation here: nothing broken off)
    return trace;
  }
}
