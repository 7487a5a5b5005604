package io.tracegraph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The small mergeable parts of the traffic state (calls per trace, example traces, timeline): each must give the same
 * answer however its inputs are ordered, split and merged, because Spark splits a day by partition and rollups merge
 * days.
 */
class MergeableStateTest {
  private static final long DAY = 1_700_000_000L / 86_400 * 86_400 * 1_000_000_000L; // a UTC midnight, nanos

  @Test
  void callsPerTraceIsExact() {
    CountDistribution d = new CountDistribution();
    for (int i = 0; i < 98; i++) d.add(1);
    d.add(7).add(1_000_000);
    assertEquals(100, d.count());
    assertEquals(1, d.quantile(0.5));
    assertEquals(1, d.quantile(0.98), "rank floor(0.98 * 99) = 97: still a 1");
    assertEquals(7, d.quantile(0.99), "rank 98 is the 7");
    assertEquals(1_000_000, d.max());
    assertEquals((98 + 7 + 1_000_000) / 100.0, d.mean());
    assertEquals(List.of(new CountDistribution.Entry(1, 98), new CountDistribution.Entry(7, 1),
        new CountDistribution.Entry(1_000_000, 1)), d.entries());
    CountDistribution split = new CountDistribution().add(1_000_000).add(1, 50);
    split.merge(new CountDistribution().add(7).add(1, 48));
    assertEquals(d, split);
  }

  /** Examples: each trace once with its largest value, ties to the smaller trace id, independent of order. */
  @Test
  void topTracesDependOnlyOnTheValuesOffered() {
    long[][] offers = {{1, 5}, {2, 9}, {1, 12}, {3, 9}, {4, 1}, {5, 9}, {2, 3}, {6, 11}};
    List<long[]> list = new ArrayList<>(List.of(offers));
    Random random = new Random(7);
    List<TopTraces.Example> expected = List.of(new TopTraces.Example(0, 1, 12), new TopTraces.Example(0, 6, 11),
        new TopTraces.Example(0, 2, 9));
    for (int round = 0; round < 50; round++) {
      Collections.shuffle(list, random);
      int cut = random.nextInt(list.size() + 1);
      TopTraces a = new TopTraces();
      TopTraces b = new TopTraces();
      for (int i = 0; i < list.size(); i++) (i < cut ? a : b).add(0, list.get(i)[0], list.get(i)[1]);
      assertEquals(expected, a.merge(b).examples(), "round " + round);
    }
  }

  /** Hours and busiest minute; a call after midnight counts in the trace's own day, in its last minute. */
  @Test
  void timelineCountsHoursAndTheBusiestMinute() {
    long minute = 60_000_000_000L;
    CallTimeline t = new CallTimeline();
    t.add(DAY + 10 * 60 * minute + 5, DAY); // 10:00
    t.add(DAY + 10 * 60 * minute + 59_000_000_000L, DAY); // 10:00
    t.add(DAY + 11 * 60 * minute, DAY); // 11:00
    t.add(DAY + 11 * 60 * minute + 1, DAY); // 11:00
    t.add(DAY + 24 * 60 * minute + 3 * minute, DAY); // next day 00:03 -> 23:59 of this day
    assertEquals(2, t.hours()[10]);
    assertEquals(2, t.hours()[11]);
    assertEquals(1, t.hours()[23]);
    CallTimeline.BusyMinute busiest = t.busiest();
    assertEquals(new CallTimeline.BusyMinute(DAY / minute + 600, 2), busiest, "tie: the earlier minute");
    assertNull(new CallTimeline().busiest());

    CallTimeline other = new CallTimeline();
    for (int i = 0; i < 3; i++) other.add(DAY + 5 * minute, DAY);
    assertEquals(new CallTimeline.BusyMinute(DAY / minute + 5, 3), t.merge(other).busiest());

    CallTimeline stored = CallTimeline.restore(new long[24], new CallTimeline.BusyMinute(DAY / minute + 900, 4));
    assertEquals(new CallTimeline.BusyMinute(DAY / minute + 900, 4), t.merge(stored).busiest(),
        "a stored day's busiest minute takes part in the maximum");
  }

  /**
   * A day stored before tables v2 has no timeline: merged in, in any order, it leaves the whole range unknown rather
   * than a timeline missing that day's calls; an unknown timeline gives no hours or busiest minute to read by mistake.
   */
  @Test
  void anUnknownTimelineMakesTheMergeUnknown() {
    CallTimeline timed = new CallTimeline().add(DAY + 5, DAY);
    CallTimeline merged = new CallTimeline().add(DAY + 7, DAY).merge(CallTimeline.unknown()).merge(timed);
    assertFalse(merged.isKnown());
    assertFalse(CallTimeline.unknown().merge(timed).isKnown());
    assertTrue(timed.isKnown());
    assertEquals(CallTimeline.unknown(), merged, "unknown is unknown, whatever was counted");
    assertEquals(CallTimeline.unknown().hashCode(), merged.hashCode());
    assertNotEquals(new CallTimeline(), CallTimeline.unknown());
    assertThrows(IllegalStateException.class, merged::hours);
    assertThrows(IllegalStateException.class, merged::busiest);
  }

  /** The same for the groups that keep a timeline: the getters say null (unknown), not an empty day. */
  @Test
  void groupsMergedWithADayWithoutTimelineHaveNone() {
    long minute = 60_000_000_000L;
    EntryPointStats entry = new EntryPointStats();
    entry.addRequest(TestTraces.span(1, 0, SpanKind.SERVER, "frontend", 0, 10), SamplingWeight.ONE, DAY);
    assertEquals(1, java.util.Arrays.stream(entry.timeline().hours()).sum());
    EntryPointStats stored = EntryPointStats.restore(3, 3 * SamplingWeight.ONE, 1, SamplingWeight.ONE,
        new LatencySketch(), List.of(), null);
    assertNull(stored.timeline());
    assertNull(entry.merge(stored).timeline());
    assertEquals(4, entry.requests());
    assertEquals(1, entry.errors());

    SpanStats service = new SpanStats();
    service.addServed(DAY + 3 * minute, DAY);
    SpanStats storedService = SpanStats.restore(1, SamplingWeight.ONE, 1, SamplingWeight.ONE, 0, 0, 0, 1,
        new LatencySketch(), new LatencySketch(), List.of(), List.of(), null);
    assertNull(storedService.served());
    assertNull(new SpanStats().merge(storedService).merge(service).served());
  }

  /**
   * Operations count no served requests, so they keep no timeline (not an empty one per operation); served() says
   * empty, and equality does not tell "none" from "empty".
   */
  @Test
  void aGroupThatServedNothingHasAnEmptyTimeline() {
    SpanStats operation = new SpanStats();
    operation.addSpan(TestTraces.span(1, 0, SpanKind.CLIENT, "frontend", 0, 10), SamplingWeight.ONE, 10, true);
    operation.endTrace();
    assertEquals(new CallTimeline(), operation.served());
    assertNull(operation.served().busiest());
    SpanStats restored = SpanStats.restore(1, SamplingWeight.ONE, 1, SamplingWeight.ONE, 0, 0, 0, 1,
        operation.latency(), operation.selfTime(), List.of(), List.of(), new CallTimeline());
    assertEquals(operation, restored);
    assertEquals(1, operation.requestCounts().count());
  }
}
