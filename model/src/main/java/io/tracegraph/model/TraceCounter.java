package io.tracegraph.model;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Day-level counts over traces, reported in run.json under {@code traces}. */
public enum TraceCounter {
  /** Traces that belong to the day (their earliest span starts in it). */
  TRACES,
  /** Distinct spans in the day's traces, after merging duplicates. */
  SPANS,
  /** Rows folded into another row with the same span id. */
  DUPLICATES_MERGED,
  /** Spans whose parent is absent from the trace. */
  ORPHANS,
  /** Traces in which no span is a root (the root span was lost). */
  TRACES_WITHOUT_ROOT,
  /** Traces with more than one root span. */
  TRACES_WITH_SEVERAL_ROOTS,
  /** Parent links cut to break parent cycles. */
  CYCLES_BROKEN,
  /** Traces left out because they started the day before (the previous night counted them). */
  TRACES_OF_PREVIOUS_DAY,
  /** Traces left out because they start in the next day's grace period (the next night counts them). */
  TRACES_OF_NEXT_DAY,
  /**
   * Traces left out whole because they have more spans than the limit ({@link TraceAnalyses.Options#maxTraceSpans});
   * their rows are dropped as {@link DropReason#TRACE_TOO_LARGE}, whichever day they belong to.
   */
  TRACES_TOO_LARGE;

  /** The name used in run.json, e.g. {@code duplicates_merged}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The counts one trace contributes, given where it falls. Zero counts are left out. */
  public static Map<TraceCounter, Long> of(TraceTree tree, DayWindow.Placement placement) {
    Map<TraceCounter, Long> counts = new EnumMap<>(TraceCounter.class);
    switch (placement) {
      case PREVIOUS_DAY -> counts.put(TRACES_OF_PREVIOUS_DAY, 1L);
      case NEXT_DAY -> counts.put(TRACES_OF_NEXT_DAY, 1L);
      case THIS_DAY -> {
        counts.put(TRACES, 1L);
        counts.put(SPANS, (long) tree.spanCount());
        putIfPositive(counts, DUPLICATES_MERGED, tree.duplicatesMerged());
        putIfPositive(counts, ORPHANS, tree.orphans());
        putIfPositive(counts, TRACES_WITHOUT_ROOT, tree.rootSpans() == 0 ? 1 : 0);
        putIfPositive(counts, TRACES_WITH_SEVERAL_ROOTS, tree.rootSpans() > 1 ? 1 : 0);
        putIfPositive(counts, CYCLES_BROKEN, tree.cyclesBroken());
      }
    }
    return counts;
  }

  private static void putIfPositive(Map<TraceCounter, Long> counts, TraceCounter counter, long value) {
    if (value > 0) counts.put(counter, value);
  }
}
