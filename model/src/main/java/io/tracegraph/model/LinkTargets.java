package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The spans that consumers of the read window link to through span links: (trace id, span id) triples, found by a
 * first, small pass over the rows that have links ({@code links} column) before the traces are built. The nightly
 * hands the set to every task, so that a producer span the set names is known, while its own trace is built, to have
 * been received by a consumer elsewhere: it then makes no call to the broker of its own ({@link LinkedMessages}).
 *
 * <p>Sorted, unique triples in a {@code long[]} (24 bytes a link); a trace's targets are a binary search away.
 */
public final class LinkTargets implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** No span is linked to. */
  public static final LinkTargets NONE = new LinkTargets(new long[0]);

  private final long[] ids; // (traceHigh, traceLow, spanId) triples, sorted, unique

  private LinkTargets(long[] ids) {
    this.ids = ids;
  }

  /** The set of the given (traceHigh, traceLow, spanId) triples, in any order, repeats allowed. */
  public static LinkTargets of(long[] triples) {
    if (triples.length % 3 != 0) throw new IllegalArgumentException("triples expected, got " + triples.length + " longs");
    int n = triples.length / 3;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> compare(triples, 3 * a, triples, 3 * b));
    long[] sorted = new long[triples.length];
    int size = 0;
    for (int k = 0; k < n; k++) {
      int at = 3 * order[k];
      if (size > 0 && compare(sorted, 3 * (size - 1), triples, at) == 0) continue;
      System.arraycopy(triples, at, sorted, 3 * size, 3);
      size++;
    }
    return new LinkTargets(Arrays.copyOf(sorted, 3 * size));
  }

  private static int compare(long[] a, int i, long[] b, int j) {
    int c = Long.compare(a[i], b[j]);
    if (c == 0) c = Long.compare(a[i + 1], b[j + 1]);
    if (c == 0) c = Long.compare(a[i + 2], b[j + 2]);
    return c;
  }

  /** Distinct linked spans. */
  public int size() {
    return ids.length / 3;
  }

  public boolean isEmpty() {
    return ids.length == 0;
  }

  /** The linked span ids of trace {@code (traceHigh, traceLow)}, ascending; null when none (most traces). */
  public long[] spanIdsOf(long traceHigh, long traceLow) {
    int lo = 0;
    int hi = size();
    while (lo < hi) { // the first triple of the trace, or where it would be
      int mid = (lo + hi) >>> 1;
      int c = Long.compare(ids[3 * mid], traceHigh);
      if (c == 0) c = Long.compare(ids[3 * mid + 1], traceLow);
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    int end = lo;
    while (end < size() && ids[3 * end] == traceHigh && ids[3 * end + 1] == traceLow) end++;
    if (end == lo) return null;
    long[] spans = new long[end - lo];
    for (int i = lo; i < end; i++) spans[i - lo] = ids[3 * i + 2];
    return spans;
  }
}
