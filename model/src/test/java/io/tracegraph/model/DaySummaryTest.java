package io.tracegraph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Spark folds each partition's traces into a summary and merges the partials in whatever order tasks finish: the
 * result must not depend on how traces are split or merged, and must survive Java serialization.
 */
class DaySummaryTest {
  static final DayWindow WINDOW = new DayWindow(LocalDate.of(2024, 5, 1), Duration.ofHours(1));

  /**
   * A trace left out for its size: its rows, read and kept by countRow, become dropped rows of their own reason, the
   * trace is counted, and merging partial summaries adds both up.
   */
  @Test
  void aTooLargeTraceIsCountedAsDropped() {
    DaySummary a = new DaySummary(WINDOW);
    for (int i = 1; i <= 3; i++) {
      a.countRow(SpanRowParser.parse("0af7651916cd43dd8448eb211c80319c", "00f067aa0ba902b" + i, null, "svc", "op",
          "SERVER", TestTraces.TEN_AM_NANOS, TestTraces.TEN_AM_NANOS + 1, null, null));
    }
    a.dropTooLargeTrace(3);
    assertEquals(3, a.rowsRead());
    assertEquals(3L, a.dropped().get(DropReason.TRACE_TOO_LARGE));
    assertEquals(1L, a.counters().get(TraceCounter.TRACES_TOO_LARGE));
    assertEquals(0L, a.counters().get(TraceCounter.TRACES));
    DaySummary b = new DaySummary(WINDOW).dropTooLargeTrace(5);
    a.merge(b);
    assertEquals(8L, a.dropped().get(DropReason.TRACE_TOO_LARGE));
    assertEquals(2L, a.counters().get(TraceCounter.TRACES_TOO_LARGE));
  }

  @Test
  void anySplitAndMergeOrderGivesTheSameSummary() throws Exception {
    List<RandomTraces.GeneratedTrace> traces = RandomTraces.generate(11, 300);
    DaySummary whole = new DaySummary(WINDOW);
    for (RandomTraces.GeneratedTrace t : traces) add(whole, t);

    Random random = new Random(3);
    for (int round = 0; round < 20; round++) {
      int parts = 1 + random.nextInt(7);
      List<DaySummary> partials = new ArrayList<>();
      for (int p = 0; p < parts; p++) partials.add(new DaySummary(WINDOW));
      for (RandomTraces.GeneratedTrace t : traces) {
        add(partials.get(random.nextInt(parts)), t);
      }
      Collections.shuffle(partials, random);
      DaySummary merged = new DaySummary(WINDOW);
      for (DaySummary partial : partials) merged.merge(roundTrip(partial));
      assertEquals(whole.links(), merged.links(), "round " + round);
      assertEquals(whole.counters(), merged.counters(), "round " + round);
      assertEquals(whole.services(), merged.services(), "round " + round);
      assertEquals(analyses(whole), analyses(merged), "round " + round);
      assertEquals(whole.exemplars(), merged.exemplars(), "round " + round + ": the same example traces, whole");
    }
    java.util.Set<Exemplar.Kind> kinds = java.util.EnumSet.noneOf(Exemplar.Kind.class);
    whole.exemplars().forEach(e -> kinds.add(e.kind()));
    assertEquals(java.util.EnumSet.allOf(Exemplar.Kind.class), kinds, "every kind of exemplar is compared");
    assertEquals(RandomTraces.totalExpectedLinks(traces), whole.links());
    assertEquals(300L, whole.counters().get(TraceCounter.TRACES));
  }

  /** Traces of the neighbouring days are counted as such and add no links. */
  @Test
  void tracesOfOtherDaysAreCountedNotLinked() {
    TestTraces.Scenario scenario = TestTraces.acceptanceScenarios().get(0);
    DayWindow nextDay = new DayWindow(WINDOW.day().plusDays(1), Duration.ofHours(1));
    DaySummary summary = new DaySummary(nextDay).addTrace(TraceTree.build(new ArrayList<>(scenario.spans())));
    assertEquals(List.of(), summary.links());
    Map<TraceCounter, Long> counters = summary.counters();
    assertEquals(1L, counters.get(TraceCounter.TRACES_OF_PREVIOUS_DAY));
    assertEquals(0L, counters.get(TraceCounter.TRACES));
  }

