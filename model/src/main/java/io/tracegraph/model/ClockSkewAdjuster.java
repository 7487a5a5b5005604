package io.tracegraph.model;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Corrects clock skew between processes the way Jaeger's clock-skew adjuster does, before any timing analysis. A
 * span's clock is its process's; a child in another process (another service, or the server side of a call) whose
 * raw times do not fit inside its parent's (already adjusted) times was measured on a clock that is off. The child
 * is then shifted, with every span of its process below it:
 * <ul>
 *   <li>a child no longer than its parent is centred in it (the network time split evenly between request and
 *       response);</li>
 *   <li>a longer child that starts before its parent is aligned on the parent's start; a longer child that starts
 *       after it is left alone;</li>
 *   <li>asynchronous hops (a CONSUMER child, or any child of a PRODUCER) may end after their parent by design: they
 *       are only moved when they start before it (a message cannot be handled before it is sent).</li>
 * </ul>
 * A shift larger than {@code maxSkew} is not applied (as in Jaeger: such a gap is not skew but something else) and is
 * counted as {@link AdjustedTrace.Skew#NOT_APPLIED}; {@code maxSkew} 0 turns adjustment off. Orphans and spans cut
 * from parent cycles hang under a span that is not their parent, so they are never compared with it.
 */
public final class ClockSkewAdjuster implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The default bound of a shift, {@code --max-skew 1s}. */
  public static final Duration DEFAULT_MAX_SKEW = Duration.ofSeconds(1);

  private final long maxSkewNanos;

  public ClockSkewAdjuster(Duration maxSkew) {
    Objects.requireNonNull(maxSkew, "maxSkew == null");
    if (maxSkew.isNegative()) throw new IllegalArgumentException("maxSkew must not be negative: " + maxSkew);
    this.maxSkewNanos = maxSkew.toNanos();
  }

  /** Adjustment on, bounded by {@link #DEFAULT_MAX_SKEW}. */
  public static ClockSkewAdjuster withDefaults() {
    return new ClockSkewAdjuster(DEFAULT_MAX_SKEW);
  }

  public boolean enabled() {
    return maxSkewNanos > 0;
  }

  public long maxSkewNanos() {
    return maxSkewNanos;
  }

  /** The trace as arrays, times adjusted (the tree and its spans are not changed). */
  public AdjustedTrace adjust(TraceTree tree) {
    return AdjustedTrace.of(tree, this);
  }

  /** True when the child runs on a clock of its own: another service, or the far side of a call. */
  static boolean newClock(Span parent, Span child) {
    if (!parent.service().equals(child.service())) return true;
    boolean callerSide = parent.kind() == SpanKind.CLIENT || parent.kind() == SpanKind.PRODUCER;
    boolean calleeSide = child.kind() == SpanKind.SERVER || child.kind() == SpanKind.CONSUMER;
    return callerSide && calleeSide;
  }

  /**
   * The shift (nanoseconds, signed) that places {@code child}'s raw times inside its parent's adjusted times
   * {@code [parentStart, parentEnd]}; 0 when it fits or cannot be placed (Jaeger's {@code calculateSkew}).
   */
  static long skewOf(Span parent, long parentStart, long parentEnd, Span child) {
    long childStart = child.startNanos();
    long childEnd = child.endNanos();
    boolean async = child.kind() == SpanKind.CONSUMER || parent.kind() == SpanKind.PRODUCER;
    if (async) return childStart < parentStart ? parentStart - childStart : 0;
    long childDuration = childEnd - childStart;
    long parentDuration = parentEnd - parentStart;
    if (childDuration > parentDuration) return childStart < parentStart ? parentStart - childStart : 0;
    if (childStart >= parentStart && childEnd <= parentEnd) return 0;
    long latency = (parentDuration - childDuration) / 2; // network time, split evenly
    return parentStart + latency - childStart;
  }
}
