package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The day's example traces, kept whole in the same pass as everything else, mergeable: the trace a person opens to see
 * what an aggregate means. Per group a bounded number of candidates, each with its tree ({@link CompactTrace}, cut at
 * {@link CompactTrace#REPORT_SPAN_LIMIT} spans), chosen by rules that depend only on the set of traces, so any split
 * into partitions and any merge order give the same exemplars:
 * <ul>
 *   <li><b>entry point, slowest</b>: the trace with the longest root span (ties: the smaller trace id);</li>
 *   <li><b>entry point, near the median</b>: the median is only known at the end, so each entry point keeps a sample
 *       of {@link #BASELINE_CANDIDATES} traces, those of smallest {@link TraceId#stableHash} (a uniform sample that
 *       does not depend on order or partitioning), and the end picks the candidate whose duration is nearest the
 *       entry point's p50 ({@link #select}). Of 16 random traces the nearest to the median lies within a few
 *       percentiles of it;</li>
 *   <li><b>error-origin path</b>: one failed trace per path ({@link ErrorOrigins.ErrorPath}), the one of smallest
 *       hash;</li>
 *   <li><b>edge, slowest</b>: the traces of each traffic edge's slowest calls, exactly the {@code edges} table's
 *       {@link TopTraces} examples (but for calls joined across traces through span links, found after the pass,
 *       whose trees were never in it). The traffic summary says when a trace has entered an edge's list
 *       ({@link TrafficSummary#lastTraceSlowestOfAnEdge}); its tree is kept in a pool that is pruned to the traces
 *       the lists still hold ({@link #retainEdgeTraces}).</li>
 * </ul>
 * <b>Memory</b>: at most {@code 1 + 16} trees per entry point, one per error path and {@value TopTraces#LIMIT} per
 * edge (a trace chosen for several groups is kept once), each of at most {@link CompactTrace#REPORT_SPAN_LIMIT}
 * spans. <b>Cost</b>: per trace a hash, one map lookup and a few comparisons; a tree is built only when a trace
 * displaces a candidate, which happens O(log n) times per group, and at most once per trace.
 */
public final class Exemplars implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** Traces sampled per entry point to choose the one nearest its median from. */
  public static final int BASELINE_CANDIDATES = 16;
  /** The edge pool is pruned when it reaches this size, then again whenever it has doubled. */
  private static final int FIRST_PRUNE = 64;

  /** A candidate: a trace, the value it was ranked by and its tree. */
  private record Pick(TraceId id, long durationNanos, long hash, CompactTrace trace) implements Serializable {
    /** Ranks before {@code o} among the slowest: longer, then the smaller id. */
    boolean slowerThan(Pick o) {
      return slowerThan(durationNanos, id.high(), id.low(), o);
    }

    /** Ranks before {@code o} in a hash sample: smaller hash (unsigned), then the smaller id. */
    boolean sampledBefore(Pick o) {
      return sampledBefore(hash, id.high(), id.low(), o);
    }

    // The same comparisons on primitives: the per-trace check allocates nothing unless a group takes the trace.

    static boolean slowerThan(long durationNanos, long high, long low, Pick o) {
      if (durationNanos != o.durationNanos) return durationNanos > o.durationNanos;
      return ExampleTraces.compare(high, low, o.id.high(), o.id.low()) < 0;
    }

    static boolean sampledBefore(long hash, long high, long low, Pick o) {
      int byHash = Long.compareUnsigned(hash, o.hash);
      return byHash != 0 ? byHash < 0 : ExampleTraces.compare(high, low, o.id.high(), o.id.low()) < 0;
    }
  }

  /** One entry point's slowest trace and its baseline sample (sorted, best first). */
  private static final class EntryGroup implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
    Pick slowest;
    final List<Pick> sample = new ArrayList<>(BASELINE_CANDIDATES + 1);

    boolean wouldSample(Pick p) {
      return wouldSample(p.hash(), p.id().high(), p.id().low());
    }

    boolean wouldSample(long hash, long high, long low) {
      return sample.size() < BASELINE_CANDIDATES || Pick.sampledBefore(hash, high, low, sample.get(sample.size() - 1));
    }

    void offerSample(Pick p) {
      int at = 0;
      while (at < sample.size() && sample.get(at).sampledBefore(p)) at++;
      if (at < sample.size() && sample.get(at).id().equals(p.id())) return; // the same trace again (a merge)
      if (at >= BASELINE_CANDIDATES) return;
      sample.add(at, p);
      if (sample.size() > BASELINE_CANDIDATES) sample.remove(BASELINE_CANDIDATES);
    }

    void offerSlowest(Pick p) {
      if (slowest == null || p.slowerThan(slowest)) slowest = p;
    }
  }

  private final int spanLimit;
  private final Map<EntryPointKey, EntryGroup> entries = new HashMap<>();
  private final Map<ErrorOrigins.ErrorPath, Pick> failures = new HashMap<>();
  private final Map<TraceId, CompactTrace> edgePool = new HashMap<>();
  private int pruneAt = FIRST_PRUNE;

  /** Exemplars whose trees keep at most {@link CompactTrace#REPORT_SPAN_LIMIT} spans. */
  public Exemplars() {
    this(CompactTrace.REPORT_SPAN_LIMIT);
  }

  /** Exemplars whose trees keep at most {@code spanLimit} spans (smaller limits for tests of the cut). */
  public Exemplars(int spanLimit) {
    if (spanLimit < 1) throw new IllegalArgumentException("spanLimit must be positive: " + spanLimit);
    this.spanLimit = spanLimit;
  }

  /**
   * Offers one trace of the day.
   *
   * @param origins the trace's error origins ({@link ErrorOrigins#originsOf})
   * @param slowestOfAnEdge the trace is now among the slowest of some traffic edge
   */
  public Exemplars add(long traceHigh, long traceLow, AdjustedTrace t, List<ErrorOrigins.Origin> origins,
                       boolean slowestOfAnEdge) {
    long hash = TraceId.stableHash(traceHigh, traceLow);
    TraceId id = null; // allocated, with the tree, only when some group takes the trace
    CompactTrace tree = null;
    if (t.hasSingleRoot() && t.span(0).hasService()) { // a root without a service name is no one's entry point
      Span root = t.span(0);
      EntryGroup g = entries.computeIfAbsent(new EntryPointKey(root.service(), root.name()), k -> new EntryGroup());
      long duration = t.end(0) - t.start(0);
      boolean slowest = g.slowest == null || Pick.slowerThan(duration, traceHigh, traceLow, g.slowest);
      boolean sampled = g.wouldSample(hash, traceHigh, traceLow);
      if (slowest || sampled) {
        id = new TraceId(traceHigh, traceLow);
        tree = CompactTrace.of(id, t, spanLimit);
        Pick p = new Pick(id, duration, hash, tree);
        if (slowest) g.slowest = p;
        if (sampled) g.offerSample(p);
      }
    }
    if (!origins.isEmpty()) {
      Set<ErrorOrigins.ErrorPath> paths = new LinkedHashSet<>();
      for (ErrorOrigins.Origin o : origins) paths.add(ErrorOrigins.ErrorPath.of(o));
      for (ErrorOrigins.ErrorPath path : paths) {
        Pick current = failures.get(path);
        if (current == null || Pick.sampledBefore(hash, traceHigh, traceLow, current)) {
          if (tree == null) {
            id = new TraceId(traceHigh, traceLow);
            tree = CompactTrace.of(id, t, spanLimit);
          }
          failures.put(path, new Pick(id, tree.durationNanos(), hash, tree));
        }
      }
    }
    if (slowestOfAnEdge) {
      if (tree == null) {
        id = new TraceId(traceHigh, traceLow);
        tree = CompactTrace.of(id, t, spanLimit);
      }
      edgePool.put(id, tree);
    }
    return this;
  }

  /** True when the edge pool has grown enough to be worth pruning ({@link #retainEdgeTraces}). */
  public boolean edgePoolNeedsPruning() {
    return edgePool.size() >= pruneAt;
  }

  /** Drops the edge pool's trees of traces no edge's slowest examples hold any more. */
  public void retainEdgeTraces(Set<TraceId> stillSlowest) {
    edgePool.keySet().retainAll(stillSlowest);
    pruneAt = Math.max(FIRST_PRUNE, 2 * edgePool.size());
  }

  /** Adds the exemplars of other traces of the same day (the caller prunes the edge pool after). */
  public Exemplars merge(Exemplars other) {
    if (spanLimit != other.spanLimit) throw new IllegalArgumentException("different span limits");
    other.entries.forEach((key, o) -> {
      EntryGroup mine = entries.computeIfAbsent(key, k -> new EntryGroup());
      if (o.slowest != null) mine.offerSlowest(o.slowest);
      for (Pick p : o.sample) if (mine.wouldSample(p)) mine.offerSample(p);
    });
    other.failures.forEach((path, p) -> failures.merge(path, p, (a, b) -> b.sampledBefore(a) ? b : a));
    edgePool.putAll(other.edgePool);
    return this;
  }

  /**
   * The day's exemplars, in table order: per entry point (in {@link EntryPointKey#ORDER}) its slowest trace and its
   * trace nearest the median; per error path (in the {@code error_origins} order) its failed trace; per traffic edge
   * (in {@link EdgeKey#ORDER}) the traces of its slowest calls, slowest first, each ranked by its place in the edge's
   * list. An example the pass kept no tree of (a message joined to its producer through a span link, once every
   * trace was seen: {@link DaySummary#traffic()}) has no row; the caller counts those by comparing with the traffic.
   *
   * @param traffic the same traces' traffic summary: the entry points' medians and the edges' slowest examples
   */
  public List<Exemplar> select(TrafficSummary traffic) {
    List<Exemplar> rows = new ArrayList<>();
    List<EntryPointKey> keys = new ArrayList<>(entries.keySet());
    keys.sort(EntryPointKey.ORDER);
    for (EntryPointKey key : keys) {
      EntryGroup g = entries.get(key);
      rows.add(new Exemplar(Exemplar.Kind.ENTRY_SLOWEST, null, null, 1, null, null, g.slowest.trace()));
      EntryPointStats stats = traffic.entryPoints().get(key);
      long p50 = stats != null && !stats.latency().isEmpty() ? Math.round(stats.latency().quantileNanos(0.5))
          : median(g.sample);
      Pick nearest = null;
      for (Pick p : g.sample) { // in sample order, so ties go to the smaller hash
        if (nearest == null || Math.abs(p.durationNanos() - p50) < Math.abs(nearest.durationNanos() - p50)) nearest = p;
      }
      rows.add(new Exemplar(Exemplar.Kind.ENTRY_P50, null, null, 1, null, p50, nearest.trace()));
    }
    List<ErrorOrigins.ErrorPath> paths = new ArrayList<>(failures.keySet());
    paths.sort(ErrorOrigins.ErrorPath.ORDER);
    for (ErrorOrigins.ErrorPath path : paths) {
      rows.add(new Exemplar(Exemplar.Kind.ERROR_ORIGIN, path, null, 1, null, null, failures.get(path).trace()));
    }
    traffic.edges().forEach((edge, stats) -> {
      int rank = 0;
      for (TopTraces.Example e : stats.slowest().examples()) {
        rank++; // the example's place in the edge's list, kept or not
        CompactTrace tree = edgePool.get(new TraceId(e.traceHigh(), e.traceLow()));
        // A call found across traces through span links joins the edge after every trace was seen: no tree of it.
        if (tree != null) rows.add(new Exemplar(Exemplar.Kind.EDGE_SLOWEST, null, edge, rank, e.value(), null, tree));
      }
    });
    return rows;
  }

  /** The lower median of the sampled durations (only when the traffic summary has no latency for the entry). */
  private static long median(List<Pick> sample) {
    long[] d = sample.stream().mapToLong(Pick::durationNanos).toArray();
    Arrays.sort(d);
    return d[(int) Quantiles.rank(0.5, d.length)];
  }

  /** Trees held now (distinct traces), for tests of the memory bound. */
  public int treesHeld() {
    Set<TraceId> ids = new java.util.HashSet<>(edgePool.keySet());
    for (EntryGroup g : entries.values()) {
      if (g.slowest != null) ids.add(g.slowest.id());
      for (Pick p : g.sample) ids.add(p.id());
    }
    for (Pick p : failures.values()) ids.add(p.id());
    return ids.size();
  }

  /** Spans held in all trees (a tree shared by groups counted once), for tests of the memory bound. */
  public long spansHeld() {
    Map<TraceId, CompactTrace> all = new HashMap<>(edgePool);
    for (EntryGroup g : entries.values()) {
      if (g.slowest != null) all.put(g.slowest.id(), g.slowest.trace());
      for (Pick p : g.sample) all.put(p.id(), p.trace());
    }
    for (Pick p : failures.values()) all.put(p.id(), p.trace());
    return all.values().stream().mapToLong(CompactTrace::size).sum();
  }
}
