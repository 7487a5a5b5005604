package io.tracegraph.tools.generate;

import io.tracegraph.model.HexIds;
import io.tracegraph.tools.generate.TraceBuilder.Hop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One synthesised trace with everything injected into it, placed on the clock: the spans (creation order, parents
 * first) with their row fates, the hops it was meant to contain, the injected error, and the fragments broken off
 * by lost context propagation. Both the span rows and the ground truth are read from this one object, so they
 * cannot disagree.
 */
final class SyntheticTrace {
  /** A link of {@code _generator/expected_links} from one trace, before the Spark aggregation. */
  record LinkCount(String parent, String child, long calls, long errors) {}

  /** One row of {@code _generator/traces}: the truth about one trace id of the archive. */
  record Truth(long epochDay, String traceId, String rootService, String rootOperation, int spanCount,
               String errorOriginSpanId, String errorOriginService, String errorOriginOperation,
               boolean errorReachedRoot, List<String> flags, List<LinkCount> links) {}

  final GenerationPlan plan;
  final GenerationPlan.Slot slot;
  final List<SyntheticSpan> spans;
  final List<Hop> hops;
  final long traceHigh;
  final long traceLow;
  /** Trace ids of the fragments 1..n, at index k-1. */
  final List<long[]> fragmentIds = new ArrayList<>(0);
  SyntheticSpan errorOrigin;
  boolean brokenPropagation;
  /** The call patterns injected ({@link InjectedPatterns}). */
  TraceBuilder.PatternCounts injected = new TraceBuilder.PatternCounts();
  /** A batch consumer's trace: the messages it links to, and how many of their producer spans were lost. */
  long batchMessages;
  long batchLinksToLostSpans;

  SyntheticTrace(GenerationPlan plan, GenerationPlan.Slot slot, List<SyntheticSpan> spans, List<Hop> hops,
                 long traceHigh, long traceLow) {
    this.plan = plan;
    this.slot = slot;
    this.spans = spans;
    this.hops = hops;
    this.traceHigh = traceHigh;
    this.traceLow = traceLow;
  }

  SyntheticSpan root() {
    return spans.get(0);
  }

  /** The trace id (32 lower-case hex digits) of archive trace {@code fragment} (0: the trace itself). */
  String traceId(int fragment) {
    if (fragment == 0) return HexIds.toHex(traceHigh, traceLow);
    long[] id = fragmentIds.get(fragment - 1);
    return HexIds.toHex(id[0], id[1]);
  }

  boolean crossesMidnight() {
    return slot.kind() == GenerationPlan.Kind.CROSSING;
  }

  boolean showcase() {
    return slot.kind() == GenerationPlan.Kind.SHOWCASE;
  }

  /** The UTC day of the trace: that of its root, which is never lost and starts first. */
  long epochDay() {
    return GenerationPlan.epochDayOf(root().start);
  }

  /**
   * The intended links of the trace, from its hops: one call per hop, failed when a span carrying it failed. These
   * are the links the trace should give under DependencyLinker's rules, whatever happened to its rows.
   */
  List<LinkCount> links() {
    Map<String, long[]> counts = new TreeMap<>();
    for (Hop hop : hops) {
      long[] c = counts.computeIfAbsent(hop.parent() + '\n' + hop.child(), k -> new long[2]);
      c[0]++;
      if (hop.error()) c[1]++;
    }
    List<LinkCount> links = new ArrayList<>(counts.size());
    counts.forEach((key, c) -> {
      int nl = key.indexOf('\n');
      links.add(new LinkCount(key.substring(0, nl), key.substring(nl + 1), c[0], c[1]));
    });
    return links;
  }

