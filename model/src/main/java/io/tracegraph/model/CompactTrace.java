package io.tracegraph.model;

import java.io.ByteArrayOutputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One trace as a waterfall draws it: its spans as compact records (parallel arrays, names by index into a small
 * string table), on skew-adjusted times ({@link AdjustedTrace}), marked with what the analyses found: the critical
 * path ({@link CriticalPath}) and each span's time on it, the error origins and where they surfaced
 * ({@link ErrorOrigins#originsOf}), the spans clock-skew adjustment moved, and the <b>dominant span</b> (the most
 * critical-path time). Spans are in depth-first order, each followed by its subtree, siblings in start order, so a
 * waterfall is drawn top to bottom.
 *
 * <p><b>The cut.</b> A trace of more than {@code limit} spans keeps {@code limit} of them: the first span, the error
 * origins and where they surfaced, the dominant span and the rest of the critical path by critical time (at most half
 * of the limit), then the others breadth first (the upper levels of the tree); every kept span comes with its
 * ancestors, so the kept spans still form one tree. Each kept span records how many of its descendants were not kept
 * ({@link #hiddenBelow}), and {@link #spanCount()} says how many the trace had, so the cut is always shown. The
 * reports keep {@link #REPORT_SPAN_LIMIT}; {@code tracegraph trace} keeps every span.
 *
 * <p>Built in O(n log n) for a trace of n spans with O(n) temporary arrays, nothing recursive; the kept value holds
 * about 60 bytes per kept span. Immutable and {@link Serializable}: it travels in the partition summaries, written
 * in a packed form ({@link Packed}: variable-length numbers, times relative to the parent, names by reference) of
 * about 25 bytes per span.
 */
public final class CompactTrace implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** Spans kept of one trace in the day's summaries and report: the cut of the largest traces. */
  public static final int REPORT_SPAN_LIMIT = 1_000;
  /** No cut: every span kept. */
  public static final int NO_LIMIT = Integer.MAX_VALUE;

  /** Span flag: status ERROR. */
  public static final int ERROR = 1;
  /** Span flag: on the trace's critical path. */
  public static final int CRITICAL = 2;
  /** Span flag: an error origin (an ERROR span with no failing descendant). */
  public static final int ORIGIN = 4;
  /** Span flag: where an origin's error surfaced (the highest ERROR span above it). */
  public static final int SURFACED = 8;
  /** Span flag: moved by clock-skew adjustment. */
  public static final int SKEW_ADJUSTED = 16;
  /** Span flag: names a parent it does not hang under (an orphan, or cut out of a parent cycle). */
  public static final int DETACHED = 32;

  private final TraceId id;
  private final int spanCount;
  private final int errorSpans;
  private final boolean singleRoot;
  private final long startNanos;
  private final long durationNanos;
  private final int dominant;
  private final String[] strings;
  private final long[] spanIds;
  private final int[] parents;
  private final int[] services;
  private final int[] names;
  private final int[] peers;
  private final byte[] kinds;
  private final byte[] flags;
  private final long[] starts;
  private final long[] durations;
  private final long[] critical;
  private final int[] hidden;
  /** Clock-skew shifts (adjusted minus archived time), or null when no span was moved. */
  private final long[] shifts;
  /** The parent span id each span names, or null when every span hangs under the parent it names. */
  private final long[] namedParents;

  private CompactTrace(TraceId id, int spanCount, int errorSpans, boolean singleRoot, long startNanos,
                       long durationNanos, int dominant, String[] strings, long[] spanIds, int[] parents,
                       int[] services, int[] names, int[] peers, byte[] kinds, byte[] flags, long[] starts,
                       long[] durations, long[] critical, int[] hidden, long[] shifts, long[] namedParents) {
    this.id = id;
    this.spanCount = spanCount;
    this.errorSpans = errorSpans;
    this.singleRoot = singleRoot;
    this.startNanos = startNanos;
    this.durationNanos = durationNanos;
    this.dominant = dominant;
    this.strings = strings;
    this.spanIds = spanIds;
    this.parents = parents;
    this.services = services;
    this.names = names;
    this.peers = peers;
    this.kinds = kinds;
    this.flags = flags;
    this.starts = starts;
    this.durations = durations;
    this.critical = critical;
    this.hidden = hidden;
    this.shifts = shifts;
    this.namedParents = namedParents;
  }

  /** The trace {@code t} (of id {@code id}), keeping at most {@code limit} spans (at least 1). */
  public static CompactTrace of(TraceId id, AdjustedTrace t, int limit) {
    Objects.requireNonNull(id, "id == null");
    if (limit < 1) throw new IllegalArgumentException("limit must be positive: " + limit);
    int n = t.size();
    CriticalPath path = CriticalPath.of(t);

    // What the error analysis marks, by span identity (few spans: the origins and where they surfaced).
    Map<Span, Integer> errorMarks = new IdentityHashMap<>();
    for (ErrorOrigins.Origin o : ErrorOrigins.originsOf(t)) {
      errorMarks.merge(o.origin(), ORIGIN, (a, b) -> a | b);
      errorMarks.merge(o.surfaced(), SURFACED, (a, b) -> a | b);
    }
    int[] marked = new int[errorMarks.size()];
    int markedCount = 0;
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      start = Math.min(start, t.start(i));
      end = Math.max(end, t.end(i));
      if (!errorMarks.isEmpty() && errorMarks.containsKey(t.span(i))) marked[markedCount++] = i;
    }
    int dominant = -1;
    if (path != null) {
      for (int i : path.pathIndexes()) {
        if (dominant < 0 || path.criticalNanos(i) > path.criticalNanos(dominant)
            || (path.criticalNanos(i) == path.criticalNanos(dominant) && i < dominant)) {
          dominant = i;
        }
      }
    }

    boolean[] keep = n <= limit ? null : choose(t, path, dominant, Arrays.copyOf(marked, markedCount), limit);
    int[] hiddenBelow = keep == null ? null : hiddenBelow(t, keep);

    // Depth first over the kept spans: top-level spans in order, each followed by its subtree.
    int kept = keep == null ? n : count(keep);
    int[] order = new int[kept];
    int[] compactIndex = new int[n];
    int[] stack = new int[Math.max(1, kept)];
    int top = 0;
    int next = 0;
    for (int i = n - 1; i >= 0; i--) if (t.parent(i) < 0 && (keep == null || keep[i])) stack[top++] = i;
    while (top > 0) {
      int i = stack[--top];
      compactIndex[i] = next;
      order[next++] = i;
      int first = t.firstChild(i);
      for (int c = first + t.childCount(i) - 1; c >= first; c--) {
        if (keep == null || keep[c]) stack[top++] = c;
      }
    }

    Map<String, Integer> table = new LinkedHashMap<>();
    long[] spanIds = new long[kept];
    int[] parents = new int[kept];
    int[] services = new int[kept];
    int[] names = new int[kept];
    int[] peers = new int[kept];
    byte[] kinds = new byte[kept];
    byte[] flags = new byte[kept];
    long[] starts = new long[kept];
    long[] durations = new long[kept];
    long[] critical = new long[kept];
    int[] hidden = new int[kept];
    long[] shifts = null;
    long[] namedParents = null;
    for (int k = 0; k < kept; k++) {
      int i = order[k];
      Span span = t.span(i);
      spanIds[k] = span.spanId();
      parents[k] = t.parent(i) < 0 ? -1 : compactIndex[t.parent(i)];
      services[k] = intern(table, span.service());
      names[k] = intern(table, span.name());
      peers[k] = span.peer() == null ? -1 : intern(table, span.peer());
      kinds[k] = (byte) span.kind().ordinal();
      int f = errorMarks.getOrDefault(span, 0);
      if (span.error()) f |= ERROR;
      if (path != null && path.onPath(i)) f |= CRITICAL;
      if (t.skew(i) == AdjustedTrace.Skew.ADJUSTED) f |= SKEW_ADJUSTED;
      if (t.node(i).isDetached()) f |= DETACHED;
      flags[k] = (byte) f;
      starts[k] = t.start(i) - start;
      durations[k] = t.end(i) - t.start(i);
      critical[k] = path == null ? 0 : path.criticalNanos(i);
      hidden[k] = hiddenBelow == null ? 0 : hiddenBelow[i];
      if (t.shift(i) != 0) {
        if (shifts == null) shifts = new long[kept];
        shifts[k] = t.shift(i);
      }
      if (t.node(i).isDetached()) {
        if (namedParents == null) namedParents = new long[kept];
        namedParents[k] = span.parentId();
      }
    }
    long duration = t.hasSingleRoot() ? t.end(0) - t.start(0) : end - start;
    return new CompactTrace(id, n, t.errorSpans(), t.hasSingleRoot(), start, duration,
        dominant < 0 ? -1 : compactIndex[dominant], table.keySet().toArray(String[]::new), spanIds, parents, services,
        names, peers, kinds, flags, starts, durations, critical, hidden, shifts, namedParents);
  }

  /** The spans to keep of a trace larger than the limit (see the class comment), as flags by span index. */
  private static boolean[] choose(AdjustedTrace t, CriticalPath path, int dominant, int[] errorSpans, int limit) {
    Chooser c = new Chooser(t);
    c.keepWithAncestors(0, limit);
    for (int i : errorSpans) c.keepWithAncestors(i, limit);
    if (path != null) {
      int[] onPath = path.pathIndexes();
      Integer[] byCritical = new Integer[onPath.length];
      for (int k = 0; k < onPath.length; k++) byCritical[k] = onPath[k];
      Arrays.sort(byCritical, (a, b) -> path.criticalNanos(a) != path.criticalNanos(b)
          ? Long.compare(path.criticalNanos(b), path.criticalNanos(a)) : Integer.compare(a, b));
      int half = Math.max(1, limit / 2);
      if (dominant >= 0) c.keepWithAncestors(dominant, half);
      for (int k = 0; k < byCritical.length && c.kept < half; k++) c.keepWithAncestors(byCritical[k], half);
    }
    // Breadth first: a span's parent comes before it, so it is kept already when the span is reached.
    for (int i = 0; i < t.size() && c.kept < limit; i++) c.keepWithAncestors(i, limit);
    return c.keep;
  }

  private static final class Chooser {
    final AdjustedTrace t;
    final boolean[] keep;
    int kept;

    Chooser(AdjustedTrace t) {
      this.t = t;
      this.keep = new boolean[t.size()];
    }

    /** Keeps span {@code i} and its ancestors not kept yet, if that keeps no more than {@code budget} in all. */
    void keepWithAncestors(int i, int budget) {
      int missing = 0;
      for (int p = i; p >= 0 && !keep[p]; p = t.parent(p)) {
        if (kept + ++missing > budget) return; // the chain does not fit: skip it, having climbed at most the budget
      }
      for (int p = i; p >= 0 && !keep[p]; p = t.parent(p)) {
        keep[p] = true;
        kept++;
      }
    }
  }

  /** For each kept span, its descendants that were not kept (subtree sizes, bottom up over the breadth-first order). */
  private static int[] hiddenBelow(AdjustedTrace t, boolean[] keep) {
    int n = t.size();
    int[] size = new int[n];
    int[] keptBelow = new int[n];
    for (int i = n - 1; i >= 0; i--) {
      size[i]++;
      int p = t.parent(i);
      if (p >= 0) {
        size[p] += size[i];
        keptBelow[p] += keptBelow[i] + (keep[i] ? 1 : 0);
      }
    }
    int[] hidden = new int[n];
    for (int i = 0; i < n; i++) if (keep[i]) hidden[i] = size[i] - 1 - keptBelow[i];
    return hidden;
  }

  private static int count(boolean[] keep) {
    int c = 0;
    for (boolean k : keep) if (k) c++;
    return c;
  }

  private static int intern(Map<String, Integer> table, String s) {
    Integer at = table.get(s);
    if (at != null) return at;
    table.put(s, table.size());
    return table.size() - 1;
  }

  public TraceId id() {
    return id;
  }

  /** Spans in the whole trace (kept or not). */
  public int spanCount() {
    return spanCount;
  }

  /** Spans kept here: {@link #spanCount()} unless the trace was cut. */
  public int size() {
    return spanIds.length;
  }

  /** True when spans were left out ({@link #size()} &lt; {@link #spanCount()}). */
  public boolean isCut() {
    return size() < spanCount;
  }

  /** Spans not kept that hang under no kept span (top-level spans of a broken trace and their subtrees). */
  public int hiddenTopLevel() {
    long inside = 0;
    for (int h : hidden) inside += h;
    return (int) (spanCount - size() - inside);
  }

  /** ERROR spans in the whole trace. */
  public int errorSpans() {
    return errorSpans;
  }

  /** True when the trace has one root span (span 0), and with it a critical path. */
  public boolean hasSingleRoot() {
    return singleRoot;
  }

  /** The earliest (adjusted) span start, Unix epoch nanoseconds: the zero of the waterfall's time axis. */
  public long startNanos() {
    return startNanos;
  }

  /** The root span's duration; for a trace without a single root, the earliest start to the latest end. */
  public long durationNanos() {
    return durationNanos;
  }

  /** The time axis a waterfall needs: from the earliest start to the latest end of the kept spans, nanoseconds. */
  public long extentNanos() {
    long extent = 0;
    for (int k = 0; k < size(); k++) extent = Math.max(extent, starts[k] + durations[k]);
    return extent;
  }

  /** Index of the span with the most critical-path time, or -1 (no single root). */
  public int dominant() {
    return dominant;
  }

  public long spanId(int k) {
    return spanIds[k];
  }

  /** Index of span {@code k}'s parent here, or -1 for a top-level span (the parent always precedes the span). */
  public int parent(int k) {
    return parents[k];
  }

  public String service(int k) {
    return strings[services[k]];
  }

  /** The operation (span name). */
  public String name(int k) {
    return strings[names[k]];
  }

  /** The remote peer the span names, or null. */
  public String peer(int k) {
    return peers[k] < 0 ? null : strings[peers[k]];
  }

  public SpanKind kind(int k) {
    return SpanKind.values()[kinds[k]];
  }

  /** The span's flags: a combination of {@link #ERROR}, {@link #CRITICAL}, {@link #ORIGIN}, ... */
  public int flags(int k) {
    return flags[k];
  }

  public boolean has(int k, int flag) {
    return (flags[k] & flag) != 0;
  }

  /** Start relative to {@link #startNanos()}, nanoseconds. */
  public long startOffsetNanos(int k) {
    return starts[k];
  }

  public long durationNanos(int k) {
    return durations[k];
  }

  /** Critical-path time of span {@code k} (0 off the path). */
  public long criticalNanos(int k) {
    return critical[k];
  }

  /** Descendants of span {@code k} that were not kept (0 unless the trace was cut). */
  public int hiddenBelow(int k) {
    return hidden[k];
  }

  /** The clock-skew shift applied to span {@code k} (adjusted minus archived time), signed nanoseconds. */
  public long skewShiftNanos(int k) {
    return shifts == null ? 0 : shifts[k];
  }

  /**
   * The parent span id span {@code k} names in the archive (0 for none): its parent's id here, except for a
   * {@link #DETACHED} span, which names a span it does not hang under.
   */
  public long namedParentId(int k) {
    if (namedParents != null && has(k, DETACHED)) return namedParents[k];
    return parents[k] < 0 ? 0 : spanIds[parents[k]];
  }

  /** Depth of span {@code k}: 0 for a top-level span. */
  public int depth(int k) {
    int d = 0;
    for (int p = parents[k]; p >= 0; p = parents[p]) d++;
    return d;
  }

  /**
   * The root span's service and operation, or null when the trace has no single root or its root has no service name
   * (such a trace is no one's entry point, as in the {@code entry_points} table).
   */
  public EntryPointKey entry() {
    return singleRoot && !service(0).isEmpty() ? new EntryPointKey(service(0), name(0)) : null;
  }

  /**
   * Who did the work of span {@code k}, as a person reads it: a CLIENT or PRODUCER naming its peer,
   * "payment → payment-provider POST /v1/charges"; a span called from another service,
   * "checkout → payment POST /payments/charge"; otherwise "payment POST /payments/charge".
   */
  public String describe(int k) {
    return describe(k, UnaryOperator.identity());
  }

  /** The same, each name (service, peer, operation) as {@code shown} displays it (the reports shorten names). */
  public String describe(int k, UnaryOperator<String> shown) {
    String service = shown.apply(shown(service(k)));
    SpanKind kind = kind(k);
    String peer = peer(k);
    String from = null;
    String to = service;
    if ((kind == SpanKind.CLIENT || kind == SpanKind.PRODUCER) && peer != null && !shown.apply(peer).equals(service)) {
      from = service;
      to = shown.apply(peer);
    } else if (parents[k] >= 0 && !shown.apply(shown(service(parents[k]))).equals(service)) {
      from = shown.apply(shown(service(parents[k])));
    }
    String name = shown.apply(name(k));
    return (from == null ? "" : from + " \u2192 ") + to + (name.isEmpty() ? "" : " " + name);
  }

  /** How a person reads a span without a service name ({@link Span#NO_SERVICE}). */
  public static final String NO_SERVICE_SHOWN = "(no service name)";

  private static String shown(String service) {
    return service.isEmpty() ? NO_SERVICE_SHOWN : service;
  }

  /** The indexes of the kept spans with {@code flag}, in order. */
  public List<Integer> indexesWith(int flag) {
    List<Integer> found = new ArrayList<>();
    for (int k = 0; k < size(); k++) if (has(k, flag)) found.add(k);
    return found;
  }

  @Serial
  private Object writeReplace() {
    return new Packed(this);
  }

  @Serial
  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a CompactTrace is read through its packed form");
  }

  /**
   * The serialized form: the string table as references (the names of a partition's traces are the same String
   * objects, so a stream writes each once) and everything else in one byte array of variable-length numbers, a
   * span's start relative to its parent's and its parent as a distance back. Exemplars are a large part of what a
   * partition sends to the driver; this halves it.
   */
  private static final class Packed implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
    private final String[] strings;
    private final byte[] data;

    Packed(CompactTrace t) {
      strings = t.strings;
      int n = t.size();
      Bytes out = new Bytes(16 + 26 * n);
      out.fixed(t.id.high()).fixed(t.id.low()).var(t.spanCount).var(t.errorSpans).var(t.singleRoot ? 1 : 0)
          .fixed(t.startNanos).var(t.durationNanos).var(t.dominant + 1L).var(n)
          .var(t.shifts == null ? 0 : 1).var(t.namedParents == null ? 0 : 1);
      for (int k = 0; k < n; k++) {
        int parent = t.parents[k];
        out.fixed(t.spanIds[k]).var(parent < 0 ? 0 : k - parent).var(t.services[k]).var(t.names[k])
            .var(t.peers[k] + 1L).var(t.kinds[k]).var(t.flags[k] & 0xff)
            .signed(t.starts[k] - (parent < 0 ? 0 : t.starts[parent])).var(t.durations[k]).var(t.critical[k])
            .var(t.hidden[k]);
        if (t.shifts != null) out.signed(t.shifts[k]);
        if (t.namedParents != null && (t.flags[k] & DETACHED) != 0) out.fixed(t.namedParents[k]);
      }
      data = out.toByteArray();
    }

    @Serial
    private Object readResolve() {
      ByteBuffer in = ByteBuffer.wrap(data);
      TraceId id = new TraceId(in.getLong(), in.getLong());
      int spanCount = (int) Bytes.var(in);
      int errorSpans = (int) Bytes.var(in);
      boolean singleRoot = Bytes.var(in) == 1;
      long startNanos = in.getLong();
      long durationNanos = Bytes.var(in);
      int dominant = (int) Bytes.var(in) - 1;
      int n = (int) Bytes.var(in);
      boolean hasShifts = Bytes.var(in) == 1;
      boolean hasNamedParents = Bytes.var(in) == 1;
      long[] spanIds = new long[n];
      int[] parents = new int[n];
      int[] services = new int[n];
      int[] names = new int[n];
      int[] peers = new int[n];
      byte[] kinds = new byte[n];
      byte[] flags = new byte[n];
      long[] starts = new long[n];
      long[] durations = new long[n];
      long[] critical = new long[n];
      int[] hidden = new int[n];
      long[] shifts = hasShifts ? new long[n] : null;
      long[] namedParents = hasNamedParents ? new long[n] : null;
      for (int k = 0; k < n; k++) {
        spanIds[k] = in.getLong();
        int back = (int) Bytes.var(in);
        parents[k] = back == 0 ? -1 : k - back;
        services[k] = (int) Bytes.var(in);
        names[k] = (int) Bytes.var(in);
        peers[k] = (int) Bytes.var(in) - 1;
        kinds[k] = (byte) Bytes.var(in);
        flags[k] = (byte) Bytes.var(in);
        starts[k] = Bytes.signed(in) + (parents[k] < 0 ? 0 : starts[parents[k]]);
        durations[k] = Bytes.var(in);
        critical[k] = Bytes.var(in);
        hidden[k] = (int) Bytes.var(in);
        if (hasShifts) shifts[k] = Bytes.signed(in);
        if (hasNamedParents && (flags[k] & DETACHED) != 0) namedParents[k] = in.getLong();
      }
      return new CompactTrace(id, spanCount, errorSpans, singleRoot, startNanos, durationNanos, dominant, strings,
          spanIds, parents, services, names, peers, kinds, flags, starts, durations, critical, hidden, shifts,
          namedParents);
    }
  }

  /** Unsigned LEB128 numbers (7 bits a byte), zigzag for signed ones, and fixed 8-byte longs. */
  private static final class Bytes extends ByteArrayOutputStream {
    Bytes(int size) {
      super(size);
    }

    Bytes fixed(long v) {
      for (int shift = 56; shift >= 0; shift -= 8) write((int) (v >>> shift));
      return this;
    }

    Bytes var(long v) {
      while ((v & ~0x7FL) != 0) {
        write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      write((int) v);
      return this;
    }

    Bytes signed(long v) {
      return var((v << 1) ^ (v >> 63));
    }

    static long var(ByteBuffer in) {
      long v = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = in.get();
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) return v;
      }
    }

    static long signed(ByteBuffer in) {
      long v = var(in);
      return (v >>> 1) ^ -(v & 1);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompactTrace c && id.equals(c.id) && spanCount == c.spanCount && errorSpans == c.errorSpans
        && singleRoot == c.singleRoot && startNanos == c.startNanos && durationNanos == c.durationNanos
        && dominant == c.dominant && Arrays.equals(strings, c.strings) && Arrays.equals(spanIds, c.spanIds)
        && Arrays.equals(parents, c.parents) && Arrays.equals(services, c.services) && Arrays.equals(names, c.names)
        && Arrays.equals(peers, c.peers) && Arrays.equals(kinds, c.kinds) && Arrays.equals(flags, c.flags)
        && Arrays.equals(starts, c.starts) && Arrays.equals(durations, c.durations)
        && Arrays.equals(critical, c.critical) && Arrays.equals(hidden, c.hidden) && Arrays.equals(shifts, c.shifts)
        && Arrays.equals(namedParents, c.namedParents);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, spanCount, startNanos, Arrays.hashCode(spanIds));
  }

  @Override
  public String toString() {
    return "CompactTrace(" + id + ", " + size() + " of " + spanCount + " spans)";
  }
}
