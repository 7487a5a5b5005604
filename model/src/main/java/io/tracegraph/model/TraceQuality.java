package io.tracegraph.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How good the day's instrumentation is, per pair of services, so teams know which instrumentation to fix first.
 * Mergeable. Each span is attributed to the pair (caller, callee) = (its parent span's service, its own service);
 * the caller is null for a span without a parent in the trace (a root, an orphan whose parent is missing, or a span
 * cut from a parent cycle). A CLIENT span whose call is not recorded below it is attributed to (its service, the peer
 * it names), the peer null when it names none. A service is null, too, for a span without a service name.
 *
 * <p><b>Calls the graph cannot draw.</b> The link rules ({@link CallFinder}) find calls they must not draw: a call
 * one of whose sides has no service name ({@code calls_without_service}, on the pair with that side null), and a
 * call into a SERVER or CONSUMER whose caller was lost with its parent span ({@code calls_with_lost_caller}, on the
 * pair (null, its service)). They are counted here so that nothing leaves the graph silently.
 *
 * <p><b>Propagation breaks.</b> A CLIENT without a recorded callee that names a peer is usually a call to an
 * uninstrumented database or API: expected. When the peer it names is itself an instrumented service of the day
 * (some span carries that service name), the callee's side of the call is missing from the trace: the trace context
 * was lost on the way (the callee started a trace of its own) or the callee's span was lost. Those calls are counted
 * as propagation breaks of the (caller, callee) pair where the trace broke. A CLIENT that names no peer cannot be
 * attributed to a callee: its call lost its context or its peer attributes.
 *
 * <p>Also kept: distributions of trace size (spans) and depth (spans on the longest root-to-leaf path), in power-of-two
 * buckets.
 */
public final class TraceQuality implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Power-of-two buckets: bucket k holds values 2^k .. 2^(k+1)-1. */
  private static final int HISTOGRAM_BUCKETS = 32;

  /** A pair of services; either may be null (see the class comment). */
  public record Pair(String caller, String callee) implements Serializable {
    static final Comparator<Pair> ORDER = Comparator
        .comparing(Pair::caller, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
        .thenComparing(Pair::callee, Comparator.nullsFirst(Comparator.<String>naturalOrder()));
  }

  /** The counts of one pair, each as documented in docs/tables.md under {@code trace_quality}. */
  public enum Measure {
    SPANS, TRACES, ROOT_SPANS, ORPHAN_SPANS, TRACES_WITHOUT_ROOT, TRACES_WITH_SEVERAL_ROOTS, DUPLICATE_ROWS,
    CLIENTS_WITHOUT_SERVER_PEER_NAMED, CLIENTS_WITHOUT_SERVER_NO_PEER, PROPAGATION_BREAKS, SPANS_WITHOUT_SERVICE,
    SKEW_ADJUSTED_SPANS, SKEW_NOT_APPLIED, SKEW_SHIFT_NANOS_TOTAL, SKEW_MAX_ABS_SHIFT_NANOS,
    // tables v3: appended, so earlier columns keep their positions
    CALLS_WITH_LOST_CALLER, CALLS_WITHOUT_SERVICE;

    /** Column and run.json key, e.g. {@code orphan_spans}. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final Measure[] MEASURES = Measure.values();

  /** A row of {@code trace_quality}: a pair and its counts, by {@link Measure} ordinal. */
  public record PairRow(Pair pair, long[] counts) {
    public long get(Measure m) {
      return counts[m.ordinal()];
    }
  }

  private static final class Counts implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[] c = new long[MEASURES.length];
    transient long lastTrace; // the trace that last counted in TRACES (partition-local)
  }

  private final Map<Pair, Counts> pairs = new HashMap<>();
  private long traces;
  private final long[] sizeHistogram = new long[HISTOGRAM_BUCKETS];
  private final long[] depthHistogram = new long[HISTOGRAM_BUCKETS];
  private long maxSize;
  private long maxDepth;
  private transient long traceSeq;
  private transient int[] stack;
  private transient CallFinder.Sink unlinkedCalls;

  /** Adds one trace of the day. */
  public TraceQuality add(AdjustedTrace t) {
    long seq = ++traceSeq;
    traces++;
    int n = t.size();
    sizeHistogram[log2(n)]++;
    depthHistogram[log2(t.maxDepth())]++;
    maxSize = Math.max(maxSize, n);
    maxDepth = Math.max(maxDepth, t.maxDepth());
    for (int i = 0; i < n; i++) {
      SpanNode node = t.node(i);
      Span span = node.span();
      int p = t.parent(i);
      boolean detached = node.isDetached();
      String caller = p >= 0 && !detached ? serviceOrNull(t.span(p)) : null;
      Counts counts = counts(caller, serviceOrNull(span));
      long[] c = counts.c;
      c[Measure.SPANS.ordinal()]++;
      if (counts.lastTrace != seq) {
        counts.lastTrace = seq;
        c[Measure.TRACES.ordinal()]++;
      }
      if (!span.hasParent()) c[Measure.ROOT_SPANS.ordinal()]++;
      if (detached) c[Measure.ORPHAN_SPANS.ordinal()]++;
      c[Measure.DUPLICATE_ROWS.ordinal()] += node.duplicateRows();
      if (node.readWithoutService()) c[Measure.SPANS_WITHOUT_SERVICE.ordinal()]++;
      switch (t.skew(i)) {
        case ADJUSTED -> {
          c[Measure.SKEW_ADJUSTED_SPANS.ordinal()]++;
          c[Measure.SKEW_SHIFT_NANOS_TOTAL.ordinal()] += t.shift(i);
          int max = Measure.SKEW_MAX_ABS_SHIFT_NANOS.ordinal();
          c[max] = Math.max(c[max], Math.abs(t.shift(i)));
        }
        case NOT_APPLIED -> c[Measure.SKEW_NOT_APPLIED.ordinal()]++;
        case NONE -> { }
      }
      if (span.kind() == SpanKind.CLIENT && !calleeRecordedBelow(t, i)) {
        Measure m = span.peer() != null ? Measure.CLIENTS_WITHOUT_SERVER_PEER_NAMED
            : Measure.CLIENTS_WITHOUT_SERVER_NO_PEER;
        counts(serviceOrNull(span), span.peer()).c[m.ordinal()]++;
      }
    }
    TraceTree tree = t.tree();
    if (tree.orphans() + tree.cyclesBroken() + tree.spansWithoutService() > 0) { // else every call is drawn
      for (int i = 0; i < n; i++) CallFinder.find(t.node(i), unlinkedCalls());
    }
    int rootSpans = t.tree().rootSpans();
    if (rootSpans != 1) { // attributed to the earliest top-level span (without root) or the earliest root
      int top = 0;
      if (rootSpans > 1) while (t.span(top).hasParent()) top++;
      Measure m = rootSpans == 0 ? Measure.TRACES_WITHOUT_ROOT : Measure.TRACES_WITH_SEVERAL_ROOTS;
      counts(null, serviceOrNull(t.span(top))).c[m.ordinal()]++;
    }
    return this;
  }

  /**
   * True when the call of CLIENT span {@code i} is recorded below it: looking through INTERNAL spans of its own
   * service (connect, DNS), any other span records the callee's side (the dependency linker's rule).
   */
  private boolean calleeRecordedBelow(AdjustedTrace t, int i) {
    if (t.childCount(i) == 0) return false;
    String service = t.span(i).service();
    if (stack == null || stack.length < t.size()) stack = new int[Math.max(16, t.size())];
    int top = 0;
    stack[top++] = i;
    while (top > 0) {
      int s = stack[--top];
      for (int c = t.firstChild(s); c < t.firstChild(s) + t.childCount(s); c++) {
        Span child = t.span(c);
        if (child.kind() != SpanKind.INTERNAL || !child.service().equals(service)) return true;
        stack[top++] = c;
      }
    }
    return false;
  }

  /** Counts the calls the link rules find but cannot draw; the calls they draw are the graph's. */
  private CallFinder.Sink unlinkedCalls() {
    if (unlinkedCalls == null) {
      unlinkedCalls = new CallFinder.Sink() {
        @Override
        public void call(EdgeKey key, Span client, Span server, SpanNode callerNode, boolean error, Span at) {}

        @Override
        public void callWithoutService(String caller, String callee, Span at) {
          counts(caller, callee).c[Measure.CALLS_WITHOUT_SERVICE.ordinal()]++;
        }

        @Override
        public void callWithLostCaller(String callee, Span server) {
          counts(null, callee).c[Measure.CALLS_WITH_LOST_CALLER.ordinal()]++;
        }
      };
    }
    return unlinkedCalls;
  }

  private static String serviceOrNull(Span span) {
    return span.hasService() ? span.service() : null;
  }

  private Counts counts(String caller, String callee) {
    return pairs.computeIfAbsent(new Pair(caller, callee), k -> new Counts());
  }

  private static int log2(long v) {
    return v <= 1 ? 0 : Math.min(HISTOGRAM_BUCKETS - 1, 63 - Long.numberOfLeadingZeros(v));
  }

  /** Adds another accumulator (of other traces) into this one. */
  public TraceQuality merge(TraceQuality other) {
    other.pairs.forEach((pair, o) -> {
      long[] mine = counts(pair.caller(), pair.callee()).c;
      for (Measure m : MEASURES) {
        int i = m.ordinal();
        mine[i] = m == Measure.SKEW_MAX_ABS_SHIFT_NANOS ? Math.max(mine[i], o.c[i]) : mine[i] + o.c[i];
      }
    });
    traces += other.traces;
    for (int i = 0; i < HISTOGRAM_BUCKETS; i++) {
      sizeHistogram[i] += other.sizeHistogram[i];
      depthHistogram[i] += other.depthHistogram[i];
    }
    maxSize = Math.max(maxSize, other.maxSize);
    maxDepth = Math.max(maxDepth, other.maxDepth);
    return this;
  }

  /** Services that own spans today. */
  private Set<String> instrumentedServices() {
    Set<String> services = new HashSet<>();
    pairs.forEach((pair, c) -> {
      String callee = pair.callee();
      if (c.c[Measure.SPANS.ordinal()] > 0 && callee != null) {
        services.add(callee);
      }
    });
    return services;
  }

  /** Rows of {@code trace_quality}, by caller then callee (nulls first), propagation breaks filled in. */
  public List<PairRow> rows() {
    Set<String> instrumented = instrumentedServices();
    List<Pair> keys = new ArrayList<>(pairs.keySet());
    keys.sort(Pair.ORDER);
    List<PairRow> rows = new ArrayList<>(keys.size());
    for (Pair pair : keys) {
      long[] c = pairs.get(pair).c.clone();
      if (pair.callee() != null && instrumented.contains(pair.callee())) {
        c[Measure.PROPAGATION_BREAKS.ordinal()] = c[Measure.CLIENTS_WITHOUT_SERVER_PEER_NAMED.ordinal()];
      }
      rows.add(new PairRow(pair, c));
    }
    return rows;
  }

  /**
   * Day totals (every measure summed over pairs; traces counted once), the calls with a lost caller per callee
   * service, and the size and depth distributions.
   */
  public Map<String, Object> totals() {
    long[] sum = new long[MEASURES.length];
    Map<String, Long> lostCallersByCallee = new TreeMap<>();
    for (PairRow row : rows()) {
      for (Measure m : MEASURES) {
        int i = m.ordinal();
        sum[i] = m == Measure.SKEW_MAX_ABS_SHIFT_NANOS ? Math.max(sum[i], row.counts()[i]) : sum[i] + row.counts()[i];
      }
      long lost = row.get(Measure.CALLS_WITH_LOST_CALLER);
      if (lost > 0 && row.pair().callee() != null) lostCallersByCallee.merge(row.pair().callee(), lost, Long::sum);
    }
    sum[Measure.TRACES.ordinal()] = traces;
    Map<String, Object> totals = new LinkedHashMap<>();
    for (Measure m : MEASURES) totals.put(m.key(), sum[m.ordinal()]);
    // Per callee service, the calls into spans without a service name being in the total only (a key needs a name).
    totals.put("calls_with_lost_caller_by_callee", lostCallersByCallee);
    totals.put("trace_size_spans", histogram(sizeHistogram, maxSize));
    totals.put("trace_depth", histogram(depthHistogram, maxDepth));
    return totals;
  }

  /** One row of a distribution: traces whose size (or depth) lies in {@code [min, max]}. */
  public record ShapeBucket(String measure, long min, long max, long traces) {}

  /** The size and depth distributions as rows, non-empty buckets only. */
  public List<ShapeBucket> shapeRows() {
    List<ShapeBucket> rows = new ArrayList<>();
    addShape("spans", sizeHistogram, rows);
    addShape("depth", depthHistogram, rows);
    return rows;
  }

  private static void addShape(String measure, long[] histogram, List<ShapeBucket> rows) {
    for (int k = 0; k < HISTOGRAM_BUCKETS; k++) {
      if (histogram[k] == 0) continue;
      long max = k == HISTOGRAM_BUCKETS - 1 ? Long.MAX_VALUE : (1L << (k + 1)) - 1;
      rows.add(new ShapeBucket(measure, 1L << k, max, histogram[k]));
    }
  }

  private static Map<String, Object> histogram(long[] histogram, long max) {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Long> buckets = new LinkedHashMap<>();
    for (int k = 0; k < HISTOGRAM_BUCKETS; k++) {
      if (histogram[k] == 0) continue;
      long lo = 1L << k;
      long hi = (1L << (k + 1)) - 1;
      buckets.put(lo == hi ? Long.toString(lo) : lo + "-" + hi, histogram[k]);
    }
    m.put("max", max);
    m.put("traces_by_bucket", buckets);
    return m;
  }
}
