package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;

/**
 * Everything known about the calls over one edge ({@link EdgeKey}) in some set of traces, mergeable: the calls
 * ({@link EdgeCalls}: counts observed and estimated from sampling weights, client-side, server-side and gap
 * latencies, calls per trace, example traces) and when they happened ({@link CallTimeline}). Built by
 * {@link TrafficSummary}; restored from a stored table row by {@link #restore} for rollups.
 */
public final class EdgeStats implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private final EdgeCalls calls;
  private final CallTimeline timeline;

  EdgeStats() {
    this(new EdgeCalls(), new CallTimeline());
  }

  private EdgeStats(EdgeCalls calls, CallTimeline timeline) {
    this.calls = calls;
    this.timeline = timeline;
  }

  /**
   * Adds one call; returns true when it is the trace's first call over this edge (the caller then ends the trace
   * with {@link #endTrace}). See {@link EdgeCalls#add} for the parameters.
   *
   * @param dayStartNanos the start of the UTC day the trace belongs to
   */
  boolean addCall(boolean messaging, Span clientSide, Span serverSide, Span at, boolean error, long weight,
                  long dayStartNanos, long traceHigh, long traceLow) {
    timeline.add(EdgeCalls.startNanos(clientSide, at), dayStartNanos);
    return calls.add(messaging, clientSide, serverSide, at, error, weight, traceHigh, traceLow);
  }

  /** Closes the current trace: one more trace with the edge, and its number of calls. */
  void endTrace() {
    calls.endTrace();
  }

  EdgeStats merge(EdgeStats other) {
    calls.merge(other.calls);
    timeline.merge(other.timeline);
    return this;
  }

  /** An edge's statistics as stored in a table row (for rollups). */
  public static EdgeStats restore(long calls, long callsWeighted, long errors, long errorsWeighted, LatencySketch client,
                                  LatencySketch server, LatencySketch gap, CallTimeline timeline,
                                  CountDistribution callsPerTrace, TopTraces slowest, TopTraces latestErrors) {
    return new EdgeStats(EdgeCalls.restore(calls, callsWeighted, errors, errorsWeighted, client, server, gap,
        callsPerTrace, slowest, latestErrors), timeline);
  }

  /** An edge's statistics as stored in a table row: its calls and their timeline (for rollups). */
  public static EdgeStats restore(EdgeCalls calls, CallTimeline timeline) {
    return new EdgeStats(calls, timeline);
  }

  /** The calls over the edge: counts, latencies, calls per trace, examples. */
  public EdgeCalls callStats() {
    return calls;
  }

  public long calls() {
    return calls.calls();
  }

  /** Estimated calls (sum of sampling weights), fixed point ({@link SamplingWeight#toDouble}). */
  public long callsWeighted() {
    return calls.callsWeighted();
  }

  public long errors() {
    return calls.errors();
  }

  public long errorsWeighted() {
    return calls.errorsWeighted();
  }

  /** Durations of the client-side spans (CLIENT, PRODUCER). */
  public LatencySketch client() {
    return calls.client();
  }

  /** Durations of the server-side spans (SERVER, CONSUMER). */
  public LatencySketch server() {
    return calls.server();
  }

  /** Client minus server duration (rpc), or consumer start minus producer end (messaging), when both are known. */
  public LatencySketch gap() {
    return calls.gap();
  }

  public CallTimeline timeline() {
    return timeline;
  }

  /** Calls per trace, over the traces with at least one call over the edge. */
  public CountDistribution callsPerTrace() {
    return calls.callsPerTrace();
  }

  /** Traces with at least one call over the edge. */
  public long traces() {
    return calls.traces();
  }

  /** The traces with the slowest calls (end to end, nanoseconds). */
  public TopTraces slowest() {
    return calls.slowest();
  }

  /** The traces with the latest failed calls (call start, Unix epoch nanoseconds). */
  public TopTraces latestErrors() {
    return calls.latestErrors();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EdgeStats e && calls.equals(e.calls) && timeline.equals(e.timeline);
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
