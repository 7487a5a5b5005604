package io.tracegraph.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the time of a day's requests goes: each trace's {@link CriticalPath}, summed per entry point (the root span's
 * service and operation) and per (service, operation) on the path, mergeable.
 *
 * <p><b>Shares among the fastest traces.</b> "Among the fastest 95% of checkouts, 30% of the time is
 * payment-provider" needs, per entry point, each trace's duration beside its critical time per key. Instead of
 * keeping every trace, each entry point keeps a log-linear histogram of end-to-end durations ({@link LatencyBuckets},
 * buckets at most 12.5% wide): per bucket the number of traces and their total duration, and per key the critical
 * time of the traces in that bucket. The fastest q of traces are the buckets below the one holding the q-quantile,
 * plus that bucket in proportion to how many of its traces are needed. The approximation is confined to that one
 * bucket: it assumes its traces spend their time alike. With q = 1 (all traces) everything is exact. The same is
 * kept once more over all entry points together (rows with a null entry point).
 *
 * <p><b>The entry's percentiles</b> follow {@link Quantiles}: the q-quantile is the trace at rank
 * {@code floor(q * (n - 1))}, the last of the fastest {@code rank + 1} traces. The histogram knows which bucket holds
 * it, so the value is always in the same 12.5% bucket as the exact one; inside the bucket it is placed in proportion
 * to the rank's position among the bucket's traces.
 */
