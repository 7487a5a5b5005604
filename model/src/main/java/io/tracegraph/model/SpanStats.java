package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Statistics of a group of spans, mergeable: the spans of one service, or of one operation. Counts spans (observed
 * and estimated), "requests" (for a service its SERVER spans, for an operation every span of it) with their failures
 * and latency, failed spans of any kind, self time (a span's duration not covered by its children), the traces the
 * group appears in, and (for operations) the services calling in and called out.
 */
public final class SpanStats implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private long spans;
  private long spansWeighted;
  private final RequestCounts requests;
  private long errorSpans;
  private long traces;
  private final LatencySketch selfTime;
  private final Set<String> callers;
  private final Set<String> callees;
  // When the group's served requests started (services only); unknown when merged from a day stored before tables v2.
  private final CallTimeline served;
  private boolean servedKnown = true;
  private transient boolean inTrace;

  SpanStats() {
    this(new RequestCounts(), new LatencySketch(), new HashSet<>(), new HashSet<>(), new CallTimeline());
  }

  private SpanStats(RequestCounts requests, LatencySketch selfTime, Set<String> callers, Set<String> callees,
                    CallTimeline served) {
    this.served = served;
    this.requests = requests;
    this.selfTime = selfTime;
    this.callers = callers;
    this.callees = callees;
  }

  /**
   * Adds one span; returns true when it is the group's first span in the current trace (the caller then ends the
   * trace with {@link #endTrace}).
   *
   * @param weight the span's sampling weight, fixed point
   * @param selfNanos the span's self time
   * @param request whether the span is a request of the group (counted, timed and failed as one)
   */
  boolean addSpan(Span span, long weight, long selfNanos, boolean request) {
    spans++;
    spansWeighted += weight;
    if (span.error()) errorSpans++;
    selfTime.add(selfNanos);
    if (request) requests.add(span.durationNanos(), weight, span.error());
    if (inTrace) return false;
    inTrace = true;
    return true;
  }

  /** Counts one request the group serves, starting at {@code startNanos}, of a trace of the given UTC day. */
  void addServed(long startNanos, long dayStartNanos) {
    served.add(startNanos, dayStartNanos);
  }

  void endTrace() {
    traces++;
    inTrace = false;
  }

  void addCaller(String caller) {
    callers.add(caller);
  }

  void addCallee(String callee) {
    callees.add(callee);
  }

  SpanStats merge(SpanStats o) {
    spans += o.spans;
    spansWeighted += o.spansWeighted;
    requests.merge(o.requests);
    errorSpans += o.errorSpans;
    traces += o.traces;
    selfTime.merge(o.selfTime);
    callers.addAll(o.callers);
    callees.addAll(o.callees);
    served.merge(o.served);
    servedKnown &= o.servedKnown;
    return this;
  }

  /** A group's statistics as stored in a table row (for rollups). */
  public static SpanStats restore(long spans, long spansWeighted, long requests, long requestsWeighted, long errors,
                                  long errorsWeighted, long errorSpans, long traces, LatencySketch latency,
                                  LatencySketch selfTime, List<String> callers, List<String> callees,
                                  CallTimeline served) {
    SpanStats s = new SpanStats(RequestCounts.restore(requests, requestsWeighted, errors, errorsWeighted, latency),
        selfTime, new HashSet<>(callers), new HashSet<>(callees), served == null ? new CallTimeline() : served);
    s.servedKnown = served != null;
    s.spans = spans;
    s.spansWeighted = spansWeighted;
    s.errorSpans = errorSpans;
    s.traces = traces;
    return s;
  }

  public long spans() {
    return spans;
  }

  public long spansWeighted() {
    return spansWeighted;
  }

  /** Requests: SERVER spans of a service; every span of an operation. */
  public long requests() {
    return requests.count();
  }

  public long requestsWeighted() {
    return requests.weighted();
  }

  /** Failed requests. */
  public long errors() {
    return requests.errors();
  }

  public long errorsWeighted() {
    return requests.errorsWeighted();
  }

  /** Failed spans of any kind. */
  public long errorSpans() {
    return errorSpans;
  }

  /** Traces with at least one span of the group. */
  public long traces() {
    return traces;
  }

  /** Durations of the requests. */
  public LatencySketch latency() {
    return requests.latency();
  }

  /** Self time of every span of the group. */
  public LatencySketch selfTime() {
    return selfTime;
  }

  /** Services (and uninstrumented callers) calling in, sorted. */
  public List<String> callers() {
    return List.copyOf(new TreeSet<>(callers));
  }

  /** Services and peers called, sorted. */
  public List<String> callees() {
    return List.copyOf(new TreeSet<>(callees));
  }

  /**
   * When the requests a service serves started (see {@code TrafficSummary}); null when unknown, because a day
   * stored before tables v2 was merged in. Empty for operations.
   */
  public CallTimeline served() {
    return servedKnown ? served : null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpanStats s && spans == s.spans && spansWeighted == s.spansWeighted
        && requests.equals(s.requests) && errorSpans == s.errorSpans && traces == s.traces
        && selfTime.equals(s.selfTime) && callers.equals(s.callers) && callees.equals(s.callees)
        && java.util.Objects.equals(served(), s.served());
  }

  @Override
  public int hashCode() {
    return Long.hashCode(spans) * 31 + Long.hashCode(traces);
  }

  @Override
  public String toString() {
    return "SpanStats(spans=" + spans + ", requests=" + requests() + ", errors=" + errors() + ", traces=" + traces
        + ")";
  }
}