  /**
   * The report tells instrumented services from uninstrumented peers by who wrote spans: the services of the day's
   * traces are listed (peers named only in attributes are not), and traces of a neighbouring day add none.
   */
  @Test
  void servicesAreThoseThatWroteSpansInTheDaysTraces() {
    List<RandomTraces.GeneratedTrace> traces = RandomTraces.generate(5, 50);
    DaySummary summary = new DaySummary(WINDOW);
    java.util.Set<String> expected = new java.util.TreeSet<>();
    for (RandomTraces.GeneratedTrace t : traces) {
      summary.addTrace(TraceTree.build(new ArrayList<>(t.spans())));
      // Partial rows without a service are merged into their full row, which names it.
      t.spans().stream().map(Span::service).filter(n -> !n.isEmpty()).forEach(expected::add);
    }
    assertEquals(expected, summary.services());
    assertTrue(java.util.Collections.disjoint(summary.services(), RandomTraces.PEERS), "peers wrote no spans");

    TestTraces.Scenario scenario = TestTraces.acceptanceScenarios().get(0);
    DaySummary nextDay = new DaySummary(new DayWindow(WINDOW.day().plusDays(1), Duration.ofHours(1)));
    nextDay.addTrace(TraceTree.build(new ArrayList<>(scenario.spans())));
    assertEquals(java.util.Set.of(), nextDay.services());
  }

  @Test
  void summariesOfDifferentDaysDoNotMerge() {
    DaySummary other = new DaySummary(new DayWindow(WINDOW.day().plusDays(1), Duration.ofHours(1)));
    assertThrows(IllegalArgumentException.class, () -> new DaySummary(WINDOW).merge(other));
  }

  private static void add(DaySummary summary, RandomTraces.GeneratedTrace t) {
    long high = HexIds.traceHigh(t.traceIdHex());
    long low = HexIds.traceLow(t.traceIdHex());
    summary.addTrace(high, low, TraceTree.build(high, low, new ArrayList<>(t.spans())));
  }

  /** Every row and total of the trace analyses, as text (quality rows hold arrays). */
  static String analyses(DaySummary summary) {
    TraceAnalyses a = summary.analyses();
    StringBuilder text = new StringBuilder();
    text.append(a.errors().pathRows()).append(a.errors().serviceRows()).append(a.errors().totals());
    text.append(a.criticalPaths().rows()).append(a.criticalPaths().totals());
    for (TraceQuality.PairRow r : a.quality().rows()) text.append(r.pair()).append(Arrays.toString(r.counts()));
    text.append(a.quality().totals()).append(a.quality().shapeRows());
    return text.toString();
  }

  /** With --links-only the analyses stay empty and the links are unchanged. */
  @Test
  void linksOnlySkipsTheAnalyses() {
    List<RandomTraces.GeneratedTrace> traces = RandomTraces.generate(4, 50);
    DaySummary all = new DaySummary(WINDOW);
    DaySummary linksOnly = new DaySummary(WINDOW, new TraceAnalyses.Options(Duration.ofSeconds(1), true));
    for (RandomTraces.GeneratedTrace t : traces) {
      add(all, t);
      add(linksOnly, t);
    }
    assertEquals(all.links(), linksOnly.links());
    assertEquals(0L, linksOnly.analyses().quality().totals().get("traces"));
    assertEquals(50L, all.analyses().quality().totals().get("traces"));
    assertEquals(List.of(), linksOnly.analyses().criticalPaths().rows());
  }

  private static DaySummary roundTrip(DaySummary summary) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(summary);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (DaySummary) in.readObject();
    }
  }
}
