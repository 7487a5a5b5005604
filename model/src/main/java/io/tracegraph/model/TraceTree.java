package io.tracegraph.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The tree of one trace, assembled from its spans in any order, after Zipkin's {@code SpanNode.Builder}:
 * <ol>
 *   <li>rows that repeat a span id are merged into one span ({@link Span#merge}) and counted;</li>
 *   <li>each span is attached to its parent; a span whose parent id is absent from the trace is an orphan;</li>
 *   <li>parent cycles in hostile input are broken where the cycle is found, without looping;</li>
 *   <li>when the trace has exactly one root (a span without a parent) orphans hang under it, as Zipkin assumes;
 *       otherwise a synthetic root holds all roots and orphans, so traces with no root or several roots still
 *       form one tree;</li>
 *   <li>siblings are ordered by start time, then span id;</li>
 *   <li>a CLIENT, PRODUCER or INTERNAL span read without a service name ran inside its parent's process: it is
 *       named after its parent's service, when the parent is really its parent (not a root it hangs under as an
 *       orphan) and has a name itself (attributed or not). SERVER, CONSUMER and UNSPECIFIED spans without a name
 *       stay without one ({@link Span#NO_SERVICE}): they are another process, which nobody named. So are spans
 *       under those, and roots. Zipkin's linker likewise never invents a service for a span without a name.</li>
 * </ol>
 * The result depends only on the set of input rows, not on their order. Memory is linear in the number of spans
 * and nothing recurses, so one trace of a million spans is fine.
 */
public final class TraceTree {
  /** Orders rows so that merging duplicates is independent of arrival order. */
  private static final Comparator<Span> CONTENT_ORDER = Comparator.comparingLong(Span::startNanos)
      .thenComparingLong(Span::endNanos)
      .thenComparing(Span::service)
      .thenComparing(Span::name)
      .thenComparing(Span::kind)
      .thenComparingLong(Span::parentId)
      .thenComparing(Span::error)
      .thenComparing(Span::peer, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(Span::peerIsDatabase)
      .thenComparing(Span::destination, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparingDouble(Span::samplingWeight)
      .thenComparing(Span::resent);
  /** By span id, then content; the id decides almost every comparison, so it is compared without a lambda chain. */
  private static final Comparator<Span> ROW_ORDER = (a, b) -> {
    int byId = Long.compare(a.spanId(), b.spanId());
    return byId != 0 ? byId : CONTENT_ORDER.compare(a, b);
  };

  private final long traceHigh;
  private final long traceLow;
  private final SpanNode root;
  private final int spanCount;
  private final int duplicatesMerged;
  private final int orphans;
  private final int rootSpans;
  private final int cyclesBroken;
  private final int spansWithoutService;
  private final long earliestStartNanos;

  private TraceTree(long traceHigh, long traceLow, SpanNode root, int spanCount, int duplicatesMerged, int orphans,
                    int rootSpans, int cyclesBroken, int spansWithoutService, long earliestStartNanos) {
    this.traceHigh = traceHigh;
    this.traceLow = traceLow;
    this.root = root;
    this.spanCount = spanCount;
    this.duplicatesMerged = duplicatesMerged;
    this.orphans = orphans;
    this.rootSpans = rootSpans;
    this.cyclesBroken = cyclesBroken;
    this.spansWithoutService = spansWithoutService;
    this.earliestStartNanos = earliestStartNanos;
  }

  /** Builds the tree of one trace whose id is unknown (0). {@code rows} must be non-empty and is reordered in place. */
  public static TraceTree build(List<Span> rows) {
    return build(0, 0, rows);
  }

  /**
   * Builds the tree of trace {@code (traceHigh, traceLow)} (its id as two 64-bit halves, kept for examples in the
   * reports). {@code rows} must be non-empty and is reordered in place.
   */
  public static TraceTree build(long traceHigh, long traceLow, List<Span> rows) {
    Objects.requireNonNull(rows, "rows == null");
    if (rows.isEmpty()) throw new IllegalArgumentException("a trace has at least one span");
    rows.sort(ROW_ORDER);

    // 1. Merge rows that repeat a span id; ids end up sorted, so lookups are binary searches over a long[].
    List<SpanNode> nodes = new ArrayList<>(rows.size());
    Span current = rows.get(0);
    int repeats = 0;
    for (int i = 1; i < rows.size(); i++) {
      Span next = rows.get(i);
      if (next.spanId() == current.spanId()) {
        current = current.merge(next);
        repeats++;
      } else {
        nodes.add(SpanNode.of(current, repeats));
        current = next;
        repeats = 0;
      }
    }
    nodes.add(SpanNode.of(current, repeats));
    int n = nodes.size();
    long[] ids = new long[n];
    long earliest = Long.MAX_VALUE;
    int withoutService = 0;
    for (int i = 0; i < n; i++) {
      Span span = nodes.get(i).span();
      ids[i] = span.spanId();
      earliest = Math.min(earliest, span.startNanos());
      if (!span.hasService()) withoutService++;
    }

    // 2. Attach children to parents; remember roots and orphans.
    List<SpanNode> roots = new ArrayList<>(1);
    List<SpanNode> detached = new ArrayList<>(); // orphans, then spans cut out of cycles
    for (SpanNode node : nodes) {
      Span span = node.span();
      if (!span.hasParent()) {
        roots.add(node);
        continue;
      }
      int parent = Arrays.binarySearch(ids, span.parentId());
      if (parent >= 0) nodes.get(parent).addChild(node);
      else detached.add(node);
    }
    int orphanCount = detached.size();

    // 3. Whatever roots and orphans cannot reach sits on, or under, a parent cycle: cut each cycle once.
    boolean[] reached = new boolean[n];
    int reachedCount = markReachable(roots, ids, reached) + markReachable(detached, ids, reached);
    int cycles = 0;
    if (reachedCount < n) {
      int[] walk = new int[n];
      for (int start = 0; start < n; start++) {
        if (reached[start]) continue;
        int stamp = start + 1;
        int i = start;
        while (!reached[i] && walk[i] != stamp) { // climb until we meet a span of this climb again
          walk[i] = stamp;
          i = Arrays.binarySearch(ids, nodes.get(i).span().parentId());
        }
        if (reached[i]) continue; // unreachable from here only because of a cycle cut just now
        SpanNode cut = nodes.get(i);
        cut.parent().removeChild(cut);
        detached.add(cut);
        cycles++;
        markReachable(List.of(cut), ids, reached);
      }
    }

    // 4. Hang everything under one root.
    SpanNode top;
    if (roots.size() == 1) {
      top = roots.get(0);
    } else {
      top = new SpanNode(null);
      for (SpanNode r : roots) top.addChild(r);
    }
    for (SpanNode d : detached) top.addChild(d);

    // 5. Siblings in start order.
    top.sortChildren();
    for (SpanNode node : nodes) node.sortChildren();

    // 6. Name the in-process spans read without a service name.
    if (withoutService > 0) attributeServices(top);
    return new TraceTree(traceHigh, traceLow, top, n, rows.size() - n, orphanCount, roots.size(), cycles,
        withoutService, earliest);
  }

  /** Breadth first, so a span's parent is named (or known to stay nameless) before the span. */
  private static void attributeServices(SpanNode top) {
    ArrayDeque<SpanNode> queue = new ArrayDeque<>(List.of(top));
    while (!queue.isEmpty()) {
      SpanNode node = queue.poll();
      queue.addAll(node.children());
      Span span = node.span();
      if (span == null || span.hasService() || !runsInParentProcess(span.kind()) || node.isDetached()) continue;
      Span parent = node.parentSpan();
      if (parent != null && parent.hasService()) node.attributeTo(parent.service());
    }
  }

  private static boolean runsInParentProcess(SpanKind kind) {
    return kind == SpanKind.CLIENT || kind == SpanKind.PRODUCER || kind == SpanKind.INTERNAL;
  }

  private static int markReachable(List<SpanNode> starts, long[] ids, boolean[] reached) {
    int count = 0;
    ArrayDeque<SpanNode> stack = new ArrayDeque<>(starts);
    while (!stack.isEmpty()) {
      SpanNode node = stack.pop();
      int i = Arrays.binarySearch(ids, node.span().spanId());
      if (reached[i]) continue;
      reached[i] = true;
      count++;
      for (SpanNode child : node.children()) stack.push(child);
    }
    return count;
  }

  /** The high 64 bits of the trace id (0 when built without an id). */
  public long traceHigh() {
    return traceHigh;
  }

  /** The low 64 bits of the trace id (0 when built without an id). */
  public long traceLow() {
    return traceLow;
  }

  /** The root: the trace's only root span, or a synthetic node above several roots and orphans. */
  public SpanNode root() {
    return root;
  }

  /** Distinct spans in the tree (rows after merging duplicates). */
  public int spanCount() {
    return spanCount;
  }

  /** Rows folded into another row with the same span id. */
  public int duplicatesMerged() {
    return duplicatesMerged;
  }

  /** Spans whose parent id names no span of the trace. */
  public int orphans() {
    return orphans;
  }

  /** Spans without a parent id: 1 in a complete trace, 0 when the root was lost, several for split traces. */
  public int rootSpans() {
    return rootSpans;
  }

  /** Parent links cut to break cycles. */
  public int cyclesBroken() {
    return cyclesBroken;
  }

  /**
   * Spans read without a service name (after merging duplicates), whether or not they were named after the service
   * they ran in ({@link SpanNode#serviceAttributed()}).
   */
  public int spansWithoutService() {
    return spansWithoutService;
  }

  /** The start of the earliest span: it decides which day the trace belongs to. */
  public long earliestStartNanos() {
    return earliestStartNanos;
  }

  /** All real (non-synthetic) nodes, parents before children, breadth first. */
  public Iterable<SpanNode> breadthFirst() {
    return () -> new Iterator<>() {
      private final ArrayDeque<SpanNode> queue = new ArrayDeque<>(List.of(root));
      private SpanNode next = advance();

      private SpanNode advance() {
        while (!queue.isEmpty()) {
          SpanNode node = queue.poll();
          queue.addAll(node.children());
          if (!node.isSynthetic()) return node;
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public SpanNode next() {
        if (next == null) throw new NoSuchElementException();
        SpanNode result = next;
        next = advance();
        return result;
      }
    };
  }
}
