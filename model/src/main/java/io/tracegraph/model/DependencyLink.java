package io.tracegraph.model;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * Calls from one service (or uninstrumented peer) to another over a period, as Zipkin's {@code DependencyLink}:
 * how many calls, and how many of them failed.
 */
public record DependencyLink(String parent, String child, long callCount, long errorCount) implements Serializable {
  /** The order of every link listing: by parent, then child. */
  public static final Comparator<DependencyLink> ORDER =
      Comparator.comparing(DependencyLink::parent).thenComparing(DependencyLink::child);

  public DependencyLink {
    Objects.requireNonNull(parent, "parent == null");
    Objects.requireNonNull(child, "child == null");
    if (callCount < 0 || errorCount < 0 || errorCount > callCount) {
      throw new IllegalArgumentException("counts: calls=" + callCount + " errors=" + errorCount);
    }
  }

  /** The sum of two counts of the same link. */
  public DependencyLink plus(DependencyLink other) {
    if (!parent.equals(other.parent) || !child.equals(other.child)) {
      throw new IllegalArgumentException("different links: " + this + " + " + other);
    }
    return new DependencyLink(parent, child, callCount + other.callCount, errorCount + other.errorCount);
  }
}
