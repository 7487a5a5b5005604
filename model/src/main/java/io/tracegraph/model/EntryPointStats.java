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
 * span took, when they started, and the calls they caused downstream, per called service or peer. A request is a
 * trace with this root; it fails when the root span fails. "Checkout traffic doubles" becomes "load on each
 * service" through {@link Downstream#calls()} / {@link #requests()}.
 */
public final class EntryPointStats implements RequestGroup, Serializable {
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
  private final LatencySketch latency; // of the root spans
  private final Map<String, long[]> downstream; // callee -> {calls, requests}
  private final CallTimeline timeline; // when the requests started (their root spans)
  private transient List<long[]> touched; // downstream counts reached by the current request

  EntryPointStats() {
    this(new RequestCounts(), new LatencySketch(), new HashMap<>(), new CallTimeline());
  }

  private EntryPointStats(RequestCounts requests, LatencySketch latency, Map<String, long[]> downstream,
                          CallTimeline timeline) {
    this.requests = requests;
    this.latency = latency;
    this.downstream = downstream;
    this.timeline = timeline;
  }

  /** Adds one request, its root span and sampling weight (fixed point), of a trace of the given UTC day. */
  void addRequest(Span root, long weight, long dayStartNanos) {
    timeline.add(root.startNanos(), dayStartNanos);
    requests.add(weight, root.error());
    latency.add(root.durationNanos());
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
    latency.merge(o.latency);
    timeline.merge(o.timeline);
    o.downstream.forEach((callee, c) -> {
      long[] mine = downstream.computeIfAbsent(callee, k -> new long[2]);
      mine[0] += c[0];
      mine[1] += c[1];
    });
    return this;
  }

  /**
   * An entry point's statistics as stored in a table row (for rollups); {@code timeline} null when the row has none
   * (a day stored before tables v2).
   */
  public static EntryPointStats restore(long requests, long requestsWeighted, long errors, long errorsWeighted,
                                        LatencySketch latency, List<Downstream> downstream,
                                        CallTimeline timeline) {
    Map<String, long[]> map = new HashMap<>();
    for (Downstream d : downstream) map.put(d.callee(), new long[] {d.calls(), d.requests()});
    return new EntryPointStats(RequestCounts.restore(requests, requestsWeighted, errors, errorsWeighted), latency,
        map, timeline == null ? CallTimeline.unknown() : timeline);
  }

  @Override
  public RequestCounts requestCounts() {
    return requests;
  }

  /** Durations of the root spans. */
  @Override
  public LatencySketch latency() {
    return latency;
  }

  /** When the requests started; null when unknown (a day stored before tables v2 was merged in). */
  public CallTimeline timeline() {
    return timeline.isKnown() ? timeline : null;
  }

  /** Calls caused downstream, by callee, sorted by callee. */
  public List<Downstream> downstream() {
    List<Downstream> list = new ArrayList<>(downstream.size());
    new TreeMap<>(downstream).forEach((callee, c) -> list.add(new Downstream(callee, c[0], c[1])));
    return list;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EntryPointStats e && requests.equals(e.requests) && latency.equals(e.latency)
        && timeline.equals(e.timeline) && downstream().equals(e.downstream());
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
