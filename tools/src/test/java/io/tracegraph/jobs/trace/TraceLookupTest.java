package io.tracegraph.jobs.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.source.SpanFormat;
import io.tracegraph.jobs.source.TraceIdFilter;
import io.tracegraph.model.CompactTrace;
import io.tracegraph.model.TraceId;
import io.tracegraph.tools.bench.SortArchiveCommand;
import io.tracegraph.tools.generate.ImperfectionMode;
import io.tracegraph.tools.generate.TestGeneration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading one trace reads only what it needs: on a day copied sorted by trace_id, the Parquet statistics leave at
 * most three row groups (of over a hundred) in at most two files (of four) that can hold a given trace, and the other
 * files are never opened; on the same rows unsorted, nearly every row group can. Either way the trace read is the
 * same.
 */
class TraceLookupTest extends SparkTestBase {
  static final LocalDate DAY = LocalDate.of(2026, 3, 2);
  static final StageLog QUIET = StageLog.quiet("test");
  @TempDir static Path tmp;
  static Path sorted;
  static Path unsorted;
  static List<String> ids;

  @BeforeAll
  static void writeCopies() {
    Path spans = tmp.resolve("spans");
    TestGeneration.generate(spark(), TestGeneration.options(spans, DAY).spans(12_000).seed(3)
        .imperfections(ImperfectionMode.NONE));
    sorted = tmp.resolve("sorted");
    unsorted = tmp.resolve("unsorted");
    for (Path copy : List.of(sorted, unsorted)) {
      SortArchiveCommand.copy(spark(), spans.toString(), copy.toString(), DAY, 4, 24 * 1024, copy == sorted);
    }
    ids = spark().read().parquet(spans.resolve("_generator/traces").toString()).where("date = '" + DAY + "'")
        .orderBy("trace_id").limit(400).collectAsList().stream().map(r -> r.<String>getAs("trace_id"))
        .filter(id -> Math.floorMod(id.hashCode(), 50) == 0).toList();
  }

  private static TraceIdFilter prune(Path root, String id) throws Exception {
    TraceIdFilter filter = new TraceIdFilter(TraceId.parse(id));
    List<String> files;
    try (Stream<Path> s = Files.list(root.resolve("date=" + DAY))) {
      files = s.filter(p -> p.toString().endsWith(".parquet")).map(p -> p.toUri().toString()).sorted().toList();
    }
    filter.prune(files, "trace_id", false, new Configuration());
    return filter;
  }

  @Test
  void aSortedArchiveSkipsAlmostEverything() throws Exception {
    assertTrue(ids.size() >= 3, "traces to look up: " + ids);
    for (String id : ids) {
      TraceIdFilter s = prune(sorted, id);
      TraceIdFilter u = prune(unsorted, id);
      assertEquals(4, s.filesListed());
      assertTrue(s.rowGroups() >= 40, "small row groups: " + s.summary());
      // The trace's own rows may straddle two row groups; its upper-case spelling (looked for too, for archives that
      // write ids so) sorts between the digits and the lower-case letters, into at most one more (of another file).
      assertTrue(s.filesRead() <= 2, id + " sorted: " + s.summary());
      assertTrue(s.rowGroupsMatching() <= 3, id + " sorted: " + s.summary());
      assertEquals(4, u.filesRead(), id + " unsorted: " + u.summary());
      assertTrue(u.rowGroupsMatching() >= u.rowGroups() * 8 / 10, id + " unsorted: " + u.summary());
    }
  }

  @Test
  void bothCopiesGiveTheSameTrace() {
    String id = ids.get(0);
    TraceReader.Request request = new TraceReader.Request(sorted.toString(), SpanFormat.ARCHIVE, null, DAY,
        Duration.ofHours(1), TraceId.parse(id), Duration.ofSeconds(1), CompactTrace.NO_LIMIT);
    CompactTrace fromSorted = TraceReader.read(spark(), request, QUIET);
    CompactTrace fromUnsorted = TraceReader.read(spark(), new TraceReader.Request(unsorted.toString(),
        SpanFormat.ARCHIVE, null, DAY, Duration.ofHours(1), TraceId.parse(id), Duration.ofSeconds(1),
        CompactTrace.NO_LIMIT), QUIET);
    assertEquals(fromUnsorted, fromSorted);
    Row truth = spark().read().parquet(tmp.resolve("spans/_generator/traces").toString())
        .where("trace_id = '" + id + "'").collectAsList().get(0);
    assertEquals(truth.<Integer>getAs("span_count"), fromSorted.spanCount());
  }
}
