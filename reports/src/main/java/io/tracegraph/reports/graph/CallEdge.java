package io.tracegraph.reports.graph;

import java.util.Objects;

/**
 * An edge of the service graph: an identity object carrying the edge's statistics, as JGraphT expects (two edges
 * with the same endpoints and counts are still two edges; equality never depends on the endpoints). Never a record.
 */
public final class CallEdge {
  private final CallStats stats;

  CallEdge(CallStats stats) {
    this.stats = Objects.requireNonNull(stats, "stats == null");
  }

  public CallStats stats() {
    return stats;
  }

  public String parent() {
    return stats.parent();
  }

  public String child() {
    return stats.child();
  }

  public long calls() {
    return stats.calls();
  }

  public long errors() {
    return stats.errors();
  }

  @Override
  public String toString() {
    return stats.parent() + " -> " + stats.child() + " (" + stats.calls() + " calls, " + stats.errors() + " errors)";
  }
}
