package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Call patterns that cost time, found per trace and summed per (caller service, caller operation, callee, callee
 * operation), mergeable: the state behind the {@code call_patterns} table.
 *
 * <p>The calls are those of the link rules ({@link CallFinder}) that have a client side (a CLIENT or PRODUCER span),
 * each made by the <b>parent span</b> of that client span; the caller operation is the request the parent serves
 * ({@link OperationGraph#callerOperation}), the callee operation as in the operation graph. Calls of one parent to the
 * same callee and callee operation form a <b>group</b>, ordered by start. Times are the clock-skew-adjusted ones.
 * <ul>
 *   <li><b>Retry</b>: a call of a group that repeats the group's previous call after that call failed (an error by
 *       the link rules: a failed server span or a failed or timed-out client) and ended, or whose client span says
 *       it was re-sent ({@code http.request.resend_count} &gt; 0), even as the group's only or first call (its earlier
 *       attempt was not traced).</li>
 *   <li><b>N+1</b>: a run of calls of a group each starting after the previous one ended (in sequence, not
 *       overlapping) with at least N calls that are not retries ({@link TraceAnalyses.Options#nPlusOne()}, default
 *       {@value #N_PLUS_ONE_DEFAULT}): a loop making one call per item. An overlapping call ends the run.</li>
 *   <li><b>Fan-out</b>: a parent whose group has more calls than the 99th percentile ({@link Quantiles}) of the calls
 *       per parent span of that key over the day, among keys with at least {@value #FAN_OUT_MIN_PARENTS} parent spans
 *       (so that the percentile is one): the day's unusually wide fan-outs.</li>
 * </ul>
 *
 * <p><b>Time added to the critical path.</b> A call's time on the critical path is the critical time
 * ({@link CriticalPath}) of its client span and everything below it. An N+1 loop or a fan-out adds its calls' time on
 * the critical path minus that of its longest call: what the request waited for beyond one call (a fan-out whose calls
 * ran in parallel adds almost nothing). A retry adds the time on the critical path of the failed attempt it repeats,
 * plus the wait between that attempt's end and the retry's start when both are on the critical path (the parent's own
 * time there: the back-off), less any time other children of the parent took on the critical path within the wait.
 * Traces without a single root have no critical path: their patterns are counted, with no time.
 */
public final class CallPatterns implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** Sequential calls of a loop, by default, for an N+1. */
  public static final int N_PLUS_ONE_DEFAULT = 5;
  /** Parent spans a key needs over the day before its fan-outs are judged against its 99th percentile. */
  public static final int FAN_OUT_MIN_PARENTS = 100;
  /** The quantile of calls per parent span above which a fan-out is flagged. */
  public static final double FAN_OUT_QUANTILE = 0.99;

  /** The patterns, in table order. */
  public enum Pattern {
    N_PLUS_ONE, RETRY, FAN_OUT;

    /** The name in the table: {@code n_plus_one}, {@code retry}, {@code fan_out}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Pattern ofKey(String key) {
      for (Pattern p : values()) if (p.key().equals(key)) return p;
      throw new IllegalArgumentException("unknown call pattern '" + key + "'");
    }
  }

  /** Who calls what: caller service and operation, callee and callee operation. */
  public record Key(String caller, String callerOperation, String callee, String calleeOperation)
      implements Serializable {
    public static final Comparator<Key> ORDER = Comparator.comparing(Key::caller)
        .thenComparing(Key::callerOperation)
        .thenComparing(Key::callee)
        .thenComparing(Key::calleeOperation);
  }

  /**
   * A row of {@code call_patterns}.
   *
   * @param pattern the pattern
   * @param key who calls what
   * @param occurrences N+1 loops, retries, or fan-outs (parent spans)
   * @param calls the calls in them (for retries, the retries themselves)
   * @param maxCalls the largest: calls of the longest loop, retries of one call in a row, calls of the widest fan-out
   * @param thresholdCalls N (n_plus_one), the day's 99th percentile of calls per parent span (fan_out); null (retry)
   * @param parentSpans parent spans that made this call over the day (the fan-out percentile's population)
   * @param traces traces with at least one occurrence
   * @param criticalPathAddedNanos the time the occurrences added to their traces' critical paths, summed
   * @param examples the traces where the occurrences added the most time (value: nanoseconds added), most first
   */
  public record Finding(Pattern pattern, Key key, long occurrences, long calls, long maxCalls, Long thresholdCalls,
                        long parentSpans, long traces, long criticalPathAddedNanos, List<TopTraces.Example> examples) {
    public Finding {
      examples = List.copyOf(examples);
    }
  }

  /** N+1 loops or retries of one key. */
  private static final class Occurrences implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
    long occurrences;
    long calls;
    long maxCalls;
    long traces;
    long addedNanos;
    final TopTraces examples = new TopTraces();
    transient boolean inTrace; // the current trace has occurrences
    transient long addedInTrace; // and they added this much

    void add(long calls, long maxCalls, long addedNanos) {
      occurrences++;
      this.calls += calls;
      this.maxCalls = Math.max(this.maxCalls, maxCalls);
      this.addedNanos += addedNanos;
      inTrace = true;
      addedInTrace += addedNanos;
    }

    void endTrace(long high, long low) {
      if (!inTrace) return;
      traces++;
      examples.add(high, low, addedInTrace);
      inTrace = false;
      addedInTrace = 0;
    }

    void merge(Occurrences o) {
      occurrences += o.occurrences;
      calls += o.calls;
      maxCalls = Math.max(maxCalls, o.maxCalls);
      traces += o.traces;
      addedNanos += o.addedNanos;
      examples.merge(o.examples);
    }
  }

  /** The parents with {@code c} calls of one key (c at least 2): a value of the fan-out distribution. */
  private static final class Width implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
    long parents;
    long tracesWidest; // traces whose widest parent of the key has c calls
    long addedNanos;
    final TopTraces examples = new TopTraces();

    void merge(Width o) {
      parents += o.parents;
      tracesWidest += o.tracesWidest;
      addedNanos += o.addedNanos;
      examples.merge(o.examples);
    }
  }

  /** Everything kept per key. */
  private static final class KeyState implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
    final CountDistribution callsPerParent = new CountDistribution();
    final TreeMap<Long, Width> widths = new TreeMap<>(); // c >= 2
    final Occurrences loops = new Occurrences();
    final Occurrences retries = new Occurrences();
    transient long widest; // widest parent of the current trace
    transient long widestAdded; // added time of the trace's fan-outs of that width, summed

    void merge(KeyState o) {
      callsPerParent.merge(o.callsPerParent);
      o.widths.forEach((c, w) -> widths.computeIfAbsent(c, k -> new Width()).merge(w));
      loops.merge(o.loops);
      retries.merge(o.retries);
    }
  }

  private final int nPlusOne;
  private final Map<Key, KeyState> keys = new HashMap<>();
  private transient Scratch scratch;

  /** @param nPlusOne sequential calls that make an N+1 (at least 2) */
  public CallPatterns(int nPlusOne) {
    if (nPlusOne < 2) throw new IllegalArgumentException("an N+1 needs at least 2 calls, got " + nPlusOne);
    this.nPlusOne = nPlusOne;
  }

  public int nPlusOne() {
    return nPlusOne;
  }

  /** The calls of the trace being added, as parallel arrays (reused from trace to trace). */
  private static final class Scratch implements CallFinder.Sink {
    AdjustedTrace t;
    int visited; // index of the span being visited
    int size;
    int[] client = new int[16];
    int[] parent = new int[16];
    boolean[] error = new boolean[16];
    Key[] key = new Key[16];
    Integer[] order = new Integer[16];
    long[] onPath = new long[64];
    boolean onPathKnown;
    final Map<Key, KeyState> touched = new HashMap<>();

    @Override
    public void call(EdgeKey edge, Span clientSpan, Span server, SpanNode callerNode, boolean failed, Span at) {
      if (clientSpan == null) return;
      int c = visited;
      while (c >= 0 && t.span(c) != clientSpan) c = t.parent(c);
      if (c < 0) return;
      int p = t.parent(c);
      if (p < 0) return; // a top-level client: no parent made the call
      if (t.node(c).isDetached()) return; // its parent was lost: the span it hangs under did not make the call
      if (size == client.length) grow();
      client[size] = c;
      parent[size] = p;
      error[size] = failed;
      key[size] = new Key(edge.caller(), OperationGraph.callerOperation(t.node(c)), edge.callee(),
          OperationGraph.calleeOperation(clientSpan, server, at));
      order[size] = size;
      size++;
    }

    private void grow() {
      int n = 2 * client.length;
      client = Arrays.copyOf(client, n);
      parent = Arrays.copyOf(parent, n);
      error = Arrays.copyOf(error, n);
      key = Arrays.copyOf(key, n);
      order = Arrays.copyOf(order, n);
    }

    long start(int call) {
      return t.start(client[call]);
    }

    long end(int call) {
      return t.end(client[call]);
    }
  }

  /**
   * Adds one trace of the day: its skew-adjusted view and its critical path (null for a trace without a single
   * root, whose patterns then add no time).
   */
  public CallPatterns add(long traceHigh, long traceLow, AdjustedTrace t, CriticalPath path) {
    Scratch s = scratch();
    s.t = t;
    s.size = 0;
    s.onPathKnown = false;
    for (int i = 0; i < t.size(); i++) {
      s.visited = i;
      CallFinder.find(t.node(i), s);
    }
    if (s.size == 0) return this;
    Integer[] order = s.order;
    Arrays.sort(order, 0, s.size, (a, b) -> {
      int c = Integer.compare(s.parent[a], s.parent[b]);
      if (c == 0) c = Key.ORDER.compare(s.key[a], s.key[b]);
      if (c == 0) c = Long.compare(s.start(a), s.start(b));
      return c != 0 ? c : Integer.compare(s.client[a], s.client[b]);
    });
    for (int from = 0; from < s.size; ) {
      int to = from + 1;
      while (to < s.size && s.parent[order[to]] == s.parent[order[from]] && s.key[order[to]].equals(s.key[order[from]])) {
        to++;
      }
      group(s, path, from, to);
      from = to;
    }
    for (Map.Entry<Key, KeyState> e : s.touched.entrySet()) {
      KeyState k = e.getValue();
      k.loops.endTrace(traceHigh, traceLow);
      k.retries.endTrace(traceHigh, traceLow);
      if (k.widest >= 2) {
        Width w = k.widths.get(k.widest);
        w.tracesWidest++;
        w.examples.add(traceHigh, traceLow, k.widestAdded);
      }
      k.widest = 0;
      k.widestAdded = 0;
    }
    s.touched.clear();
    Arrays.fill(s.key, 0, s.size, null);
    s.t = null;
    return this;
  }

  /** One group: the calls {@code order[from..to)} of one parent to one key, in start order. */
  private void group(Scratch s, CriticalPath path, int from, int to) {
    Integer[] order = s.order;
    Key key = s.key[order[from]];
    KeyState state = s.touched.get(key);
    if (state == null) {
      state = keys.computeIfAbsent(key, k -> new KeyState());
      s.touched.put(key, state);
    }
    long width = to - from;
    state.callsPerParent.add(width);

    // Fan-out: every group of two or more is a value of the distribution; which are flagged is known at the end.
    if (width >= 2) {
      long added = addedBeyondLongest(s, path, from, to);
      Width w = state.widths.computeIfAbsent(width, k -> new Width());
      w.parents++;
      w.addedNanos += added;
      if (width > state.widest) {
        state.widest = width;
        state.widestAdded = added;
      } else if (width == state.widest) {
        state.widestAdded += added;
      }
    }

    // Retries, and runs of sequential calls. A re-sent call is a retry even as the group's only or first call (its
    // earlier attempt was not traced: it adds no time); the others repeat the call before them.
    int runStart = from;
    int distinct = 0; // calls of the run that are not retries
    int retriesInRow = 0;
    for (int k = from; k <= to; k++) {
      boolean sequential = k > from && k < to && s.start(order[k]) >= s.end(order[k - 1]);
      if (k > from && !sequential) { // the run order[runStart..k) ends here
        if (distinct >= nPlusOne) state.loops.add(k - runStart, k - runStart, addedBeyondLongest(s, path, runStart, k));
        runStart = k;
        distinct = 0;
      }
      if (k == to) break;
      int call = order[k];
      boolean resent = s.t.span(s.client[call]).resent();
      if (k == from ? resent : resent || (s.error[order[k - 1]] && sequential)) {
        retriesInRow++;
        state.retries.add(1, retriesInRow, k == from ? 0 : retryAdded(s, path, order[k - 1], call));
      } else {
        retriesInRow = 0;
        distinct++;
      }
    }
  }

  /** The calls' time on the critical path beyond the longest one's. */
  private static long addedBeyondLongest(Scratch s, CriticalPath path, int from, int to) {
    if (path == null) return 0;
    long sum = 0;
    long longest = 0;
    for (int k = from; k < to; k++) {
      long on = onPath(s, path, s.client[s.order[k]]);
      sum += on;
      longest = Math.max(longest, on);
    }
    return sum - longest;
  }

  /** The failed attempt's time on the critical path, and the wait before the retry when both are on it. */
  private static long retryAdded(Scratch s, CriticalPath path, int failed, int retry) {
    if (path == null) return 0;
    int f = s.client[failed];
    int r = s.client[retry];
    long added = onPath(s, path, f);
    long waitFrom = s.t.end(f);
    long waitTo = s.t.start(r);
    if (added > 0 && onPath(s, path, r) > 0 && waitTo > waitFrom) {
      long wait = waitTo - waitFrom;
      int p = s.t.parent(f);
      int first = s.t.firstChild(p);
      for (int c = first; c < first + s.t.childCount(p); c++) { // other children on the path within the wait
        if (c == f || c == r) continue;
        long on = onPath(s, path, c);
        if (on == 0) continue;
        long onFrom = s.t.start(c);
        long overlap = Math.min(onFrom + on, waitTo) - Math.max(onFrom, waitFrom);
        if (overlap > 0) wait -= overlap;
      }
      added += Math.max(0, wait);
    }
    return added;
  }

  /** Span {@code i}'s and its descendants' critical time: its time on the critical path. */
  private static long onPath(Scratch s, CriticalPath path, int i) {
    if (!s.onPathKnown) {
      int n = s.t.size();
      if (s.onPath.length < n) s.onPath = new long[Math.max(n, 2 * s.onPath.length)];
      Arrays.fill(s.onPath, 0, n, 0);
      for (int k = n - 1; k >= 0; k--) { // children come after their parent
        s.onPath[k] += path.criticalNanos(k);
        int p = s.t.parent(k);
        if (p >= 0) s.onPath[p] += s.onPath[k];
      }
      s.onPathKnown = true;
    }
    return s.onPath[i];
  }

  private Scratch scratch() {
    if (scratch == null) scratch = new Scratch();
    return scratch;
  }

  /** Adds the patterns of other traces of the same day. */
  public CallPatterns merge(CallPatterns other) {
    if (other.nPlusOne != nPlusOne) {
      throw new IllegalArgumentException("different N+1 thresholds: " + nPlusOne + ", " + other.nPlusOne);
    }
    other.keys.forEach((k, o) -> keys.computeIfAbsent(k, x -> new KeyState()).merge(o));
    return this;
  }

  /** The day's findings: by pattern, then key ({@link Key#ORDER}). */
  public List<Finding> findings() {
    List<Finding> rows = new ArrayList<>();
    List<Map.Entry<Key, KeyState>> sorted = new ArrayList<>(keys.entrySet());
    sorted.sort(Map.Entry.comparingByKey(Key.ORDER));
    for (Pattern pattern : Pattern.values()) {
      for (Map.Entry<Key, KeyState> e : sorted) {
        Finding f = finding(pattern, e.getKey(), e.getValue());
        if (f != null) rows.add(f);
      }
    }
    return rows;
  }

  private Finding finding(Pattern pattern, Key key, KeyState state) {
    long parents = state.callsPerParent.count();
    switch (pattern) {
      case N_PLUS_ONE, RETRY -> {
        Occurrences o = pattern == Pattern.N_PLUS_ONE ? state.loops : state.retries;
        if (o.occurrences == 0) return null;
        return new Finding(pattern, key, o.occurrences, o.calls, o.maxCalls,
            pattern == Pattern.N_PLUS_ONE ? (long) nPlusOne : null, parents, o.traces, o.addedNanos,
            o.examples.examples());
      }
      default -> {
        if (parents < FAN_OUT_MIN_PARENTS) return null;
        long threshold = state.callsPerParent.quantile(FAN_OUT_QUANTILE);
        long occurrences = 0;
        long calls = 0;
        long widest = 0;
        long traces = 0;
        long added = 0;
        TopTraces examples = new TopTraces();
        for (Map.Entry<Long, Width> e : state.widths.tailMap(threshold, false).entrySet()) {
          Width w = e.getValue();
          occurrences += w.parents;
          calls += e.getKey() * w.parents;
          widest = e.getKey();
          traces += w.tracesWidest;
          added += w.addedNanos;
          examples.merge(w.examples);
        }
        if (occurrences == 0) return null;
        return new Finding(pattern, key, occurrences, calls, widest, threshold, parents, traces, added,
            examples.examples());
      }
    }
  }

  /** Occurrences per pattern over all keys, for run.json. */
  public Map<Pattern, Long> totals() {
    Map<Pattern, Long> totals = new EnumMap<>(Pattern.class);
    for (Pattern p : Pattern.values()) totals.put(p, 0L);
    for (Finding f : findings()) totals.merge(f.pattern(), f.occurrences(), Long::sum);
    return totals;
  }
}
