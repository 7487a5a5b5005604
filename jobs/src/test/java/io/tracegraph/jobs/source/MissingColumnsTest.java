package io.tracegraph.jobs.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.StandardError;
import io.tracegraph.jobs.archive.SpanArchiveSchema;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.nightly.DependencyGraphJob;
import io.tracegraph.jobs.nightly.NightlyOptions;
import io.tracegraph.jobs.nightly.NightlyRunner;
import io.tracegraph.jobs.tables.TrafficTables;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.Span;
import io.tracegraph.model.TestTraces;
import io.tracegraph.model.TrafficScenarios;
import io.tracegraph.reports.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input files without a column, through real nightly runs. An optional column missing still gives exit 0, but never
 * silently: the log warns, run.json lists the column under {@code input_columns_missing} with what could not be
 * computed and the files without it, and the report's run record says it. A required column missing stops the run
 * (exit 3) naming the file and the column. Span archive v1 and ClickHouse exports; Tempo blocks have a fixed schema
 * per vParquet version.
 */
class MissingColumnsTest extends SparkTestBase {
  static final LocalDate DAY = ArchiveFixtures.dayOf(TestTraces.DAY_START_NANOS);
  /** A Redis, a PostgreSQL and a MongoDB, none instrumented: their nodes come from the attributes alone. */
  static final List<Span> SPANS = TrafficScenarios.databases();

  @TempDir Path tmp;

  /** Writes {@link #SPANS} as span archive v1 under {@code root}, without the columns {@code drop}, one more file. */
  private void writeArchive(Path root, int trace, String... drop) {
    List<Row> rows = new ArrayList<>();
    for (Span s : SPANS) rows.add(ArchiveFixtures.row(trace, s));
    spark().createDataFrame(rows, ArchiveFixtures.WITH_DATE).drop(drop).coalesce(1).write().mode("append")
        .partitionBy(SpanArchiveSchema.DATE_PARTITION).parquet(root.toString());
  }

  record Run(DependencyGraphJob.Result result, JsonNode json, String log, String html, Path out) {}

