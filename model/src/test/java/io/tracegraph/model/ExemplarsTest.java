package io.tracegraph.model;

import static io.tracegraph.model.SpanKind.INTERNAL;
import static io.tracegraph.model.SpanKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The day's example traces follow their rules exactly, checked against an oracle that applies the rules to the whole
 * day directly: the slowest trace per entry point, the sampled trace nearest its median, one failed trace per error
 * path, the traces of every edge's slowest calls. {@link DaySummaryTest} checks that any split and merge order gives
 * the same selection; here, what is selected, and that memory stays bounded.
 */
class ExemplarsTest {
  private static final DayWindow WINDOW = DaySummaryTest.WINDOW;
  private static final ClockSkewAdjuster ADJUSTER = ClockSkewAdjuster.withDefaults();

  private record Day(List<TraceId> ids, List<TraceTree> trees, DaySummary summary) {}

  private static Day day(int count, long seed) {
    List<TraceId> ids = new ArrayList<>();
    List<TraceTree> trees = new ArrayList<>();
    DaySummary summary = new DaySummary(WINDOW);
    for (RandomTraces.GeneratedTrace t : RandomTraces.generate(seed, count)) {
      TraceId id = TraceId.parse(t.traceIdHex());
      ids.add(id);
      trees.add(TraceTree.build(id.high(), id.low(), new ArrayList<>(t.spans())));
      summary.addTrace(id.high(), id.low(), TraceTree.build(id.high(), id.low(), new ArrayList<>(t.spans())));
    }
    return new Day(ids, trees, summary);
  }

  @Test
  void eachExemplarIsTheOneItsRuleNames() {
    Day day = day(400, 21);
    List<Exemplar> exemplars = day.summary().exemplars();

    // The oracle: the rules applied to the whole day at once.
    Map<EntryPointKey, List<Integer>> byEntry = new TreeMap<>(EntryPointKey.ORDER);
    Map<ErrorOrigins.ErrorPath, List<Integer>> byPath = new HashMap<>();
    for (int i = 0; i < day.trees().size(); i++) {
      AdjustedTrace t = ADJUSTER.adjust(day.trees().get(i));
      if (t.hasSingleRoot() && t.span(0).hasService()) { // a nameless root is no one's entry point
        byEntry.computeIfAbsent(new EntryPointKey(t.span(0).service(), t.span(0).name()), k -> new ArrayList<>()).add(i);
      }
      for (ErrorOrigins.Origin o : ErrorOrigins.originsOf(t)) {
        List<Integer> traces = byPath.computeIfAbsent(ErrorOrigins.ErrorPath.of(o), k -> new ArrayList<>());
        if (!traces.contains(i)) traces.add(i);
      }
    }
    Map<String, TraceId> expected = new TreeMap<>();
    byEntry.forEach((entry, traces) -> {
      Comparator<Integer> slowestFirst = Comparator.comparingLong((Integer i) -> -rootDuration(day.trees().get(i)))
          .thenComparing(i -> day.ids().get(i));
      expected.put("entry_slowest " + entry, day.ids().get(traces.stream().min(slowestFirst).orElseThrow()));
      List<Integer> sample = traces.stream().sorted(byHash(day)).limit(Exemplars.BASELINE_CANDIDATES).toList();
      long p50 = Math.round(day.summary().traffic().entryPoints().get(entry).latency().quantileNanos(0.5));
      int nearest = sample.get(0);
      for (int i : sample) {
        if (Math.abs(rootDuration(day.trees().get(i)) - p50) < Math.abs(rootDuration(day.trees().get(nearest)) - p50)) {
          nearest = i;
        }
      }
      expected.put("entry_p50 " + entry, day.ids().get(nearest));
    });
    byPath.forEach((path, traces) ->
        expected.put("error_origin " + path, day.ids().get(traces.stream().min(byHash(day)).orElseThrow())));
    day.summary().traffic().edges().forEach((edge, stats) -> {
      int rank = 0;
      for (TopTraces.Example e : stats.slowest().examples()) {
        expected.put("edge_slowest " + edge + " " + ++rank, new TraceId(e.traceHigh(), e.traceLow()));
      }
    });

    Map<String, TraceId> actual = new TreeMap<>();
    for (Exemplar e : exemplars) {
      String group = switch (e.kind()) {
        case ENTRY_SLOWEST, ENTRY_P50 -> e.kind().key() + " " + e.entry();
        case ERROR_ORIGIN -> "error_origin " + e.errorPath();
        case EDGE_SLOWEST -> "edge_slowest " + e.edge() + " " + e.rank();
      };
      actual.put(group, e.traceId());
    }
    assertEquals(expected, actual);
    assertTrue(byEntry.size() >= 3 && byPath.size() >= 10, "the day has entry points and error paths to choose from");
  }

