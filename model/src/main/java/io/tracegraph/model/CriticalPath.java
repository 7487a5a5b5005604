package io.tracegraph.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The critical path of one trace, by the CRISP algorithm (Zhang et al., "CRISP: Critical Path Analysis of
 * Large-Scale Microservice Architectures", USENIX ATC 2022), on skew-adjusted times:
 * <ol>
 *   <li>children are clipped to their parent's time on the path; children entirely outside it are dropped (work the
 *       request did not wait for, such as a message consumed after its producer returned);</li>
 *   <li>the last-finishing child is on the path; walking back in time, so is each child that finished before the
 *       current one started, tolerating an overlap of 1% of the parent's time;</li>
 *   <li>a span's critical-path time is its time on the path minus its critical children's.</li>
 * </ol>
 * Where an overlap is tolerated, the earlier child's time on the path ends where the later child's starts, so the
 * overlap is not counted twice: the critical times of a trace are never negative and sum exactly to the root's
 * duration. Traces without a single root have no end-to-end request to explain and get no path.
 *
 * <p>One pass with an explicit stack; each span is visited at most once and its children are sorted once, so the
 * cost is O(n log n) and nothing recurses.
 */
public final class CriticalPath {
  /** The overlap tolerated between consecutive critical children, as a fraction of their parent's time. */
  public static final double OVERLAP_TOLERANCE = 0.01;
  private static final int INSERTION_SORT_MAX = 16;

  private final AdjustedTrace trace;
  private final long[] criticalNanos;
  private final boolean[] onPath;
  private final int[] visited; // span indexes on the path, in visiting order
  private final int visitedCount;

  private CriticalPath(AdjustedTrace trace, long[] criticalNanos, boolean[] onPath, int[] visited, int visitedCount) {
    this.trace = trace;
    this.criticalNanos = criticalNanos;
    this.onPath = onPath;
    this.visited = visited;
    this.visitedCount = visitedCount;
  }

  /** The critical path of a trace with a single root; null for a trace without one. */
  public static CriticalPath of(AdjustedTrace t) {
    if (!t.hasSingleRoot()) return null;
    int n = t.size();
    long[] critical = new long[n];
    boolean[] onPath = new boolean[n];
    int[] visited = new int[n];
    int visitedCount = 0;
    // The stack holds spans on the path with their window: their time clipped to the parent's window.
    int[] stackSpan = new int[n];
    long[] stackStart = new long[n];
    long[] stackEnd = new long[n];
    int top = 0;
    stackSpan[0] = 0;
    stackStart[0] = t.start(0);
    stackEnd[0] = t.end(0);
    top = 1;
    Children kids = new Children();
    while (top > 0) {
      top--;
      int span = stackSpan[top];
      long windowStart = stackStart[top];
      long windowEnd = stackEnd[top];
      onPath[span] = true;
      visited[visitedCount++] = span;
      long covered = 0;
      if (t.childCount(span) > 0) {
        kids.collect(t, span, windowStart, windowEnd);
        long tolerance = (long) ((windowEnd - windowStart) * OVERLAP_TOLERANCE);
        long frontier = windowEnd; // where the critical child found last starts
        boolean first = true;
        for (int k = 0; k < kids.size; k++) {
          long childStart = kids.start[k];
          long childEnd = kids.end[k];
          boolean before = childEnd <= frontier || (childEnd - frontier <= tolerance && childStart < frontier);
          if (!first && !before) continue; // overlaps the critical child after it: runs in parallel, off the path
          long end = Math.min(childEnd, frontier);
          stackSpan[top] = kids.index[k];
          stackStart[top] = childStart;
          stackEnd[top] = end;
          top++;
          covered += end - childStart;
          frontier = childStart;
          first = false;
        }
      }
      critical[span] = windowEnd - windowStart - covered;
    }
    return new CriticalPath(t, critical, onPath, visited, visitedCount);
  }

  /** The trace the path is of. */
  public AdjustedTrace trace() {
    return trace;
  }

  /** Critical-path time of span {@code i}, nanoseconds (0 off the path). */
  public long criticalNanos(int i) {
    return criticalNanos[i];
  }

  public boolean onPath(int i) {
    return onPath[i];
  }

  /** Indexes of the spans on the path, root first, then depth first (a span's earliest critical child first). */
  public int[] pathIndexes() {
    return Arrays.copyOf(visited, visitedCount);
  }

  /** The spans on the path, in {@link #pathIndexes()} order. */
  public List<Span> pathSpans() {
    List<Span> spans = new ArrayList<>(visitedCount);
    for (int k = 0; k < visitedCount; k++) spans.add(trace.span(visited[k]));
    return spans;
  }

  /** The root's duration: what the critical times add up to. */
  public long durationNanos() {
    return trace.end(0) - trace.start(0);
  }

  /**
   * The children of one span clipped to its window, without those entirely outside it, sorted by clipped end
   * (latest first), then start (latest first), then position. Reused from span to span to spare allocations.
   */
  private static final class Children {
    int size;
    int[] index = new int[8];
    long[] start = new long[8];
    long[] end = new long[8];

    void collect(AdjustedTrace t, int parent, long windowStart, long windowEnd) {
      int first = t.firstChild(parent);
      int count = t.childCount(parent);
      if (index.length < count) {
        index = new int[count];
        start = new long[count];
        end = new long[count];
      }
      size = 0;
      for (int c = first; c < first + count; c++) {
        long s = t.start(c);
        long e = t.end(c);
        boolean overlaps = s < windowEnd && e > windowStart;
        boolean emptyInside = s == e && s >= windowStart && e <= windowEnd;
        if (!overlaps && !emptyInside) continue;
        index[size] = c;
        start[size] = Math.max(s, windowStart);
        end[size] = Math.min(e, windowEnd);
        size++;
      }
      if (size <= INSERTION_SORT_MAX) insertionSort();
      else boxedSort();
    }

    private boolean before(int a, int b) { // a sorts before b
      if (end[a] != end[b]) return end[a] > end[b];
      if (start[a] != start[b]) return start[a] > start[b];
      return index[a] < index[b];
    }

    private void insertionSort() {
      for (int i = 1; i < size; i++) {
        int ix = index[i];
        long s = start[i];
        long e = end[i];
        int j = i - 1;
        while (j >= 0 && (end[j] < e || (end[j] == e && (start[j] < s || (start[j] == s && index[j] > ix))))) {
          index[j + 1] = index[j];
          start[j + 1] = start[j];
          end[j + 1] = end[j];
          j--;
        }
        index[j + 1] = ix;
        start[j + 1] = s;
        end[j + 1] = e;
      }
    }

    private void boxedSort() { // wide fan-outs only
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) order[i] = i;
      Arrays.sort(order, (a, b) -> before(a, b) ? -1 : before(b, a) ? 1 : 0);
      int[] ix = new int[size];
      long[] s = new long[size];
      long[] e = new long[size];
      for (int i = 0; i < size; i++) {
        ix[i] = index[order[i]];
        s[i] = start[order[i]];
        e[i] = end[order[i]];
      }
      System.arraycopy(ix, 0, index, 0, size);
      System.arraycopy(s, 0, start, 0, size);
      System.arraycopy(e, 0, end, 0, size);
    }
  }
}
