package io.tracegraph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.model.DayWindow.Placement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Which traces a nightly run counts: a trace belongs to the UTC day of its earliest span. */
class DayWindowTest {
  private static final LocalDate MAY_1 = LocalDate.of(2024, 5, 1);
  private static final DayWindow WINDOW = new DayWindow(MAY_1, Duration.ofHours(2));

  private static long nanos(String instant) {
    Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  @Test
  void dayBoundsAreUtcMidnights() {
    assertEquals(nanos("2024-05-01T00:00:00Z"), WINDOW.dayStartNanos());
    assertEquals(TestTraces.DAY_START_NANOS, WINDOW.dayStartNanos());
    assertEquals(nanos("2024-05-02T00:00:00Z"), WINDOW.dayEndNanos());
  }

  /** The read window is the day plus the grace on both sides: the previous night's tail and the next day's head. */
  @Test
  void readWindowIsDayPlusMinusGrace() {
    assertEquals(nanos("2024-04-30T22:00:00Z"), WINDOW.readFromNanos());
    assertEquals(nanos("2024-05-02T02:00:00Z"), WINDOW.readUntilNanos());
    DayWindow noGrace = new DayWindow(MAY_1, Duration.ZERO);
    assertEquals(noGrace.dayStartNanos(), noGrace.readFromNanos());
    assertEquals(noGrace.dayEndNanos(), noGrace.readUntilNanos());
    DayWindow fullDay = new DayWindow(MAY_1, Duration.ofDays(1));
    assertEquals(nanos("2024-04-30T00:00:00Z"), fullDay.readFromNanos());
    assertEquals(nanos("2024-05-03T00:00:00Z"), fullDay.readUntilNanos());
  }

  /** Traces that started before midnight were counted by the previous night's run. */
  @Test
  void earliestStartBeforeTheDay() {
    assertEquals(Placement.PREVIOUS_DAY, WINDOW.place(nanos("2024-04-30T23:59:59.999999999Z")));
    assertEquals(Placement.PREVIOUS_DAY, WINDOW.place(nanos("2024-04-30T22:00:00Z")));
    assertEquals(Placement.PREVIOUS_DAY, WINDOW.place(nanos("2024-04-29T12:00:00Z")));
  }

  /** The day is [00:00, 24:00): midnight belongs to the day it starts. */
  @Test
  void earliestStartInTheDay() {
    assertEquals(Placement.THIS_DAY, WINDOW.place(nanos("2024-05-01T00:00:00Z")));
    assertEquals(Placement.THIS_DAY, WINDOW.place(TestTraces.TEN_AM_NANOS));
    assertEquals(Placement.THIS_DAY, WINDOW.place(nanos("2024-05-01T23:59:59.999999999Z")));
  }

  /** Traces starting at or after the next midnight belong to the next night's run. */
  @Test
  void earliestStartAfterTheDay() {
    assertEquals(Placement.NEXT_DAY, WINDOW.place(nanos("2024-05-02T00:00:00Z")));
    assertEquals(Placement.NEXT_DAY, WINDOW.place(nanos("2024-05-02T01:59:59Z")));
  }

  @Test
  void fixtureTracesAllBelongToTheDay() {
    for (TestTraces.Scenario s : TestTraces.acceptanceScenarios()) {
      long earliest = s.spans().stream().mapToLong(Span::startNanos).min().orElseThrow();
      assertEquals(Placement.THIS_DAY, WINDOW.place(earliest), s.name());
    }
  }

  @Test
  void graceMustBeBetweenZeroAndOneDay() {
    assertThrows(IllegalArgumentException.class, () -> new DayWindow(MAY_1, Duration.ofNanos(-1)));
    assertThrows(IllegalArgumentException.class, () -> new DayWindow(MAY_1, Duration.ofDays(1).plusNanos(1)));
    NullPointerException day = assertThrows(NullPointerException.class, () -> new DayWindow(null, Duration.ZERO));
    assertTrue(day.getMessage().contains("day"));
    NullPointerException grace = assertThrows(NullPointerException.class, () -> new DayWindow(MAY_1, null));
    assertTrue(grace.getMessage().contains("grace"));
  }
}