public final class CriticalPathStats implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The fractions of fastest traces the table reports shares for (the slowest 5% are all but the second). */
  private static final double[] FASTEST = {0.50, 0.95, 0.99};

  /** The quantiles of the entry's durations the table reports: p50, p95, p99. */
  private static final double[] ENTRY_QUANTILES = {0.50, 0.95, 0.99};

  /** A service and one of its operations (span name); the service is null for spans without a service name. */
  public record Operation(String service, String name) implements Serializable {
    static final Comparator<Operation> ORDER = Comparator.comparing(Operation::service,
        Comparator.nullsFirst(Comparator.<String>naturalOrder())).thenComparing(Operation::name);

    static Operation of(Span span) {
      return new Operation(span.hasService() ? span.service() : null, span.name());
    }
  }

  /**
   * A row of {@code critical_path}: for the traces of one entry point (null: all entry points), one (service,
   * operation) on their critical paths.
   *
   * @param entry the entry point, or null for all traces of the day (traces whose root has no service name are
   *     in those only)
   * @param operation the (service, operation) whose critical time this is
   * @param traces traces of the entry point with the operation on their critical path
   * @param criticalNanos critical-path time of the operation summed over those traces
   * @param shareFastest50 critical time over end-to-end time among the fastest 50% of the entry's traces
   * @param shareFastest95 the same among the fastest 95%
   * @param shareFastest99 the same among the fastest 99%
   * @param shareAll the same over all of the entry's traces (exact)
   * @param shareSlowest5 the same among the slowest 5% (all minus the fastest 95%)
   * @param worstTraceId the trace in which the operation had the most critical time (ties: the smallest id)
   * @param worstTraceCriticalNanos that trace's critical time of the operation
   * @param entryTraces traces of the entry point
   * @param entryDurationNanos their end-to-end durations summed
   * @param entryP50Nanos the entry's median duration ({@link Quantiles}), within the exact value's 12.5% bucket
   * @param entryP95Nanos the entry's 95th percentile duration, the same way
   * @param entryP99Nanos the entry's 99th percentile duration, the same way
   */
  public record Row(Operation entry, Operation operation, long traces, long criticalNanos, double shareFastest50,
                    double shareFastest95, double shareFastest99, double shareAll, double shareSlowest5,
                    String worstTraceId, long worstTraceCriticalNanos, long entryTraces, long entryDurationNanos,
                    long entryP50Nanos, long entryP95Nanos, long entryP99Nanos) {}

  private static final int TRACES = 0;
  private static final int DURATION = 1;

  /** Traces of one entry point (or of all), bucketed by duration, with the critical time of each key. */
  private static final class Group implements Serializable {
    private static final long serialVersionUID = 1L;
    long traces;
    long durationNanos;
    final BucketSums buckets = new BucketSums(2);
    final Map<Operation, KeyStats> keys = new HashMap<>();

    void merge(Group other) {
      traces += other.traces;
      durationNanos += other.durationNanos;
      buckets.merge(other.buckets);
      other.keys.forEach((op, o) -> keys.computeIfAbsent(op, k -> new KeyStats()).merge(o));
    }
  }

  private static final class KeyStats implements Serializable {
    private static final long serialVersionUID = 1L;
    long traces;
    long criticalNanos;
    final BucketSums byBucket = new BucketSums(1);
    long worstNanos = -1;
    long worstHigh;
    long worstLow;

    void add(int bucket, long nanos, long high, long low) {
      traces++;
      criticalNanos += nanos;
      byBucket.add(bucket, 0, nanos);
      offerWorst(nanos, high, low);
    }

    void offerWorst(long nanos, long high, long low) {
      if (nanos > worstNanos || (nanos == worstNanos && ExampleTraces.compare(high, low, worstHigh, worstLow) < 0)) {
        worstNanos = nanos;
        worstHigh = high;
        worstLow = low;
      }
    }

    void merge(KeyStats other) {
      traces += other.traces;
      criticalNanos += other.criticalNanos;
      byBucket.merge(other.byBucket);
      if (other.worstNanos >= 0) offerWorst(other.worstNanos, other.worstHigh, other.worstLow);
    }
  }

  private final Map<Operation, Group> entries = new HashMap<>();
  private final Group all = new Group();
  private long tracesAnalysed;
  private long tracesWithoutSingleRoot;
  private long tracesRootWithoutService;

  /** Adds one trace of the day. */
  public CriticalPathStats add(long traceHigh, long traceLow, AdjustedTrace t) {
    return add(traceHigh, traceLow, t, CriticalPath.of(t));
  }

  /** Adds one trace of the day whose critical path ({@link CriticalPath#of}) is known: null without a single root. */
  public CriticalPathStats add(long traceHigh, long traceLow, AdjustedTrace t, CriticalPath path) {
    if (path == null) {
      tracesWithoutSingleRoot++;
      return this;
    }
    tracesAnalysed++;
    Map<Operation, long[]> byKey = new HashMap<>();
    for (int i : path.pathIndexes()) {
      Span span = t.span(i);
      byKey.computeIfAbsent(Operation.of(span), k -> new long[1])[0] += path.criticalNanos(i);
    }
    long duration = path.durationNanos();
    int bucket = LatencyBuckets.bucketOf(duration);
    Span root = t.span(0);
    List<Group> groups = List.of(all); // a root without a service name is no entry point: in all traces only
    if (root.hasService()) groups = List.of(entries.computeIfAbsent(Operation.of(root), k -> new Group()), all);
    else tracesRootWithoutService++;
    for (Group g : groups) {
      g.traces++;
      g.durationNanos += duration;
      g.buckets.add(bucket, TRACES, 1);
      g.buckets.add(bucket, DURATION, duration);
      byKey.forEach((op, nanos) -> g.keys.computeIfAbsent(op, k -> new KeyStats())
          .add(bucket, nanos[0], traceHigh, traceLow));
    }
    return this;
  }

  /** Adds another accumulator (of other traces) into this one. */
  public CriticalPathStats merge(CriticalPathStats other) {
    other.entries.forEach((op, g) -> entries.computeIfAbsent(op, k -> new Group()).merge(g));
    all.merge(other.all);
    tracesAnalysed += other.tracesAnalysed;
    tracesWithoutSingleRoot += other.tracesWithoutSingleRoot;
    tracesRootWithoutService += other.tracesRootWithoutService;
    return this;
  }

  /** Rows of {@code critical_path}: all entry points first (null entry), then by entry point, then by operation. */
  public List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    if (all.traces > 0) addRows(null, all, rows);
    List<Operation> entryOps = new ArrayList<>(entries.keySet());
    entryOps.sort(Operation.ORDER);
    for (Operation e : entryOps) addRows(e, entries.get(e), rows);
    return rows;
  }

  private static void addRows(Operation entry, Group g, List<Row> rows) {
    Cut[] cuts = new Cut[FASTEST.length];
    double[] durationFastest = new double[FASTEST.length];
    for (int q = 0; q < FASTEST.length; q++) {
      cuts[q] = Cut.of(g.buckets, FASTEST[q] * g.traces);
      durationFastest[q] = cuts[q].sum(g.buckets, DURATION);
    }
    long[] percentiles = new long[ENTRY_QUANTILES.length];
    for (int q = 0; q < ENTRY_QUANTILES.length; q++) percentiles[q] = quantileNanos(g, ENTRY_QUANTILES[q]);
    List<Operation> ops = new ArrayList<>(g.keys.keySet());
    ops.sort(Operation.ORDER);
    for (Operation op : ops) {
      KeyStats k = g.keys.get(op);
      double[] critical = new double[FASTEST.length];
      for (int q = 0; q < FASTEST.length; q++) critical[q] = cuts[q].sum(k.byBucket, 0);
      rows.add(new Row(entry, op, k.traces, k.criticalNanos,
          ratio(critical[0], durationFastest[0]), ratio(critical[1], durationFastest[1]),
          ratio(critical[2], durationFastest[2]), ratio(k.criticalNanos, g.durationNanos),
          ratio(k.criticalNanos - critical[1], g.durationNanos - durationFastest[1]),
          HexIds.toHex(k.worstHigh, k.worstLow), k.worstNanos, g.traces, g.durationNanos,
          percentiles[0], percentiles[1], percentiles[2]));
    }
  }

  /** The q-quantile of a group's durations ({@link Quantiles#rank}), placed within its histogram bucket. */
  private static long quantileNanos(Group g, double q) {
    return Cut.of(g.buckets, Quantiles.rank(q, g.traces) + 1).threshold();
  }

  /** part / whole, 0 for an empty whole; the tiny negatives floating point can leave are clamped to 0. */
  private static double ratio(double part, double whole) {
    if (whole <= 0) return 0;
    return Math.max(0, part / whole);
  }

  /**
   * Where the fastest {@code target} traces end in a duration histogram: every bucket below {@code bucket}, and
   * {@code fraction} of bucket {@code bucket}.
   */
  private record Cut(int bucket, double fraction) {
    static Cut of(BucketSums buckets, double target) {
      double cumulative = 0;
      for (int i = 0; i < buckets.size(); i++) {
        long count = buckets.sum(i, TRACES);
        if (cumulative + count >= target) {
          return new Cut(buckets.bucket(i), count == 0 ? 1 : (target - cumulative) / count);
        }
        cumulative += count;
      }
      return new Cut(Integer.MAX_VALUE, 1);
    }

    double sum(BucketSums sums, int column) {
      double total = 0;
      for (int i = 0; i < sums.size() && sums.bucket(i) <= bucket; i++) {
        total += sums.bucket(i) < bucket ? sums.sum(i, column) : fraction * sums.sum(i, column);
      }
      return total;
    }

    /** The duration at the cut: in the cut's bucket, placed in proportion to the fraction of it taken. */
    long threshold() {
      if (bucket == Integer.MAX_VALUE) return 0;
      return LatencyBuckets.lowerBound(bucket) + Math.round(fraction * (LatencyBuckets.width(bucket) - 1));
    }
  }

  /** Day totals for run.json. */
  public Map<String, Long> totals() {
    Map<String, Long> totals = new LinkedHashMap<>();
    totals.put("traces_analysed", tracesAnalysed);
    totals.put("traces_without_single_root", tracesWithoutSingleRoot);
    totals.put("traces_root_without_service", tracesRootWithoutService);
    totals.put("entry_points", (long) entries.size());
    return totals;
  }
}
