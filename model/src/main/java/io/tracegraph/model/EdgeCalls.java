package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;

/**
 * The calls over one edge of a graph in some set of traces, mergeable: how many (observed and estimated from sampling
 * weights) and how many failed, the client-side, server-side and gap latencies, how many calls each trace made, and
 * example traces. The service graph's edges ({@link EdgeStats}, which adds when the calls happened) and the operation
 * graph's ({@link OperationGraph}) count their calls with it, so the two agree call for call.
 */
public final class EdgeCalls implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private long calls;
  private long callsWeighted; // fixed point, SamplingWeight
  private long errors;
  private long errorsWeighted;
  private final LatencySketch client;
  private final LatencySketch server;
  private final LatencySketch gap;
  private final CountDistribution callsPerTrace;
  private final TopTraces slowest;
  private final TopTraces latestErrors;
  private transient int callsInTrace; // calls of the trace being added

  EdgeCalls() {
    this(new LatencySketch(), new LatencySketch(), new LatencySketch(), new CountDistribution(), new TopTraces(),
        new TopTraces());
  }

  private EdgeCalls(LatencySketch client, LatencySketch server, LatencySketch gap, CountDistribution callsPerTrace,
                    TopTraces slowest, TopTraces latestErrors) {
    this.client = client;
    this.server = server;
    this.gap = gap;
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
   */
  boolean add(boolean messaging, Span clientSide, Span serverSide, Span at, boolean error, long weight,
              long traceHigh, long traceLow) {
    calls++;
    callsWeighted += weight;
    if (error) {
      errors++;
      errorsWeighted += weight;
    }
    if (clientSide != null) client.add(clientSide.durationNanos());
    if (serverSide != null) server.add(serverSide.durationNanos());
    long endToEnd;
    if (clientSide != null && serverSide != null) {
      gap.add(messaging ? serverSide.startNanos() - clientSide.endNanos()
          : clientSide.durationNanos() - serverSide.durationNanos());
      endToEnd = Math.max(clientSide.endNanos(), serverSide.endNanos()) - clientSide.startNanos();
    } else {
      endToEnd = (clientSide != null ? clientSide : serverSide != null ? serverSide : at).durationNanos();
    }
    long start = startNanos(clientSide, at);
    slowest.add(traceHigh, traceLow, endToEnd);
    if (error) latestErrors.add(traceHigh, traceLow, start);
    return callsInTrace++ == 0;
  }

  /** When a call happens: the start of its client side, else of the span that found it. */
  static long startNanos(Span clientSide, Span at) {
    return clientSide != null ? clientSide.startNanos() : at.startNanos();
  }

  /** Closes the current trace: one more trace with the edge, and its number of calls. */
  void endTrace() {
    callsPerTrace.add(callsInTrace);
    callsInTrace = 0;
  }

  EdgeCalls merge(EdgeCalls other) {
    calls += other.calls;
    callsWeighted += other.callsWeighted;
    errors += other.errors;
    errorsWeighted += other.errorsWeighted;
    client.merge(other.client);
    server.merge(other.server);
    gap.merge(other.gap);
    callsPerTrace.merge(other.callsPerTrace);
    slowest.merge(other.slowest);
    latestErrors.merge(other.latestErrors);
    return this;
  }

  /** The calls of an edge as stored in a table row (for rollups). */
  public static EdgeCalls restore(long calls, long callsWeighted, long errors, long errorsWeighted,
                                  LatencySketch client, LatencySketch server, LatencySketch gap,
                                  CountDistribution callsPerTrace, TopTraces slowest, TopTraces latestErrors) {
    EdgeCalls c = new EdgeCalls(client, server, gap, callsPerTrace, slowest, latestErrors);
    c.calls = calls;
    c.callsWeighted = callsWeighted;
    c.errors = errors;
    c.errorsWeighted = errorsWeighted;
    return c;
  }

  public long calls() {
    return calls;
  }

  /** Estimated calls (sum of sampling weights), fixed point ({@link SamplingWeight#toDouble}). */
  public long callsWeighted() {
    return callsWeighted;
  }

  public long errors() {
    return errors;
  }

  public long errorsWeighted() {
    return errorsWeighted;
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
    return o instanceof EdgeCalls e && calls == e.calls && callsWeighted == e.callsWeighted && errors == e.errors
        && errorsWeighted == e.errorsWeighted && client.equals(e.client) && server.equals(e.server)
        && gap.equals(e.gap) && callsPerTrace.equals(e.callsPerTrace) && slowest.equals(e.slowest)
        && latestErrors.equals(e.latestErrors);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(calls) * 31 + Long.hashCode(errors);
  }

  @Override
  public String toString() {
    return "EdgeCalls(calls=" + calls + ", errors=" + errors + ", traces=" + traces() + ")";
  }
}
