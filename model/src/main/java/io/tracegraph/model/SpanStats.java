package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Statistics of a group of spans, mergeable: the spans of one service, or of one operation. Counts spans (observed
 * and estimated), "requests" with their failures and latency (for a service its SERVER spans, for an operation every
 * span of it), failed spans of any kind, self time (a span's duration not covered by its children), the traces the
 * group appears in, and (for operations) the services calling in and called out. A service also keeps when the
 * requests it serves started ({@link #served()}); an operation keeps no such timeline.
 */
public final class SpanStats implements RequestGroup, Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private long spans;
  private long spansWeighted;
  private final RequestCounts requests;
  private final LatencySketch latency; // of the requests
  private long errorSpans;
  private long traces;
  private final LatencySketch selfTime;
  private final Set<String> callers;
  private final Set<String> callees;
  // When the served requests started (see TrafficSummary); created by the first one, so null for every operation.
  private CallTimeline served;
  private transient boolean inTrace;

  SpanStats() {
    this(new RequestCounts(), new LatencySketch(), new LatencySketch(), new HashSet<>(), new HashSet<>(), null);
  }

  private SpanStats(RequestCounts requests, LatencySketch latency, LatencySketch selfTime, Set<String> callers,
                    Set<String> callees, CallTimeline served) {
    this.requests = requests;
    this.latency = latency;
    this.selfTime = selfTime;
    this.callers = callers;
    this.callees = callees;
    this.served = served;
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
    if (request) {
      requests.add(weight, span.error());
      latency.add(span.durationNanos());
    }
    if (inTrace) return false;
    inTrace = true;
    return true;
  }

  /** Counts one request the group serves, starting at {@code startNanos}, of a trace of the given UTC day. */
  void addServed(long startNanos, long dayStartNanos) {
    servedTimeline().add(startNanos, dayStartNanos);
  }

  private CallTimeline servedTimeline() {
    if (served == null) served = new CallTimeline();
    return served;
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
    latency.merge(o.latency);
    errorSpans += o.errorSpans;
    traces += o.traces;
    selfTime.merge(o.selfTime);
    callers.addAll(o.callers);
    callees.addAll(o.callees);
    if (o.served != null) servedTimeline().merge(o.served);
    return this;
  }

  /**
   * A group's statistics as stored in a table row (for rollups). {@code served}: a service's timeline, null when
   * the row has none (a day stored before tables v2); an operation's is empty.
   */
  public static SpanStats restore(long spans, long spansWeighted, long requests, long requestsWeighted, long errors,
                                  long errorsWeighted, long errorSpans, long traces, LatencySketch latency,
                                  LatencySketch selfTime, List<String> callers, List<String> callees,
                                  CallTimeline served) {
    SpanStats s = new SpanStats(RequestCounts.restore(requests, requestsWeighted, errors, errorsWeighted), latency,
        selfTime, new HashSet<>(callers), new HashSet<>(callees), served == null ? CallTimeline.unknown() : served);
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

  @Override
  public RequestCounts requestCounts() {
    return requests;
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
  @Override
  public LatencySketch latency() {
    return latency;
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
   * stored before tables v2 was merged in. Empty for a group that served none, and for every operation (only
   * services count served requests).
   */
  public CallTimeline served() {
    if (served == null) return new CallTimeline();
    return served.isKnown() ? served : null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpanStats s && spans == s.spans && spansWeighted == s.spansWeighted
        && requests.equals(s.requests) && latency.equals(s.latency) && errorSpans == s.errorSpans && traces == s.traces
        && selfTime.equals(s.selfTime) && callers.equals(s.callers) && callees.equals(s.callees)
        && servedOrEmpty(this).equals(servedOrEmpty(s));
  }

  /** The served timeline, an empty one standing for none (a group without served requests). */
  private static CallTimeline servedOrEmpty(SpanStats s) {
    return s.served == null ? new CallTimeline() : s.served;
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
