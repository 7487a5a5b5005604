package io.tracegraph.jobs.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.nightly.NightlyRunner;
import io.tracegraph.jobs.tables.ExemplarsTable;
import io.tracegraph.model.CompactTrace;
import io.tracegraph.model.TraceId;
import io.tracegraph.reports.Json;
import io.tracegraph.reports.trace.TraceText;
import io.tracegraph.tools.bench.HugeTraceCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One trace of 20,000 spans in a day (the benchmark's huge-trace input, smaller: scripts/bench --huge-trace runs the
 * million-span one): its exemplar is cut at the report's span limit and says so, the page embeds the cut tree only,
 * and tracegraph trace still prints every span of it from the archive.
 */
class HugeTraceExemplarTest extends SparkTestBase {
  static final LocalDate DAY = LocalDate.of(2026, 1, 15);
  static final int SPANS = 20_000;
  static final String ID = "00000000000000000000000000abcdef";
  @TempDir Path tmp;

  @Test
  void aHugeTraceIsCutInTheReportAndWholeFromTheArchive() throws Exception {
    Path spans = tmp.resolve("spans");
    Path out = tmp.resolve("out");
    HugeTraceCommand.write(spark(), spans.toString(), DAY, SPANS);
    NightlyRunner.run(spark(), spans, out, DAY);

    List<Row> rows = NightlyRunner.table(spark(), out, ExemplarsTable.TABLE.name(), DAY);
    Row slowest = rows.stream().filter(r -> r.getAs("kind").equals("entry_slowest")).findFirst().orElseThrow();
    assertEquals(ID, slowest.getAs("trace_id"));
    assertEquals(SPANS, slowest.<Integer>getAs("span_count"));
    assertEquals(CompactTrace.REPORT_SPAN_LIMIT, slowest.<Integer>getAs("spans_kept"));
    assertTrue(rows.stream().allMatch(r -> r.<Integer>getAs("spans_kept") <= CompactTrace.REPORT_SPAN_LIMIT));

    JsonNode section = Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile())
        .get("exemplars");
    assertEquals(1, section.get("traces").asLong(), "one trace, kept once for all its groups");
    assertEquals(1, section.get("traces_cut").asLong());
    assertEquals(CompactTrace.REPORT_SPAN_LIMIT, section.get("spans_kept").asLong());
    assertEquals(SPANS, section.get("spans_in_traces").asLong());

    String html = Files.readString(NightlyRunner.report(out, DAY, "index.html"));
    assertTrue(html.contains("Showing 1,000 of 20,000 spans"), "the cut is said");
    assertTrue(html.length() < 1_500_000, "the page holds the cut tree only: " + html.length() + " bytes");

    CompactTrace whole = TraceReader.read(spark(), new TraceReader.Request(spans.toString(), null, null, DAY,
        Duration.ofHours(1), TraceId.parse(ID), Duration.ofSeconds(1), CompactTrace.NO_LIMIT),
        StageLog.quiet("test"));
    String text = TraceText.render(whole, null);
    assertEquals(SPANS, text.lines().filter(l -> l.matches(".*\\|[ #=]{40}\\|.*")).count(), "every span, no cut");
  }
}
