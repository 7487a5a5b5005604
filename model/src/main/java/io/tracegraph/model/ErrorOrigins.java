package io.tracegraph.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where errors start, where they surface, and which services only pass them on: a mergeable accumulator over the
 * failed traces of a day.
 *
 * <p>In a trace with ERROR spans, an <b>origin</b> is an ERROR span none of whose descendants is in error: the
 * deepest failing span of its branch (several failing branches give several origins). Its error <b>surfaced</b> at
 * the highest ERROR span on the path from the origin to the top of the trace, and travelled {@code hops} service
 * boundaries (parent and child of different services) on the way. The <b>root</b> of an origin is the top of its
 * branch: the trace's root span, or, in a trace with no single root, the top-level span above it. An error
 * <b>reached the root</b> when it surfaced there; a failed trace none of whose errors reached the root handled its
 * errors (the root is OK while a child failed).
 *
 * <p>Per service, a failed trace counts as <b>originated</b> when the service holds an origin, and as <b>passed on</b>
 * when the service has ERROR spans but no origin: it only relayed an error from below.
 *
 * <p>Two bottom-up and top-down passes over the {@link AdjustedTrace} arrays, only for traces with an ERROR span.
 */
public final class ErrorOrigins implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One origin in one trace: the failing span, where its error surfaced, the top of its branch and the hops. */
  public record Origin(Span origin, Span surfaced, Span root, int hops) {
    public boolean reachedRoot() {
      return surfaced == root;
    }
  }

  /**
   * The key of one row of {@code error_origins}: where errors started, where they surfaced, and how far. A service is
   * null for a span without a service name.
   */
  public record ErrorPath(String originService, String originOperation, String surfacedService,
                          String surfacedOperation, String rootService, String rootOperation, boolean reachedRoot,
                          int hops) implements Serializable {
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    static final Comparator<ErrorPath> ORDER = Comparator.comparing(ErrorPath::originService, NULLS_FIRST)
        .thenComparing(ErrorPath::originOperation)
        .thenComparing(ErrorPath::surfacedService, NULLS_FIRST)
        .thenComparing(ErrorPath::surfacedOperation)
        .thenComparing(ErrorPath::rootService, NULLS_FIRST)
        .thenComparing(ErrorPath::rootOperation)
        .thenComparing(ErrorPath::reachedRoot)
        .thenComparingInt(ErrorPath::hops);

    static ErrorPath of(Origin o) {
      return new ErrorPath(serviceOrNull(o.origin()), o.origin().name(), serviceOrNull(o.surfaced()),
          o.surfaced().name(), serviceOrNull(o.root()), o.root().name(), o.reachedRoot(), o.hops());
    }
  }

  /** A row of {@code error_origins}: traces with at least one such origin, origins in all, example trace ids. */
  public record PathRow(ErrorPath path, long traces, long origins, List<String> exampleTraceIds) {
    public PathRow {
      exampleTraceIds = List.copyOf(exampleTraceIds);
    }
  }

  private static String serviceOrNull(Span span) {
    return span.hasService() ? span.service() : null;
  }

  /** A row of {@code error_services}; the service is null for the spans without a service name. */
  public record ServiceRow(String service, long errorSpans, long originSpans, long originSpansReachedRoot,
                           long tracesOriginated, long tracesPassedOn) {}

  private static final class PathStats implements Serializable {
    private static final long serialVersionUID = 1L;
    long traces;
    long origins;
    final ExampleTraces examples = new ExampleTraces();
  }

  // Per service: error spans, origin spans, origins reaching the root, traces originated, traces only passed on.
  private static final int ERROR_SPANS = 0;
  private static final int ORIGIN_SPANS = 1;
  private static final int ORIGINS_REACHED_ROOT = 2;
  private static final int TRACES_ORIGINATED = 3;
  private static final int TRACES_PASSED_ON = 4;

  private final Map<ErrorPath, PathStats> paths = new HashMap<>();
  private final Map<String, long[]> services = new HashMap<>();
  private long failedTraces;
  private long failedTracesRootError;
  private long originSpans;

  /** The origins of one trace, in span order (breadth first); empty when no span failed. */
  public static List<Origin> originsOf(AdjustedTrace t) {
    if (t.errorSpans() == 0) return List.of();
    int n = t.size();
    // Bottom-up: does any descendant of span i fail?
    boolean[] failedBelow = new boolean[n];
    for (int i = n - 1; i > 0; i--) {
      int p = t.parent(i);
      if (p >= 0 && (failedBelow[i] || t.span(i).error())) failedBelow[p] = true;
    }
    // Top-down: the highest ERROR span above or at i, the top of i's branch, service changes from the top.
    int[] highest = new int[n];
    int[] top = new int[n];
    int[] boundaries = new int[n];
    List<Origin> origins = new ArrayList<>(1);
    for (int i = 0; i < n; i++) {
      int p = t.parent(i);
      Span span = t.span(i);
      if (p < 0) {
        top[i] = i;
        boundaries[i] = 0;
        highest[i] = span.error() ? i : -1;
      } else {
        top[i] = top[p];
        boundaries[i] = boundaries[p] + (t.span(p).service().equals(span.service()) ? 0 : 1);
        highest[i] = highest[p] >= 0 ? highest[p] : span.error() ? i : -1;
      }
      if (span.error() && !failedBelow[i]) {
        int surfaced = highest[i];
        origins.add(new Origin(span, t.span(surfaced), t.span(top[i]), boundaries[i] - boundaries[surfaced]));
      }
    }
    return origins;
  }

  /** Adds one trace of the day (a trace without ERROR spans costs one check). */
  public ErrorOrigins add(long traceHigh, long traceLow, AdjustedTrace t) {
    List<Origin> origins = originsOf(t);
    if (origins.isEmpty()) return this;
    failedTraces++;
    originSpans += origins.size();
    boolean rootError = false;
    Map<ErrorPath, Integer> byPath = new LinkedHashMap<>(4);
    TreeSet<String> originating = new TreeSet<>();
    for (Origin o : origins) {
      rootError |= o.reachedRoot();
      byPath.merge(ErrorPath.of(o), 1, Integer::sum);
      originating.add(o.origin().service());
      long[] s = service(o.origin().service());
      s[ORIGIN_SPANS]++;
      if (o.reachedRoot()) s[ORIGINS_REACHED_ROOT]++;
    }
    if (rootError) failedTracesRootError++;
    byPath.forEach((path, count) -> {
      PathStats stats = paths.computeIfAbsent(path, k -> new PathStats());
      stats.traces++;
      stats.origins += count;
      stats.examples.add(traceHigh, traceLow);
    });
    TreeSet<String> failing = new TreeSet<>();
    for (int i = 0; i < t.size(); i++) {
      Span span = t.span(i);
      if (!span.error()) continue;
      service(span.service())[ERROR_SPANS]++;
      failing.add(span.service());
    }
    for (String s : failing) service(s)[originating.contains(s) ? TRACES_ORIGINATED : TRACES_PASSED_ON]++;
    return this;
  }

  private long[] service(String name) {
    return services.computeIfAbsent(name, k -> new long[5]);
  }

  /** Adds another accumulator (of other traces) into this one. */
  public ErrorOrigins merge(ErrorOrigins other) {
    other.paths.forEach((path, o) -> {
      PathStats mine = paths.computeIfAbsent(path, k -> new PathStats());
      mine.traces += o.traces;
      mine.origins += o.origins;
      mine.examples.merge(o.examples);
    });
    other.services.forEach((name, o) -> {
      long[] mine = service(name);
      for (int i = 0; i < mine.length; i++) mine[i] += o[i];
    });
    failedTraces += other.failedTraces;
    failedTracesRootError += other.failedTracesRootError;
    originSpans += other.originSpans;
    return this;
  }

  /** Rows of {@code error_origins}, in key order. */
  public List<PathRow> pathRows() {
    List<ErrorPath> keys = new ArrayList<>(paths.keySet());
    keys.sort(ErrorPath.ORDER);
    List<PathRow> rows = new ArrayList<>(keys.size());
    for (ErrorPath k : keys) {
      PathStats s = paths.get(k);
      rows.add(new PathRow(k, s.traces, s.origins, s.examples.hexIds()));
    }
    return rows;
  }

  /** Rows of {@code error_services}, by service (the spans without a service name first, as service null). */
  public List<ServiceRow> serviceRows() {
    List<ServiceRow> rows = new ArrayList<>(services.size());
    // Spans without a service name ("") sort first and come out as the row of the null service.
    new TreeMap<>(services).forEach((name, s) -> rows.add(new ServiceRow(name.isEmpty() ? null : name,
        s[ERROR_SPANS], s[ORIGIN_SPANS], s[ORIGINS_REACHED_ROOT], s[TRACES_ORIGINATED], s[TRACES_PASSED_ON])));
    return rows;
  }

  /** Day totals for run.json: failed traces, how many reached the root or were handled, origins. */
  public Map<String, Long> totals() {
    Map<String, Long> totals = new LinkedHashMap<>();
    totals.put("failed_traces", failedTraces);
    totals.put("failed_traces_root_error", failedTracesRootError);
    totals.put("failed_traces_handled", failedTraces - failedTracesRootError);
    totals.put("origin_spans", originSpans);
    return totals;
  }
}
