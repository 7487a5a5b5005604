package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.cli.TracegraphCli;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.model.TestTraces;
import io.tracegraph.reports.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear error naming the file and field, or is dropped and counted; never lost silently. */
class BadInputTest extends SparkTestBase {
  static final LocalDate DAY = DependencyGraphJobTest.DAY;
  static final long T = TestTraces.DAY_START_NANOS + 3_600_000_000_000L;

  @TempDir Path tmp;

  /** Rows with unusable ids or times are dropped and counted by reason; tolerated spellings are counted repairs. */
  @Test
  void dropsAndRepairsAreCountedByReason() throws Exception {
    Path spans = tmp.resolve("spans");
    Path out = tmp.resolve("out");
    String trace = "0af7651916cd43dd8448eb211c80319c";
    List<Row> rows = new ArrayList<>();
    rows.add(ArchiveFixtures.rawRow(trace, "b7ad6b7169203331", null, "frontend", "SPAN_KIND_SERVER", T, T + 100, "STATUS_CODE_ERROR", DAY));
    rows.add(ArchiveFixtures.rawRow(trace.toUpperCase(), "00F067AA0BA902B7", "b7ad6b7169203331", "backend", "2", T + 10, T + 90, "OK", DAY));
    rows.add(ArchiveFixtures.rawRow(trace, "00f067aa0ba902b8", "0000000000000000", "backend", "server", T + 10, T + 90, "Error", DAY));
    rows.add(ArchiveFixtures.rawRow(trace, "00f067aa0ba902b9", "00f067aa0ba902b9", "backend", "weird", T + 10, T + 90, "Failed", DAY));
    rows.add(ArchiveFixtures.rawRow(null, "00f067aa0ba902ba", null, "x", "SERVER", T, T + 1, "OK", DAY));
    rows.add(ArchiveFixtures.rawRow("", "00f067aa0ba902bb", null, "x", "SERVER", T, T + 1, "OK", DAY));
    rows.add(ArchiveFixtures.rawRow("xyz", "00f067aa0ba902bc", null, "x", "SERVER", T, T + 1, "OK", DAY));
    rows.add(ArchiveFixtures.rawRow(trace, "", null, "x", "SERVER", T, T + 1, "OK", DAY));
    rows.add(ArchiveFixtures.rawRow(trace, "not-hex", null, "x", "SERVER", T, T + 1, "OK", DAY));
    rows.add(ArchiveFixtures.rawRow(trace, "00f067aa0ba902bd", null, "x", "SERVER", T + 5, T + 1, "OK", DAY));
    ArchiveFixtures.writeRows(spark(), spans, rows);

    DependencyGraphJob.Result result = NightlyRunner.run(spark(), spans, out, DAY);

    JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile());
    assertEquals(10, run.get("rows_read").asLong());
    JsonNode dropped = run.get("rows_dropped_by_reason");
    assertEquals(2, dropped.get("trace_id_missing").asLong(), "null and empty trace ids");
    assertEquals(1, dropped.get("trace_id_invalid").asLong());
    assertEquals(1, dropped.get("span_id_missing").asLong());
    assertEquals(1, dropped.get("span_id_invalid").asLong());
    assertEquals(1, dropped.get("end_before_start").asLong());
    assertEquals(6, run.get("rows_dropped").asLong());
    JsonNode repairs = run.get("repairs");
    assertEquals(3, repairs.get("kind_spelling").asLong(), "SPAN_KIND_SERVER, 2, server");
    assertEquals(1, repairs.get("kind_unknown").asLong());
    assertEquals(2, repairs.get("status_spelling").asLong(), "STATUS_CODE_ERROR, Error");
    assertEquals(1, repairs.get("status_unknown").asLong());
    assertEquals(1, repairs.get("id_upper_case").asLong());
    assertEquals(1, repairs.get("parent_id_self").asLong());
    // The upper-case trace id is the same trace: frontend → backend from the SERVER child of a SERVER.
    assertEquals(1, run.get("traces").get("traces").asLong());
    assertTrue(result.links().stream().anyMatch(l -> l.parent().equals("frontend") && l.child().equals("backend")));
  }

  /** A file without a required column stops the run before any work, naming the file and the columns. */
  @Test
  void missingRequiredColumnNamesFileAndColumns() throws Exception {
    Path spans = tmp.resolve("spans");
    Path day = Files.createDirectories(spans.resolve("date=" + DAY));
    spark().sql("SELECT 'a' AS trace_id, 'b' AS span_id, 1L AS start_time_unix_nano")
        .coalesce(1).write().parquet(day.resolve("tmp").toString());
    Path file;
    try (var s = Files.list(day.resolve("tmp"))) {
      file = s.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Files.move(file, day.resolve("broken.parquet"));
    deleteTree(day.resolve("tmp"));

    BadInputException e = assertThrows(BadInputException.class,
        () -> NightlyRunner.run(spark(), spans, tmp.resolve("out"), DAY));
    assertTrue(e.getMessage().contains("broken.parquet"), e.getMessage());
    assertTrue(e.getMessage().contains("parent_span_id, service_name, kind, end_time_unix_nano, status_code"),
        e.getMessage());
    assertFalse(Files.exists(tmp.resolve("out/reports")), "nothing written");
  }

  /** An unreadable file stops the run naming it; with --skip-bad-files it is skipped and listed in run.json. */
  @Test
  void unreadableFileStopsUnlessSkipped() throws Exception {
    Path spans = tmp.resolve("spans");
    Path out = tmp.resolve("out");
    ArchiveFixtures.write(spark(), spans, List.of(TestTraces.acceptanceScenarios().get(0).spans()));
    Path junk = spans.resolve("date=" + DAY).resolve("part-junk.parquet");
    Files.writeString(junk, "this is not parquet");

    BadInputException e = assertThrows(BadInputException.class, () -> NightlyRunner.run(spark(), spans, out, DAY));
    assertTrue(e.getMessage().contains("part-junk.parquet") && e.getMessage().contains("--skip-bad-files"),
        e.getMessage());

    var result = NightlyRunner.run(spark(), spans, out, DAY, NightlyOptions.DEFAULT_GRACE, true);
    assertEquals(TestTraces.acceptanceScenarios().get(0).expectedLinks(), result.links());
    JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile());
    assertTrue(run.get("skipped_files").fieldNames().next().endsWith("part-junk.parquet"));
  }

  /** The command line turns bad input into exit code 3 and a one-line message, usage errors into 2. */
  @Test
  void exitCodes() throws Exception {
    PrintStream savedErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(2, TracegraphCli.run("nightly", "--out", tmp.toString()), "missing --spans");
      assertEquals(2, TracegraphCli.run("nightly", "--spans", "x", "--out", "y", "--date", "yesterday"));
      assertEquals(2, TracegraphCli.run("nightly", "--spans", "x", "--out", "y", "--grace", "soon"));
      assertEquals(2, TracegraphCli.run("nightly", "--spans", "x", "--out", "y", "--diff-alpha", "2"));
      assertEquals(2, TracegraphCli.run("nightly", "--spans", "x", "--out", "y", "--diff-call-change", "0"));
      assertEquals(2, TracegraphCli.run("nightly", "--spans", "x", "--out", "y", "--max-skew", "soon"));
      assertEquals(2, TracegraphCli.run("nightly", "--spans", "x", "--out", "y", "--max-skew", "-5ms"));
      assertEquals(2, TracegraphCli.run("nightly", "--spans", "x", "--out", "y", "--max-skew", "2h"));
      assertEquals(0, TracegraphCli.run("nightly", "--help"));
      assertEquals(3, TracegraphCli.run("nightly", "--spans", tmp.resolve("absent").toString(),
          "--out", tmp.resolve("out").toString(), "--date", DAY.toString(), "--master", "local[1]"));
    } finally {
      System.setErr(savedErr);
    }
  }

  static void deleteTree(Path dir) throws Exception {
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
