package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;

/**
 * Everything known about the calls over one edge ({@link EdgeKey}) in some set of traces, mergeable: counts (observed
 * and estimated from sampling weights), client-side, server-side and gap latencies, when the calls happened, how many
 * calls each trace made, and example traces. Built by {@link TrafficSummary}; restored from a stored table row by
 * {@link #restore} for rollups.
 */
public final class EdgeStats implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private final RequestCounts calls;
  private final LatencySketch client;
  private final LatencySketch server;
  private final LatencySketch gap;
  private final CallTimeline timeline;
  private final CountDistribution callsPerTrace;
  private final TopTraces slowest;
  private final TopTraces latestErrors;
  private transient int callsInTrace; // calls of the trace being added

  EdgeStats() {
    this(new RequestCounts(), new LatencySketch(), new LatencySketch(), new LatencySketch(), new CallTimeline(),
        new CountDistribution(), new TopTraces(), new TopTraces());
  }

  private EdgeStats(RequestCounts calls, LatencySketch client, LatencySketch server, LatencySketch gap,
                    CallTimeline timeline, CountDistribution callsPerTrace, TopTraces slowest,
                    TopTraces latestErrors) {
    this.calls = calls;
    this.client = client;
    this.server = server;
    this.gap = gap;
    this.timeline = timeline;
    this.callsPerTrace = callsPerTrace;
    this.slowest = slowest;
    this.latestErrors = latestErrors;
  }

  /**
   * Adds one call; returns true when it is the trace's first call over this edge (the caller then ends the trace
   * with {@link #endTrace}).
   *
   * @param messaging the gap is the consumer's start minus the producer's end; otherwise client minus server time
   * @param clientSide the CLIENT or PRODUCER span, or null
   * @param serverSide the SERVER or CONSUMER span, or null
   * @param at the span whose rule found the call (times the call when there is no client side)
   * @param weight the call's sampling weight, fixed point
   * @param dayStartNanos the start of the UTC day the trace belongs to
   */
  boolean addCall(boolean messaging, Span clientSide, Span serverSide, Span at, boolean error, long weight,
                  long dayStartNanos, long traceHigh, long traceLow) {
    calls.add(weight, error);
    if (clientSide != null) client.add(clientSide.durationNanos());
    if (serverSide != null) server.add(serverSide.durationNanos());
    long start;
    long endToEnd;
    if (clientSide != null && serverSide != null) {
      gap.add(messaging ? serverSide.startNanos() - clientSide.endNanos()
          : clientSide.durationNanos() - serverSide.durationNanos());
      start = clientSide.startNanos();
      endToEnd = Math.max(clientSide.endNanos(), serverSide.endNanos()) - start;
    } else {
      Span only = clientSide != null ? clientSide : serverSide != null ? serverSide : at;
      start = clientSide != null ? clientSide.startNanos() : at.startNanos();
      endToEnd = only.durationNanos();
    }
    timeline.add(start, dayStartNanos);
    slowest.add(traceHigh, traceLow, endToEnd);
    if (error) latestErrors.add(traceHigh, traceLow, start);
    return callsInTrace++ == 0;
  }

  /** Closes the current trace: one more trace with the edge, and its number of calls. */
  void endTrace() {
    callsPerTrace.add(callsInTrace);
    callsInTrace = 0;
  }

  EdgeStats merge(EdgeStats other) {
    calls.merge(other.calls);
    client.merge(other.client);
    server.merge(other.server);
    gap.merge(other.gap);
    timeline.merge(other.timeline);
    callsPerTrace.merge(other.callsPerTrace);
    slowest.merge(other.slowest);
    latestErrors.merge(other.latestErrors);
    return this;
  }

  /** An edge's statistics as stored in a table row (for rollups). */
  public static EdgeStats restore(long calls, long callsWeighted, long errors, long errorsWeighted, LatencySketch client,
                                  LatencySketch server, LatencySketch gap, CallTimeline timeline,
                                  CountDistribution callsPerTrace, TopTraces slowest, TopTraces latestErrors) {
    return new EdgeStats(RequestCounts.restore(calls, callsWeighted, errors, errorsWeighted), client, server, gap,
        timeline, callsPerTrace, slowest, latestErrors);
  }

  /** The calls over the edge and the failed ones, observed and estimated. */
  public RequestCounts callCounts() {
    return calls;
  }

  public long calls() {
    return calls.count();
  }

  /** Estimated calls (sum of sampling weights), fixed point ({@link SamplingWeight#toDouble}). */
  public long callsWeighted() {
    return calls.weighted();
  }

  public long errors() {
    return calls.errors();
  }

  public long errorsWeighted() {
    return calls.errorsWeighted();
  }

  /** Durations of the client-side spans (CLIENT, PRODUCER). */
  public LatencySketch client() {
    return client;
  }

  /** Durations of the server-side spans (SERVER, CONSUMER). */
  public LatencySketch server() {
    return server;
  }

  /** Client minus server duration (rpc), or consumer start minus producer end (messaging), when both are known. */
  public LatencySketch gap() {
    return gap;
  }

  public CallTimeline timeline() {
    return timeline;
  }

  /** Calls per trace, over the traces with at least one call over the edge. */
  public CountDistribution callsPerTrace() {
    return callsPerTrace;
  }

  /** Traces with at least one call over the edge. */
  public long traces() {
    return callsPerTrace.count();
  }

  /** The traces with the slowest calls (end to end, nanoseconds). */
  public TopTraces slowest() {
    return slowest;
  }

  /** The traces with the latest failed calls (call start, Unix epoch nanoseconds). */
  public TopTraces latestErrors() {
    return latestErrors;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EdgeStats e && calls.equals(e.calls) && client.equals(e.client) && server.equals(e.server)
        && gap.equals(e.gap) && timeline.equals(e.timeline) && callsPerTrace.equals(e.callsPerTrace)
        && slowest.equals(e.slowest) && latestErrors.equals(e.latestErrors);
  }

  @Override
  public int hashCode() {
    return calls.hashCode();
  }

  @Override
  public String toString() {
    return "EdgeStats(calls=" + calls() + ", errors=" + errors() + ", traces=" + traces() + ")";
  }
}