  /** The baseline is a typical request: over a day of one entry point it lies near the middle of the durations. */
  @Test
  void theBaselineLiesNearTheMedian() {
    DaySummary summary = new DaySummary(WINDOW);
    List<Long> durations = new ArrayList<>();
    for (int i = 1; i <= 2000; i++) {
      long millis = 10 + (i * 7919L) % 1000; // 10..1009 ms, each once, in a scrambled order
      durations.add(millis);
      TraceId id = new TraceId(0, 0x1000 + i);
      List<Span> spans = new ArrayList<>(List.of(
          new Span(TestTraces.spanId(i, 1), 0, "shop", "GET /", SERVER, t(0), t(millis), false, null),
          new Span(TestTraces.spanId(i, 2), TestTraces.spanId(i, 1), "shop", "render", INTERNAL, t(1), t(millis - 1),
              false, null)));
      summary.addTrace(id.high(), id.low(), TraceTree.build(id.high(), id.low(), spans));
    }
    Exemplar baseline = summary.exemplars().stream().filter(e -> e.kind() == Exemplar.Kind.ENTRY_P50).findFirst()
        .orElseThrow();
    durations.sort(null);
    long chosen = baseline.trace().durationNanos() / 1_000_000;
    int rank = durations.indexOf(chosen);
    assertTrue(Math.abs(rank - 1000) <= 200, "rank " + rank + " of 2000 (" + chosen + " ms)");
    assertEquals(509, baseline.entryP50Nanos() / 1_000_000, 6, "the p50 it was chosen for, within the sketch's 1%");
    Exemplar slowest = summary.exemplars().get(0);
    assertEquals(Exemplar.Kind.ENTRY_SLOWEST, slowest.kind());
    assertEquals(1009, slowest.trace().durationNanos() / 1_000_000);
  }

  /**
   * Memory is bounded by the number of groups, not of traces: after thousands of traces the trees held are at most
   * 17 per entry point, one per error path and three per edge (the edge pool is pruned as it doubles), and a huge trace
   * costs only the cut.
   */
  @Test
  void memoryIsBoundedByTheGroupsAndTheCut() {
    Day day = day(3000, 5);
    DaySummary s = day.summary();
    Exemplars kept = s.analyses().exemplars();
    int entries = s.traffic().entryPoints().size();
    int paths = s.analyses().errors().pathRows().size();
    int edges = s.traffic().edges().size();
    s.exemplars(); // prunes the edge pool to exactly the edges' slowest traces
    assertTrue(kept.treesHeld() <= entries * (1 + Exemplars.BASELINE_CANDIDATES) + paths + TopTraces.LIMIT * edges,
        kept.treesHeld() + " trees for " + entries + " entry points, " + paths + " paths, " + edges + " edges");

    // One trace of 20,000 spans in the same day: it is the slowest of its entry point and costs the cut only.
    List<Span> huge = new ArrayList<>();
    huge.add(new Span(TestTraces.spanId(9, 0), 0, "batch", "nightly export", SERVER, t(0), t(60_000), false, null));
    for (int i = 1; i < 20_000; i++) {
      huge.add(new Span(TestTraces.spanId(9, i), TestTraces.spanId(9, (i - 1) / 4), "batch", "chunk", INTERNAL, t(1),
          t(59_000), false, null));
    }
    s.addTrace(0, 99, TraceTree.build(0, 99, huge));
    Exemplar hugeSlowest = s.exemplars().stream()
        .filter(e -> e.kind() == Exemplar.Kind.ENTRY_SLOWEST && e.entry().service().equals("batch")).findFirst()
        .orElseThrow();
    assertEquals(20_000, hugeSlowest.trace().spanCount());
    assertEquals(CompactTrace.REPORT_SPAN_LIMIT, hugeSlowest.trace().size());
    assertTrue(kept.spansHeld() <= (long) kept.treesHeld() * CompactTrace.REPORT_SPAN_LIMIT);
  }

  /** Every exemplar's tree is there and is its trace: the ids agree, and an error exemplar holds its path's origin. */
  @Test
  void errorExemplarsShowTheirPath() {
    Day day = day(300, 8);
    int errors = 0;
    for (Exemplar e : day.summary().exemplars()) {
      assertNotNull(e.trace());
      if (e.kind() != Exemplar.Kind.ERROR_ORIGIN) continue;
      errors++;
      CompactTrace c = e.trace();
      Set<String> origins = new HashSet<>();
      for (int k : c.indexesWith(CompactTrace.ORIGIN)) { // a path names a nameless service as null
        origins.add((c.service(k).isEmpty() ? null : c.service(k)) + "/" + c.name(k));
      }
      assertTrue(origins.contains(e.errorPath().originService() + "/" + e.errorPath().originOperation()),
          e.errorPath() + " in " + origins);
    }
    assertTrue(errors > 5);
  }

  private static Comparator<Integer> byHash(Day day) {
    return Comparator.comparing((Integer i) -> day.ids().get(i).stableHash(), Long::compareUnsigned)
        .thenComparing(i -> day.ids().get(i));
  }

  private static long rootDuration(TraceTree tree) {
    return tree.root().span().durationNanos();
  }

  private static long t(long millis) {
    return TestTraces.TEN_AM_NANOS + millis * 1_000_000L;
  }
}
