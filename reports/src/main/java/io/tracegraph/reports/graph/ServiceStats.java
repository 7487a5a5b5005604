package io.tracegraph.reports.graph;

import java.util.Objects;

/**
 * What the day's output knows about one vertex of the graph beyond its edges. Whether it is instrumented (wrote
 * spans) is known from the nightly run; the rest comes from the services and entry-points tables of the latency job
 * and is {@code null} (or false) until then.
 *
 * @param name the service or peer name, as in the spans
 * @param kind instrumented service, uninstrumented peer, or unknown (older outputs)
 * @param traces the day's traces that touch the service (its reach, as a count), or {@code null}
 * @param selfTimeMicros total time spent in the service's own spans minus their children, or {@code null}
 * @param entryPoint true when traces start at this service (a root span), as the entry-points table says
 */
public record ServiceStats(String name, NodeKind kind, Long traces, Long selfTimeMicros, boolean entryPoint) {
  public ServiceStats {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(kind, "kind == null");
    if (traces != null && traces < 0) throw new IllegalArgumentException(name + ": traces=" + traces);
    if (selfTimeMicros != null && selfTimeMicros < 0) {
      throw new IllegalArgumentException(name + ": selfTimeMicros=" + selfTimeMicros);
    }
  }

  /** A vertex known only by its kind. */
  public static ServiceStats of(String name, NodeKind kind) {
    return new ServiceStats(name, kind, null, null, false);
  }
}
