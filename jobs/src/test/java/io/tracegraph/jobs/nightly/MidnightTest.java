package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.Span;
import io.tracegraph.model.TestTraces;
import io.tracegraph.reports.Json;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each trace belongs to the UTC day of its earliest span, so a series of nightly runs counts every trace exactly
 * once, including traces that cross midnight (their later spans sit in the next day's partition).
 */
class MidnightTest extends SparkTestBase {
  static final long HOUR = 3_600_000_000_000L;
  static final long DAY_NANOS = 24 * HOUR;

  @TempDir Path tmp;

  @Test
  void aSeriesOfNightsCountsEveryTraceOnce() throws Exception {
    LocalDate first = ArchiveFixtures.dayOf(TestTraces.DAY_START_NANOS);
    List<List<Span>> traces = new ArrayList<>();
    // Three days of chains web → app → db, ten per day at noon, plus one per midnight starting 1 s before it and
    // whose db call lands after midnight, and one starting exactly at midnight.
    List<List<Span>> chains = TestTraces.chains(50);
    int next = 0;
    for (int d = 0; d < 3; d++) {
      long dayStart = TestTraces.DAY_START_NANOS + d * DAY_NANOS;
      for (int i = 0; i < 10; i++) traces.add(shift(chains.get(next++), dayStart + 12 * HOUR + i));
      traces.add(shift(chains.get(next++), dayStart + DAY_NANOS - 1_000_000_000L));
      traces.add(shift(chains.get(next++), dayStart + DAY_NANOS));
    }
    Path spans = tmp.resolve("spans");
    ArchiveFixtures.write(spark(), spans, traces);

    long callsCounted = 0;
    long tracesCounted = 0;
    for (int d = 0; d < 3; d++) {
      LocalDate day = first.plusDays(d);
      Path out = tmp.resolve("out");
      for (DependencyLink link : NightlyRunner.run(spark(), spans, out, day).links()) callsCounted += link.callCount();
      JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, day, OutputLayout.RUN_JSON).toFile());
      tracesCounted += run.get("traces").get("traces").asLong();
      if (d > 0) assertEquals(1, run.get("traces").get("traces_of_previous_day").asLong(), "day " + d);
    }
    // The last day's 1-s-before-midnight trace belongs to day 3; the one at day 3's midnight too: not run here.
    assertEquals(traces.size() - 1, tracesCounted);
    assertEquals(2L * (traces.size() - 1), callsCounted, "two links per chain, each counted once");
  }

  /** Moves a trace so that it starts at {@code start}, its last span past the first by 1.5 s. */
  private static List<Span> shift(List<Span> trace, long start) {
    long earliest = trace.stream().mapToLong(Span::startNanos).min().orElseThrow();
    List<Span> moved = new ArrayList<>();
    for (Span s : trace) {
      long offset = s.startNanos() - earliest + (s.hasParent() && s.peer() != null ? 1_500_000_000L : 0);
      long duration = s.hasParent() ? s.durationNanos() : s.durationNanos() + 2_000_000_000L;
      moved.add(new Span(s.spanId(), s.parentId(), s.service(), s.name(), s.kind(), start + offset,
          start + offset + duration, s.error(), s.peer()));
    }
    return moved;
  }
}
