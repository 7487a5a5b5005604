package io.tracegraph.model;

import java.util.List;

/**
 * One trace as the timing, error and quality analyses read it: its real spans in breadth-first order (parents
 * before children; the children of a span contiguous, in start order) with the index of each span's parent, the
 * range of its children, its depth, and its start and end after clock-skew adjustment ({@link ClockSkewAdjuster}).
 * The tree and its spans stay as they were; the adjusted times live beside them here.
 *
 * <p>Arrays rather than nodes, so every analysis is an index loop: bottom-up passes run from the last index to the
 * first, top-down passes from the first to the last, and nothing recurses (a trace of a million spans is fine).
 * Spans directly under a synthetic root (several roots, or none) are top-level: their parent index is -1.
 */
public final class AdjustedTrace {
  /** What clock-skew adjustment did to a span. */
  public enum Skew {
    /** Not moved on its own account (it may move with its process's span above it). */
    NONE,
    /** Moved to fit its parent: the first span of its process below that parent. */
    ADJUSTED,
    /** Did not fit its parent, but the shift needed exceeded the bound, so it was left alone. */
    NOT_APPLIED
  }

  private static final Skew[] SKEWS = Skew.values();

  private final TraceTree tree;
  private final SpanNode[] nodes;
  private final int[] parent;
  private final int[] firstChild;
  private final int[] childCount;
  private final int[] depth;
  private final long[] start;
  private final long[] end;
  private final long[] shift;
  private final byte[] skew;
  private int errorSpans;
  private int maxDepth;

  private AdjustedTrace(TraceTree tree) {
    int n = tree.spanCount();
    this.tree = tree;
    nodes = new SpanNode[n];
    parent = new int[n];
    firstChild = new int[n];
    childCount = new int[n];
    depth = new int[n];
    start = new long[n];
    end = new long[n];
    shift = new long[n];
    skew = new byte[n];
  }

  static AdjustedTrace of(TraceTree tree, ClockSkewAdjuster adjuster) {
    AdjustedTrace t = new AdjustedTrace(tree);
    int tail = 0;
    SpanNode root = tree.root();
    if (root.isSynthetic()) {
      for (SpanNode top : root.children()) tail = t.place(top, -1, tail);
    } else {
      tail = t.place(root, -1, tail);
    }
    boolean adjust = adjuster.enabled();
    long bound = adjuster.maxSkewNanos();
    // Breadth first: a span's parent is placed and adjusted before the span, and its children are appended here.
    for (int i = 0; i < tail; i++) {
      SpanNode node = t.nodes[i];
      Span span = node.span();
      int p = t.parent[i];
      if (p >= 0) {
        t.depth[i] = t.depth[p] + 1;
        if (adjust && !node.isDetached()) t.adjustAgainstParent(i, p, bound);
      } else {
        t.depth[i] = 1;
      }
      t.start[i] = span.startNanos() + t.shift[i];
      t.end[i] = span.endNanos() + t.shift[i];
      if (span.error()) t.errorSpans++;
      t.maxDepth = Math.max(t.maxDepth, t.depth[i]);
      List<SpanNode> children = node.children();
      t.firstChild[i] = tail;
      t.childCount[i] = children.size();
      for (SpanNode child : children) tail = t.place(child, i, tail);
    }
    if (tail != t.nodes.length) throw new IllegalStateException("tree of " + t.nodes.length + " spans reached " + tail);
    return t;
  }

  private int place(SpanNode node, int parentIndex, int at) {
    nodes[at] = node;
    parent[at] = parentIndex;
    return at + 1;
  }

  /** Span {@code i} of the parent's process inherits its shift; on a clock of its own it gets one if it needs it. */
  private void adjustAgainstParent(int i, int p, long bound) {
    Span span = nodes[i].span();
    Span parentSpan = nodes[p].span();
    if (!ClockSkewAdjuster.newClock(parentSpan, span)) {
      shift[i] = shift[p];
      return;
    }
    long delta = ClockSkewAdjuster.skewOf(parentSpan, start[p], end[p], span);
    if (delta == 0) return;
    if (Math.abs(delta) > bound) {
      skew[i] = (byte) Skew.NOT_APPLIED.ordinal();
    } else {
      shift[i] = delta;
      skew[i] = (byte) Skew.ADJUSTED.ordinal();
    }
  }

  /** The tree this view was made from. */
  public TraceTree tree() {
    return tree;
  }

  /** Number of spans (real ones: a synthetic root is not a span here). */
  public int size() {
    return nodes.length;
  }

  /** True when the trace has one root span, at index 0, and every other span below it. */
  public boolean hasSingleRoot() {
    return !tree.root().isSynthetic();
  }

  public SpanNode node(int i) {
    return nodes[i];
  }

  public Span span(int i) {
    return nodes[i].span();
  }

  /** Index of the parent span, or -1 for a top-level span. */
  public int parent(int i) {
    return parent[i];
  }

  /** Index of the first child; the children are {@code firstChild(i) .. firstChild(i) + childCount(i) - 1}. */
  public int firstChild(int i) {
    return firstChild[i];
  }

  public int childCount(int i) {
    return childCount[i];
  }

  /** 1 for a top-level span, its parent's depth + 1 below. */
  public int depth(int i) {
    return depth[i];
  }

  /** The deepest span's depth: 1 for a trace of a lone span. */
  public int maxDepth() {
    return maxDepth;
  }

  /** Adjusted start, Unix epoch nanoseconds. */
  public long start(int i) {
    return start[i];
  }

  /** Adjusted end, Unix epoch nanoseconds. */
  public long end(int i) {
    return end[i];
  }

  /** The shift applied to span {@code i} (adjusted minus raw time), signed nanoseconds. */
  public long shift(int i) {
    return shift[i];
  }

  public Skew skew(int i) {
    return SKEWS[skew[i]];
  }

  /** Spans with status ERROR. */
  public int errorSpans() {
    return errorSpans;
  }
}
