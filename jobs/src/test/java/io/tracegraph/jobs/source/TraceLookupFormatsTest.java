package io.tracegraph.jobs.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.NotFoundException;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.trace.TraceReader;
import io.tracegraph.model.CompactTrace;
import io.tracegraph.model.Span;
import io.tracegraph.model.TestTraces;
import io.tracegraph.model.TraceId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tracegraph trace} reads one trace from every input the nightly job reads, not only span archives: a
 * ClickHouse export (each trace's spans split between the nanosecond and the microsecond export shapes) and a Tempo
 * backend (each trace split between a vParquet4 and a vParquet5 block, Tempo's binary trace ids). The files hold
 * every acceptance scenario; a trace looked up comes back whole, with exactly its own spans, the one whose id has
 * leading zero bytes included; an id that no file holds is not found, and the message says where it looked.
 */
class TraceLookupFormatsTest extends SparkTestBase {
  static final LocalDate DAY = ArchiveFixtures.dayOf(TestTraces.DAY_START_NANOS);
  static final StageLog QUIET = StageLog.quiet("test");
  static final String ABSENT = "00000000000000000000000000abcdef";

  @TempDir Path tmp;

  private static CompactTrace read(Path root, SpanFormat format, String id) {
    return TraceReader.read(spark(), new TraceReader.Request(root.toString(), format, null, DAY, Duration.ofHours(1),
        TraceId.parse(id), Duration.ofSeconds(1), CompactTrace.NO_LIMIT), QUIET);
  }

  private static void assertEveryTraceWholeAndAnAbsentOneNotFound(Path root, SpanFormat format) {
    List<Scenarios.Trace> all = Scenarios.traces();
    // Three lookups (each is a Spark job): the id with leading zero bytes, and two traces the files hold among others.
    for (Scenarios.Trace t : List.of(all.get(0), all.get(all.size() / 2), all.get(all.size() - 1))) {
      CompactTrace c = read(root, format, t.traceId());
      assertEquals(t.traceId(), c.id().hex());
      TreeSet<Long> expected = new TreeSet<>();
      for (Span s : t.spans()) expected.add(s.spanId());
      TreeSet<Long> got = new TreeSet<>();
      for (int k = 0; k < c.size(); k++) got.add(c.spanId(k));
      assertEquals(expected, got, format.key() + ": the spans of trace " + t.traceId());
      assertEquals(c.size(), c.spanCount(), "nothing cut");
    }
    NotFoundException e = assertThrows(NotFoundException.class, () -> read(root, format, ABSENT));
    assertTrue(e.getMessage().contains("no span of trace " + ABSENT + " in " + root + " (" + format.key() + ")"),
        e.getMessage());
  }

  @Test
  void aClickHouseExportInBothShapes() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("otel_traces"));
    List<Map.Entry<String, Span>> even = new ArrayList<>();
    List<Map.Entry<String, Span>> odd = new ArrayList<>();
    int i = 0;
    for (Scenarios.Trace t : Scenarios.traces()) {
      for (Span s : t.spans()) (i++ % 2 == 0 ? even : odd).add(new AbstractMap.SimpleEntry<>(t.traceId(), s));
    }
    ClickHouseFixtures.writeNanos(new org.apache.hadoop.fs.Path(root.resolve("export-0.parquet").toString()), even);
    ClickHouseFixtures.writeMicros(spark(), new org.apache.hadoop.fs.Path(root.resolve("export-1").toString()), odd);
    assertEveryTraceWholeAndAnAbsentOneNotFound(root, SpanFormat.CLICKHOUSE);
  }

  @Test
  void aTempoBackendWithTracesSplitBetweenBlocks() throws Exception {
    List<TempoFixtures.TraceSpan> a = new ArrayList<>();
    List<TempoFixtures.TraceSpan> b = new ArrayList<>();
    int i = 0;
    for (Scenarios.Trace t : Scenarios.traces()) {
      for (Span s : t.spans()) (i++ % 2 == 0 ? a : b).add(new TempoFixtures.TraceSpan(t.traceId(), s));
    }
    Path tenant = tmp.resolve("tempo/single-tenant");
    Path v4 = tenant.resolve("0a000000-0000-4000-8000-00000000000a");
    Path v5 = tenant.resolve("0b000000-0000-4000-8000-00000000000b");
    TempoFixtures.writeV4(spark(), v4, a, null);
    TempoFixtures.writeMeta(v4, "vParquet4", a, "[]", false);
    TempoFixtures.writeV5(v5, b, null);
    TempoFixtures.writeMeta(v5, "vParquet5", b, "[]", false);
    assertEveryTraceWholeAndAnAbsentOneNotFound(tmp.resolve("tempo"), SpanFormat.TEMPO);
  }
}
