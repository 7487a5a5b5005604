package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * When calls happen: counts per hour of the UTC day (24) and per minute, from which the busiest minute comes.
 * A call counts in the hour and minute it starts, clamped into the UTC day its trace belongs to (the few calls of a
 * trace that crosses midnight and start after it count in the day's last minute), so different days never share a
 * minute and the busiest minute of a range is the largest of its days' busiest minutes.
 *
 * <p>Per-minute counts are kept only for the span of minutes that saw calls. A timeline restored from a stored day
 * ({@link #restore}) has no minutes, only that day's busiest minute; merging keeps the larger busiest minute.
 *
 * <p>A timeline can be <b>unknown</b> ({@link #unknown}): calls were counted but not timed, as on a day stored before
 * tables v2. Merging an unknown timeline into another makes that one unknown too, so a range with such a day has
 * no timeline rather than a wrong one; an unknown timeline has no hours and no busiest minute to give.
 */
public final class CallTimeline implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  public static final long NANOS_PER_MINUTE = 60_000_000_000L;
  public static final long NANOS_PER_HOUR = 3_600_000_000_000L;
  public static final long NANOS_PER_DAY = 86_400_000_000_000L;
  public static final int MINUTES_PER_DAY = 1440;

  /** A minute (Unix epoch minute: epoch seconds / 60) and the calls that started in it. */
  public record BusyMinute(long epochMinute, long calls) implements Serializable {
    /** More calls wins; equal calls, the earlier minute. */
    static BusyMinute busier(BusyMinute a, BusyMinute b) {
      if (a == null) return b;
      if (b == null) return a;
      if (a.calls != b.calls) return a.calls > b.calls ? a : b;
      return a.epochMinute <= b.epochMinute ? a : b;
    }
  }

  private final long[] hours = new long[24];
  private long firstMinute; // epoch minute of minutes[0]
  private long[] minutes; // null until the first call
  private BusyMinute stored; // the busiest minute of stored days merged in
  private boolean unknown; // some calls merged in were not timed

  /** The UTC day (its first nanosecond) that a trace starting at {@code earliestStartNanos} belongs to. */
  public static long dayStartOf(long earliestStartNanos) {
    return Math.floorDiv(earliestStartNanos, NANOS_PER_DAY) * NANOS_PER_DAY;
  }

  /** Counts one call starting at {@code startNanos} of a trace of the day starting at {@code dayStartNanos}. */
  public CallTimeline add(long startNanos, long dayStartNanos) {
    long t = Math.max(dayStartNanos, Math.min(dayStartNanos + NANOS_PER_DAY - 1, startNanos));
    hours[(int) ((t - dayStartNanos) / NANOS_PER_HOUR)]++;
    addMinute(Math.floorDiv(t, NANOS_PER_MINUTE), 1);
    return this;
  }

  private void addMinute(long minute, long calls) {
    if (minutes == null) {
      firstMinute = minute;
      minutes = new long[64];
    } else if (minute < firstMinute || minute >= firstMinute + minutes.length) {
      long from = Math.min(firstMinute, minute);
      long to = Math.max(firstMinute + minutes.length, minute + 1);
      long size = Math.max(to - from, Math.min(MINUTES_PER_DAY, 2L * minutes.length));
      if (size > Integer.MAX_VALUE - 8) throw new IllegalStateException("calls spread over too many minutes");
      long[] grown = new long[(int) size];
      System.arraycopy(minutes, 0, grown, (int) (firstMinute - from), minutes.length);
      minutes = grown;
      firstMinute = from;
    }
    minutes[(int) (minute - firstMinute)] += calls;
  }

  /** The timeline of calls that were not timed (a day stored before tables v2). */
  public static CallTimeline unknown() {
    CallTimeline t = new CallTimeline();
    t.unknown = true;
    return t;
  }

  /** False when some of the calls were not timed (see {@link #unknown}). */
  public boolean isKnown() {
    return !unknown;
  }

  /** Adds another timeline of other calls; an unknown one makes this one unknown. */
  public CallTimeline merge(CallTimeline other) {
    unknown |= other.unknown;
    for (int h = 0; h < 24; h++) hours[h] += other.hours[h];
    if (other.minutes != null) {
      for (int i = 0; i < other.minutes.length; i++) {
        if (other.minutes[i] != 0) addMinute(other.firstMinute + i, other.minutes[i]);
      }
    }
    stored = BusyMinute.busier(stored, other.stored);
    return this;
  }

  /** A timeline of a stored day or range: its hourly counts and busiest minute (null when it had no calls). */
  public static CallTimeline restore(long[] hours, BusyMinute busiest) {
    if (hours.length != 24) throw new IllegalArgumentException("24 hourly counts expected, got " + hours.length);
    CallTimeline t = new CallTimeline();
    System.arraycopy(hours, 0, t.hours, 0, 24);
    t.stored = busiest;
    return t;
  }

  /** Calls per hour of the UTC day, 0 to 23. */
  public long[] hours() {
    requireKnown();
    return hours.clone();
  }

  /** The minute with the most calls (the earliest such minute); null when there were no calls. */
  public BusyMinute busiest() {
    requireKnown();
    BusyMinute best = null;
    if (minutes != null) {
      for (int i = 0; i < minutes.length; i++) {
        if (minutes[i] != 0 && (best == null || minutes[i] > best.calls())) {
          best = new BusyMinute(firstMinute + i, minutes[i]);
        }
      }
    }
    return BusyMinute.busier(best, stored);
  }

  private void requireKnown() {
    if (unknown) throw new IllegalStateException("unknown timeline: some calls were not timed");
  }

  /** Equal when both are unknown, or both known with the same hours and busiest minute. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CallTimeline other) || unknown != other.unknown) return false;
    return unknown || Arrays.equals(hours, other.hours) && java.util.Objects.equals(busiest(), other.busiest());
  }

  @Override
  public int hashCode() {
    return unknown ? -1 : Arrays.hashCode(hours);
  }

  @Override
  public String toString() {
    if (unknown) return "CallTimeline(unknown)";
    return "CallTimeline(hours=" + Arrays.toString(hours) + ", busiest=" + busiest() + ")";
  }
}
