package io.tracegraph.jobs.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.nightly.DatabaseEdges;
import io.tracegraph.jobs.nightly.DependencyGraphJob;
import io.tracegraph.jobs.nightly.NightlyOptions;
import io.tracegraph.jobs.nightly.NightlyRunner;
import io.tracegraph.model.Span;
import io.tracegraph.model.TestTraces;
import io.tracegraph.model.TrafficScenarios;
import io.tracegraph.reports.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly job reading Parquet exports of ClickHouse's {@code otel_traces} ({@code --format clickhouse}). */
class ClickHouseSourceTest extends SparkTestBase {
  static final LocalDate DAY = ArchiveFixtures.dayOf(TestTraces.DAY_START_NANOS);

  @TempDir Path tmp;

  /** Every span of the scenarios, alternately in the two export shapes, so each trace spans both. */
  private static List<List<Map.Entry<String, Span>>> split() {
    List<Map.Entry<String, Span>> even = new ArrayList<>();
    List<Map.Entry<String, Span>> odd = new ArrayList<>();
    int i = 0;
    for (Scenarios.Trace t : Scenarios.traces()) {
      for (Span s : t.spans()) (i++ % 2 == 0 ? even : odd).add(new AbstractMap.SimpleEntry<>(t.traceId(), s));
    }
    return List.of(even, odd);
  }

  /**
   * The acceptance scenarios, each trace's spans split between a TIMESTAMP(NANOS)/UInt64 export and a
   * microsecond/Int64 one, with every spelling of kind and status the exporter versions used, give exactly the
   * scenarios' links: the columns are mapped the same whatever the export. The format is detected from the columns.
   */
  @Test
  void scenariosThroughBothExportShapesGiveTheirLinks() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("otel_traces"));
    var parts = split();
    ClickHouseFixtures.writeNanos(new org.apache.hadoop.fs.Path(root.resolve("export-0.parquet").toString()), parts.get(0));
    ClickHouseFixtures.writeMicros(spark(), new org.apache.hadoop.fs.Path(root.resolve("export-1").toString()), parts.get(1));
    Path out = tmp.resolve("out");

    DependencyGraphJob.Result result = NightlyRunner.run(spark(),
        NightlyOptions.of(root.toString(), out.toString(), DAY));

    assertEquals(Scenarios.expectedLinks(), result.links());
    JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile());
    assertEquals("clickhouse", run.get("format").asText());
    assertEquals(parts.get(0).size() + parts.get(1).size(), run.get("rows_read").asLong());
    assertEquals(0, run.get("rows_dropped").asLong());
    assertEquals(2, run.get("input_files").size());
    assertTrue(run.get("repairs").get("kind_spelling").asLong() > 0, "SPAN_KIND_ and Pascal/lower spellings read");
  }

  /** A date-partitioned export is read by partition: a file of another day is not even opened. */
  @Test
  void partitionedExportReadsOnlyTheDaysPartitions() throws Exception {
    Path root = tmp.resolve("partitioned");
    Path day = Files.createDirectories(root.resolve("date=" + DAY));
    var parts = split();
    List<Map.Entry<String, Span>> all = new ArrayList<>(parts.get(0));
    all.addAll(parts.get(1));
    ClickHouseFixtures.writeNanos(new org.apache.hadoop.fs.Path(day.resolve("all.parquet").toString()), all);
    Path far = Files.createDirectories(root.resolve("date=" + DAY.plusDays(7)));
    Files.writeString(far.resolve("junk.parquet"), "not parquet: would stop the run if it were read");

    DependencyGraphJob.Result result = NightlyRunner.run(spark(), NightlyOptions.builder(root.toString(),
        tmp.resolve("out").toString(), DAY).format(SpanFormat.CLICKHOUSE).build());

    assertEquals(Scenarios.expectedLinks(), result.links());
    assertEquals(1, result.report().inputFiles().size());
  }

  /** A file without the columns of otel_traces stops the run before any work, naming the file and the columns. */
  @Test
  void missingColumnsNameFileAndColumns() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("bad"));
    spark().sql("SELECT 'abc' AS TraceId, 'Server' AS SpanKind, 1L AS Duration").coalesce(1).write()
        .parquet(root.resolve("export").toString());

    BadInputException e = assertThrows(BadInputException.class, () -> NightlyRunner.run(spark(), NightlyOptions.of(root.toString(), tmp.resolve("out").toString(), DAY)));
    assertTrue(e.getMessage().contains("export/part-") && e.getMessage().contains(
        "SpanId, ParentSpanId, ServiceName, Timestamp, StatusCode"), e.getMessage());
    assertTrue(!Files.exists(tmp.resolve("out/reports")), "nothing written");
  }

  /**
   * Databases in a ClickHouse export, named as instrumentation names them (db.system.name, db.namespace), split over
   * both export shapes: nodes named by the system, each namespace its own database edge, as with every other source.
   */
  @Test
  void databasesAreNamedBySystemWithTheirNamespaces() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("otel_traces_db"));
    List<Map.Entry<String, Span>> even = new ArrayList<>();
    List<Map.Entry<String, Span>> odd = new ArrayList<>();
    List<Span> spans = TrafficScenarios.databases();
    for (int i = 0; i < spans.size(); i++) (i % 2 == 0 ? even : odd).add(Map.entry(TestTraces.traceIdHex(90), spans.get(i)));
    ClickHouseFixtures.writeNanos(new org.apache.hadoop.fs.Path(root.resolve("export-0.parquet").toString()), even);
    ClickHouseFixtures.writeMicros(spark(), new org.apache.hadoop.fs.Path(root.resolve("export-1").toString()), odd);
    Path out = tmp.resolve("out-db");
    DependencyGraphJob.Result result = NightlyRunner.run(spark(), NightlyOptions.of(root.toString(), out.toString(), DAY));
    DatabaseEdges.assertWritten(spark(), out, DAY, result);
  }
}
