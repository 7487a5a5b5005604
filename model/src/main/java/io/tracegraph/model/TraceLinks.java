package io.tracegraph.model;

import java.util.Arrays;

/**
 * The span links of one trace, beside its tree: the links its spans carry (the {@code links} column: other spans,
 * usually in other traces, that caused them; a batch consumer links to the producer span of each message it
 * processed) and which of its spans consumers elsewhere link to ({@link LinkTargets}). Most traces have neither and
 * share {@link #NONE}, so the common case allocates nothing.
 */
public final class TraceLinks {
  /** A trace without links, none of whose spans is linked to. */
  public static final TraceLinks NONE = new TraceLinks(new long[0], new long[0][], new long[0]);

  private final long[] linking; // span ids with links, ascending
  private final long[][] targets; // per linking span: (traceHigh, traceLow, spanId) triples, in the row's order
  private final long[] linked; // span ids that consumers link to, ascending

  private TraceLinks(long[] linking, long[][] targets, long[] linked) {
    this.linking = linking;
    this.targets = targets;
    this.linked = linked;
  }

  /** Collects a trace's links; {@link #build} returns {@link #NONE} when nothing was added. */
  public static final class Builder {
    private long[] ids = new long[0];
    private long[][] links = new long[0][];
    private int size;
    private long[] linked;

    /**
     * The links of span {@code spanId}, as (traceHigh, traceLow, spanId) triples. Rows that repeat a span id add
     * their links to the span's; a link repeated is kept once.
     */
    public Builder add(long spanId, long[] triples) {
      if (triples.length % 3 != 0) throw new IllegalArgumentException("triples expected");
      if (triples.length == 0) return this;
      for (int i = 0; i < size; i++) {
        if (ids[i] == spanId) {
          links[i] = union(links[i], triples);
          return this;
        }
      }
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, Math.max(2, 2 * size));
        links = Arrays.copyOf(links, ids.length);
      }
      ids[size] = spanId;
      links[size] = union(new long[0], triples);
      size++;
      return this;
    }

    /** The trace's span ids that consumers link to ({@link LinkTargets#spanIdsOf}), or null. */
    public Builder linked(long[] spanIds) {
      this.linked = spanIds;
      return this;
    }

    public TraceLinks build() {
      if (size == 0 && (linked == null || linked.length == 0)) return NONE;
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) order[i] = i;
      Arrays.sort(order, (a, b) -> Long.compare(ids[a], ids[b]));
      long[] sortedIds = new long[size];
      long[][] sortedLinks = new long[size][];
      for (int k = 0; k < size; k++) {
        sortedIds[k] = ids[order[k]];
        sortedLinks[k] = links[order[k]];
      }
      long[] targets = linked == null ? new long[0] : linked.clone();
      Arrays.sort(targets);
      return new TraceLinks(sortedIds, sortedLinks, targets);
    }

    private static long[] union(long[] kept, long[] more) {
      long[] out = Arrays.copyOf(kept, kept.length + more.length);
      int n = kept.length;
      outer:
      for (int j = 0; j < more.length; j += 3) {
        for (int i = 0; i < n; i += 3) {
          if (out[i] == more[j] && out[i + 1] == more[j + 1] && out[i + 2] == more[j + 2]) continue outer;
        }
        out[n] = more[j];
        out[n + 1] = more[j + 1];
        out[n + 2] = more[j + 2];
        n += 3;
      }
      return Arrays.copyOf(out, n);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** True for a trace without links and without spans linked to. */
  public boolean isEmpty() {
    return linking.length == 0 && linked.length == 0;
  }

  /** True when some span of the trace carries links. */
  public boolean hasLinks() {
    return linking.length > 0;
  }

  /** The links of span {@code spanId} as (traceHigh, traceLow, spanId) triples; null when it has none. */
  public long[] linksOf(long spanId) {
    if (linking.length == 0) return null;
    int i = Arrays.binarySearch(linking, spanId);
    return i < 0 ? null : targets[i];
  }

  /** True when a consumer of the read window links to span {@code spanId} of this trace. */
  public boolean isLinkedTo(long spanId) {
    return linked.length > 0 && Arrays.binarySearch(linked, spanId) >= 0;
  }

  /** True when some span of this trace is linked to. */
  public boolean hasLinkedSpans() {
    return linked.length > 0;
  }
}
