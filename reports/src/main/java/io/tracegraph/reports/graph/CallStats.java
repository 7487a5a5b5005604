package io.tracegraph.reports.graph;

import java.util.Comparator;
import java.util.Objects;

/**
 * What the day's output knows about the calls from one service (or uninstrumented peer) to another: the statistics a
 * {@link CallEdge} of the service graph carries (not to be confused with the model's {@code EdgeStats}, the mergeable
 * traffic state behind the {@code edges} table). Call and error counts always exist (the dependency links); latency
 * and calls per hour are filled in when the edges table of the latency job is available, and are {@code null} until
 * then.
 *
 * @param parent the caller
 * @param child the callee
 * @param calls calls in the day
 * @param errors failed calls among them
 * @param latency call latency percentiles, or {@code null} when not measured
 * @param callsPerHour calls in each UTC hour of the day, or {@code null} when not measured
 */
public record CallStats(String parent, String child, long calls, long errors, EdgeLatency latency,
                        HourlyCounts callsPerHour) {
  /** The order of every edge listing: by parent, then child. */
  public static final Comparator<CallStats> ORDER =
      Comparator.comparing(CallStats::parent).thenComparing(CallStats::child);

  public CallStats {
    Objects.requireNonNull(parent, "parent == null");
    Objects.requireNonNull(child, "child == null");
    if (calls < 0 || errors < 0 || errors > calls) {
      throw new IllegalArgumentException("edge " + parent + " -> " + child + ": calls=" + calls + " errors=" + errors);
    }
  }

  /** Counts only: what the dependency links give. */
  public static CallStats of(String parent, String child, long calls, long errors) {
    return new CallStats(parent, child, calls, errors, null, null);
  }

  /** The median call latency in microseconds, or {@code null} when not measured. */
  public Long p50Micros() {
    return latency == null ? null : latency.p50Micros();
  }

  /** The 99th percentile call latency in microseconds, or {@code null} when not measured. */
  public Long p99Micros() {
    return latency == null ? null : latency.p99Micros();
  }

  /** Failed calls over calls; 0 for an edge without calls. */
  public double errorRate() {
    return calls == 0 ? 0 : errors / (double) calls;
  }

  public boolean isSelfCall() {
    return parent.equals(child);
  }
}