  private Run run(Path spans, SpanFormat format) throws Exception {
    Path out = tmp.resolve("out");
    DependencyGraphJob.Result[] result = new DependencyGraphJob.Result[1];
    String log = StandardError.of(() -> result[0] = NightlyRunner.run(spark(),
        NightlyOptions.builder(spans.toString(), out.toString(), DAY).format(format).build()));
    JsonNode json = Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile());
    String html = Files.readString(NightlyRunner.report(out, DAY, OutputLayout.INDEX_HTML));
    return new Run(result[0], json, log, html, out);
  }

  /** Every file has every column: nothing is reported, and the databases are drawn. */
  @Test
  void completeArchiveReportsNothingMissing() throws Exception {
    Path spans = tmp.resolve("spans");
    writeArchive(spans, 0);
    Run run = run(spans, null);
    assertEquals(0, run.json().get("input_columns_missing").size());
    assertEquals(TrafficScenarios.databaseLinks(), run.result().links());
    assertFalse(run.log().contains("WARNING"), run.log());
    assertFalse(run.html().contains("Optional input columns missing</h3>"));
  }

  /** Without {@code attributes}, the uninstrumented databases are lost, and the run says why. */
  @Test
  void archiveWithoutAttributes() throws Exception {
    Path spans = tmp.resolve("spans");
    writeArchive(spans, 0, SpanArchiveSchema.ATTRIBUTES);
    Run run = run(spans, null);
    assertEquals(List.of(), run.result().links(), "every link of this day leads to an uninstrumented database");
    assertMissing(run, SpanArchiveSchema.ATTRIBUTES, "remote peers of uninstrumented services", 1);
  }

  /** Without {@code name}, the links are whole, the operations have an empty name, and the run says so. */
  @Test
  void archiveWithoutName() throws Exception {
    Path spans = tmp.resolve("spans");
    writeArchive(spans, 0, SpanArchiveSchema.NAME);
    Run run = run(spans, null);
    assertEquals(TrafficScenarios.databaseLinks(), run.result().links());
    assertMissing(run, SpanArchiveSchema.NAME, "operation names", 1);
    for (Row r : NightlyRunner.table(spark(), run.out(), TrafficTables.OPERATIONS, DAY)) {
      assertEquals("", r.getAs("operation"), "no operation name without the column: " + r);
    }
  }

  /** One file of two without {@code attributes}: only that file is listed, and only its trace loses its peers. */
  @Test
  void archiveWithOneFileWithoutAttributes() throws Exception {
    Path spans = tmp.resolve("spans");
    writeArchive(spans, 0);
    writeArchive(spans, 1, SpanArchiveSchema.ATTRIBUTES);
    Run run = run(spans, null);
    assertEquals(TrafficScenarios.databaseLinks(), run.result().links(), "trace 0's calls, not trace 1's");
    assertEquals(2, run.json().get("input_files").size());
    assertMissing(run, SpanArchiveSchema.ATTRIBUTES, "remote peers", 1);
    String without = run.json().get("input_columns_missing").get(0).get("files").get(0).asText();
    List<String> inputs = new ArrayList<>();
    run.json().get("input_files").forEach(f -> inputs.add(f.asText()));
    assertTrue(inputs.contains(without), without + " is an input file");
    assertTrue(run.html().contains("absent from 1 of 2 input files"), "the run record counts the files");
  }

  static List<String> archiveRequired() {
    return SpanArchiveSchema.REQUIRED;
  }

  /** Each required column missing in turn: the run stops naming the file and the column, nothing written. */
  @ParameterizedTest
  @MethodSource("archiveRequired")
  void archiveWithoutARequiredColumnStops(String column) throws Exception {
    Path spans = tmp.resolve("spans");
    writeArchive(spans, 0, column);
    for (SpanFormat format : new SpanFormat[] {SpanFormat.ARCHIVE, null}) { // given, and detected
      BadInputException e = assertThrows(BadInputException.class, () -> NightlyRunner.run(spark(),
          NightlyOptions.builder(spans.toString(), tmp.resolve("out").toString(), DAY).format(format).build()));
      assertTrue(e.getMessage().contains("date=" + DAY + "/part-") && e.getMessage().contains(column),
          "names the file and " + column + ": " + e.getMessage());
      if (format != null || !column.equals(SpanArchiveSchema.TRACE_ID)) {
        assertTrue(e.getMessage().contains("missing required column " + column), e.getMessage());
      }
    }
    assertFalse(Files.exists(tmp.resolve("out/reports")), "nothing written");
  }

  /** A ClickHouse export without SpanAttributes or SpanName: exit 0, reported as for the archive. */
  @ParameterizedTest
  @ValueSource(strings = {ClickHouseSource.ATTRIBUTES, "SpanName"})
  void clickHouseWithoutAnOptionalColumn(String column) throws Exception {
    Path root = Files.createDirectories(tmp.resolve("otel_traces"));
    ClickHouseFixtures.writeMicros(spark(), new org.apache.hadoop.fs.Path(root.resolve("export-1").toString()),
        clickHouseRows(), column);
    Run run = run(root, null);
    assertEquals("clickhouse", run.json().get("format").asText());
    boolean attributes = column.equals(ClickHouseSource.ATTRIBUTES);
    assertEquals(attributes ? List.<DependencyLink>of() : TrafficScenarios.databaseLinks(), run.result().links());
    assertMissing(run, column, attributes ? "remote peers" : "operation names", 1);
  }

  /** Each required column of a ClickHouse export missing in turn: exit 3 naming the file and the column. */
  @ParameterizedTest
  @MethodSource("clickHouseRequired")
  void clickHouseWithoutARequiredColumnStops(String column) throws Exception {
    Path root = Files.createDirectories(tmp.resolve("otel_traces"));
    ClickHouseFixtures.writeMicros(spark(), new org.apache.hadoop.fs.Path(root.resolve("export-1").toString()),
        clickHouseRows(), column);
    BadInputException e = assertThrows(BadInputException.class, () -> NightlyRunner.run(spark(),
        NightlyOptions.builder(root.toString(), tmp.resolve("out").toString(), DAY).format(SpanFormat.CLICKHOUSE)
            .build()));
    assertTrue(e.getMessage().contains("export-1/part-") && e.getMessage().contains("missing required column " + column),
        e.getMessage());
  }

  static List<String> clickHouseRequired() {
    return ClickHouseSource.REQUIRED;
  }

  private static List<Map.Entry<String, Span>> clickHouseRows() {
    List<Map.Entry<String, Span>> rows = new ArrayList<>();
    for (Span s : SPANS) rows.add(Map.entry(TestTraces.traceIdHex(90), s));
    return rows;
  }

  /** The column is listed once, in run.json, the log (a warning) and the report's run record. */
  private static void assertMissing(Run run, String column, String lost, int files) {
    JsonNode missing = run.json().get("input_columns_missing");
    assertEquals(1, missing.size(), missing.toString());
    assertEquals(column, missing.get(0).get("column").asText());
    assertTrue(missing.get(0).get("cannot_compute").asText().contains(lost), missing.toString());
    assertEquals(files, missing.get(0).get("files").size());
    assertTrue(run.log().contains("WARNING: column " + column + " is absent from " + files + " of "), run.log());
    assertTrue(run.html().contains("<h3>Optional input columns missing</h3>")
        && run.html().contains("<code>" + column + "</code>"), "the report's run record names " + column);
  }
}
