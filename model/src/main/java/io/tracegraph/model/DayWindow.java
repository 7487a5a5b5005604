package io.tracegraph.model;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Which traces a nightly run for one UTC day counts. A trace belongs to the day of its earliest span. The run
 * reads the day's partition plus {@code grace} on either side: the tail of the previous day, to recognise traces
 * that started before midnight (the previous night counted them), and the head of the next day, to complete
 * traces that cross midnight. Traces longer than the grace are cut at its edge.
 */
public record DayWindow(LocalDate day, Duration grace) implements Serializable {
  private static final long NANOS_PER_DAY = 86_400_000_000_000L;

  /** Where a trace falls relative to the day. */
  public enum Placement { PREVIOUS_DAY, THIS_DAY, NEXT_DAY }

  public DayWindow {
    Objects.requireNonNull(day, "day == null");
    Objects.requireNonNull(grace, "grace == null");
    if (grace.isNegative() || grace.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("grace must be between 0 and 24h: " + grace);
    }
  }

  public long dayStartNanos() {
    return day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
  }

  public long dayEndNanos() {
    return dayStartNanos() + NANOS_PER_DAY;
  }

  /** First nanosecond read: the day's start minus the grace. */
  public long readFromNanos() {
    return dayStartNanos() - grace.toNanos();
  }

  /** First nanosecond not read: the day's end plus the grace. */
  public long readUntilNanos() {
    return dayEndNanos() + grace.toNanos();
  }

  public Placement place(long earliestStartNanos) {
    if (earliestStartNanos < dayStartNanos()) return Placement.PREVIOUS_DAY;
    if (earliestStartNanos >= dayEndNanos()) return Placement.NEXT_DAY;
    return Placement.THIS_DAY;
  }
}
