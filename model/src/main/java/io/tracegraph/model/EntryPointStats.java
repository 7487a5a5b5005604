package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requests entering at one root (service, operation), mergeable: how many, how many failed, how long the root
 * span took, and the calls they caused downstream, per called service or peer. "Checkout traffic doubles" becomes
 * "load on each service" through {@link Downstream#calls()} / {@link #requests()}.
 */
public final class EntryPointStats implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Calls into one service or peer caused by the entry point's requests.
   *
   * @param callee the called service or peer
   * @param calls calls into it
   * @param requests requests that called it at least once
   */
  public record Downstream(String callee, long calls, long requests) implements Serializable {}

  private final RequestCounts requests;
  private final Map<String, long[]> downstream; // callee -> {calls, requests}
  // When the requests started (their root spans); unknown when merged from a day stored before tables v2.
  private final CallTimeline timeline;
  private boolean timelineKnown = true;
  private transient List<long[]> touched; // downstream counts reached by the current request

  EntryPointStats() {
    this(new RequestCounts(), new HashMap<>(), new CallTimeline());
  }

  private EntryPointStats(RequestCounts requests, Map<String, long[]> downstream, CallTimeline timeline) {
    this.timeline = timeline;
    this.requests = requests;
    this.downstream = downstream;
  }

  /** Adds one request, its root span and sampling weight (fixed point), of a trace of the given UTC day. */
  void addRequest(Span root, long weight, long dayStartNanos) {
    timeline.add(root.startNanos(), dayStartNanos);
    requests.add(root.durationNanos(), weight, root.error());
  }

  /** Counts one call into {@code callee} made by the current request. */
  void addDownstreamCall(String callee) {
    long[] c = downstream.computeIfAbsent(callee, k -> new long[2]);
    if (touched == null) touched = new ArrayList<>();
    if (c[0]++ == 0 || !touched.contains(c)) { // first call into callee in this request
      c[1]++;
      touched.add(c);
    }
  }

  /** Closes the current request. */
  void endRequest() {
    if (touched != null) touched.clear();
  }

  EntryPointStats merge(EntryPointStats o) {
    requests.merge(o.requests);
    timeline.merge(o.timeline);
    timelineKnown &= o.timelineKnown;
    o.downstream.forEach((callee, c) -> {
      long[] mine = downstream.computeIfAbsent(callee, k -> new long[2]);
      mine[0] += c[0];
      mine[1] += c[1];
    });
    return this;
  }

  /** An entry point's statistics as stored in a table row (for rollups). */
  public static EntryPointStats restore(long requests, long requestsWeighted, long errors, long errorsWeighted,
                                        LatencySketch latency, List<Downstream> downstream,
                                        CallTimeline timeline) {
    Map<String, long[]> map = new HashMap<>();
    for (Downstream d : downstream) map.put(d.callee(), new long[] {d.calls(), d.requests()});
    EntryPointStats e = new EntryPointStats(
        RequestCounts.restore(requests, requestsWeighted, errors, errorsWeighted, latency), map,
        timeline == null ? new CallTimeline() : timeline);
    e.timelineKnown = timeline != null;
    return e;
  }

  public long requests() {
    return requests.count();
  }

  public long requestsWeighted() {
    return requests.weighted();
  }

  /** Requests whose root span failed. */
  public long errors() {
    return requests.errors();
  }

  public long errorsWeighted() {
    return requests.errorsWeighted();
  }

  /** Durations of the root spans. */
  public LatencySketch latency() {
    return requests.latency();
  }

  /** When the requests started; null when unknown (a day stored before tables v2 was merged in). */
  public CallTimeline timeline() {
    return timelineKnown ? timeline : null;
  }

  /** Calls caused downstream, by callee, sorted by callee. */
  public List<Downstream> downstream() {
    List<Downstream> list = new ArrayList<>(downstream.size());
    new TreeMap<>(downstream).forEach((callee, c) -> list.add(new Downstream(callee, c[0], c[1])));
    return list;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EntryPointStats e && requests.equals(e.requests)
        && java.util.Objects.equals(timeline(), e.timeline())
        && downstream().equals(e.downstream());
  }

  @Override
  public int hashCode() {
    return requests.hashCode();
  }

  @Override
  public String toString() {
    return "EntryPointStats(requests=" + requests() + ", errors=" + errors() + ", downstream=" + downstream() + ")";
  }
}