  /** The truth rows of the archive traces made from this trace: itself, then its fragments. */
  List<Truth> truths() {
    int archiveTraces = 1 + fragmentIds.size();
    List<Truth> truths = new ArrayList<>(archiveTraces);
    for (int f = 0; f < archiveTraces; f++) {
      SyntheticSpan top = null;
      long earliest = Long.MAX_VALUE;
      int count = 0;
      TreeSet<String> flags = new TreeSet<>();
      for (SyntheticSpan span : spans) {
        if (span.fragment != f) continue;
        if (top == null) top = span; // creation order: the first span of a fragment is its top
        if (span.skewed) flags.add(Imperfections.FLAG_SKEWED_SPAN);
        if (span.fate.flag() != null) flags.add(span.fate.flag());
        if (span.fate == RowFate.LOST) continue;
        count++;
        earliest = Math.min(earliest, span.start);
      }
      if (f == 0) {
        if (brokenPropagation) flags.add(Imperfections.FLAG_BROKEN_PROPAGATION);
        if (crossesMidnight()) flags.add(Imperfections.FLAG_CROSSING_MIDNIGHT);
        if (showcase()) flags.add(Imperfections.FLAG_SHOWCASE);
        if (slot.kind() == GenerationPlan.Kind.BATCH) flags.add(BatchTraces.FLAG_BATCH_CONSUMER);
        SyntheticSpan origin = errorOrigin;
        truths.add(new Truth(epochDay(), traceId(0), top.service, top.name, count,
            origin == null ? null : HexIds.toHex(origin.spanId),
            origin == null ? null : origin.service,
            origin == null ? null : origin.name,
            origin != null && root().error(), List.copyOf(flags), links()));
      } else {
        flags.add(Imperfections.FLAG_PROPAGATION_FRAGMENT);
        truths.add(new Truth(GenerationPlan.epochDayOf(earliest), traceId(f), top.service, top.name, count,
            null, null, null, false, List.copyOf(flags), List.of()));
      }
    }
    return truths;
  }

  /** The counters of this trace per generated day ({@link DayCounter} ordinals), for summary.json. */
  Map<Long, long[]> tallies() {
    Map<Long, long[]> byDay = new HashMap<>(4);
    for (SyntheticSpan span : spans) {
      long day = GenerationPlan.epochDayOf(span.start);
      if (!plan.generates(day)) continue;
      long[] t = byDay.computeIfAbsent(day, d -> new long[DayCounter.values().length]);
      t[DayCounter.ROWS_WRITTEN.ordinal()] += span.fate.rows();
      if (span.fate != RowFate.LOST) t[DayCounter.SPANS_WRITTEN.ordinal()]++;
      if (span.fate.tally != null) t[span.fate.tally.ordinal()]++;
      if (span.skewed && span.fate != RowFate.LOST) t[DayCounter.SKEWED_SPANS.ordinal()]++;
    }
    List<Truth> truths = truths();
    for (int f = 0; f < truths.size(); f++) {
      long day = truths.get(f).epochDay();
      if (!plan.generates(day)) continue;
      long[] t = byDay.computeIfAbsent(day, d -> new long[DayCounter.values().length]);
      if (f > 0) {
        t[DayCounter.PROPAGATION_FRAGMENTS.ordinal()]++;
        continue;
      }
      t[DayCounter.TRACES.ordinal()]++;
      if (brokenPropagation) t[DayCounter.BROKEN_PROPAGATION_TRACES.ordinal()]++;
      if (crossesMidnight()) t[DayCounter.CROSSING_MIDNIGHT_TRACES.ordinal()]++;
      if (errorOrigin != null) t[DayCounter.TRACES_WITH_INJECTED_ERROR.ordinal()]++;
      if (errorOrigin != null && root().error()) t[DayCounter.ERRORS_REACHING_ROOT.ordinal()]++;
      t[DayCounter.N_PLUS_ONE_LOOPS.ordinal()] += injected.loops;
      t[DayCounter.N_PLUS_ONE_CALLS.ordinal()] += injected.loopCalls;
      if (injected.loops > 0) t[DayCounter.N_PLUS_ONE_TRACES.ordinal()]++;
      t[DayCounter.RETRIES.ordinal()] += injected.retries;
      if (injected.retries > 0) t[DayCounter.RETRY_TRACES.ordinal()]++;
      t[DayCounter.FAN_OUTS.ordinal()] += injected.fanOuts;
      t[DayCounter.FAN_OUT_CALLS.ordinal()] += injected.fanOutCalls;
      if (injected.fanOuts > 0) t[DayCounter.FAN_OUT_TRACES.ordinal()]++;
      if (slot.kind() == GenerationPlan.Kind.BATCH) t[DayCounter.BATCH_TRACES.ordinal()]++;
      t[DayCounter.BATCH_MESSAGES.ordinal()] += batchMessages;
      t[DayCounter.BATCH_LINKS_TO_LOST_SPANS.ordinal()] += batchLinksToLostSpans;
    }
    return byDay;
  }
}
