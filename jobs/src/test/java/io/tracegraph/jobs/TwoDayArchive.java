package io.tracegraph.jobs;

import io.tracegraph.model.Span;
import io.tracegraph.model.TestTraces;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A small two-day span archive for end-to-end runs elsewhere than on one local disk (a bucket, a standalone
 * cluster), whose output is compared with a local run's: every acceptance scenario (errors, databases, messaging,
 * missing roots, orphans) several times a day, each copy a minute later, and on the second day also a few new
 * services, so the second day's diff has something to report. A few hundred rows: seconds to analyse.
 */
public final class TwoDayArchive {
  public static final LocalDate FIRST = ArchiveFixtures.dayOf(TestTraces.DAY_START_NANOS);
  public static final LocalDate SECOND = FIRST.plusDays(1);
  private static final long MINUTE_NANOS = 60_000_000_000L;
  private static final long DAY_NANOS = 86_400_000_000_000L;

  private TwoDayArchive() {}

  /** Writes both days under {@code root} (span archive v1, date partitions). */
  public static void write(SparkSession spark, Path root) {
    List<Row> rows = new ArrayList<>();
    int trace = 0;
    for (int copy = 0; copy < 6; copy++) { // day 1: six copies of each scenario
      for (TestTraces.Scenario s : TestTraces.acceptanceScenarios()) {
        for (Span span : s.spans()) rows.add(ArchiveFixtures.row(trace, shifted(span, copy * MINUTE_NANOS)));
        trace++;
      }
    }
    for (int copy = 0; copy < 4; copy++) { // day 2: four copies, and chains to new services
      for (TestTraces.Scenario s : TestTraces.acceptanceScenarios()) {
        for (Span span : s.spans()) {
          rows.add(ArchiveFixtures.row(trace, shifted(span, DAY_NANOS + copy * MINUTE_NANOS)));
        }
        trace++;
      }
    }
    for (List<Span> chain : TestTraces.chains(5)) {
      for (Span span : chain) rows.add(ArchiveFixtures.row(trace, shifted(span, DAY_NANOS)));
      trace++;
    }
    ArchiveFixtures.writeRows(spark, root, rows);
  }

  private static Span shifted(Span s, long nanos) {
    return new Span(s.spanId(), s.parentId(), s.service(), s.name(), s.kind(), s.startNanos() + nanos,
        s.endNanos() + nanos, s.error(), s.peer(), s.peerIsDatabase(), s.destination(), s.samplingWeight());
  }
}
