package io.tracegraph.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.cli.TracegraphCli;
import io.tracegraph.jobs.nightly.DependencyGraphJob;
import io.tracegraph.jobs.nightly.NightlyOptions;
import io.tracegraph.model.TestTraces;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tracegraph sql} over real nightly output: results, formats, and errors that list what exists. */
class SqlCommandTest extends SparkTestBase {
  static final LocalDate DAY = ArchiveFixtures.dayOf(TestTraces.DAY_START_NANOS);

  @TempDir Path tmp;
  Path out;

  @BeforeEach
  void nightlyOutput() {
    Path spans = tmp.resolve("spans");
    out = tmp.resolve("out");
    ArchiveFixtures.write(spark(), spans, TestTraces.chains(3));
    new DependencyGraphJob(NightlyOptions.of(spans.toString(), out.toString(), DAY)).run(spark());
  }

  @Test
  void csvOfAQueryOverTheLinksTable() throws Exception {
    Captured run = run("sql", "--out", out.toString(), "--format", "csv", "--master", "local[1]",
        "SELECT date, parent, child, call_count FROM dependency_links WHERE parent LIKE 'web-%' ORDER BY parent");
    assertEquals(0, run.code, run.err);
    assertEquals(List.of("date,parent,child,call_count",
        DAY + ",web-0,app-0,1", DAY + ",web-1,app-1,1", DAY + ",web-2,app-2,1"), run.out.lines().toList());
  }

  @Test
  void tableFormatAndParquetOutput() throws Exception {
    Captured table = run("sql", "--out", out.toString(), "--master", "local[1]",
        "SELECT count(*) AS links, sum(call_count) AS calls FROM dependency_links");
    assertEquals(0, table.code, table.err);
    assertTrue(table.out.contains("links | calls") && table.out.contains("    6 |     6") && table.out.contains("(1 row)"),
        table.out);

    Path parquet = tmp.resolve("result");
    assertEquals(0, run("sql", "--out", out.toString(), "--format", "parquet", "--output", parquet.toString(),
        "--master", "local[1]", "SELECT parent, child FROM dependency_links").code);
    assertEquals(6, spark().read().parquet(parquet.toString()).count());
    assertEquals(2, run("sql", "--out", out.toString(), "--format", "parquet", "SELECT 1").code, "parquet needs --output");
  }

  @Test
  void unknownTablesAndColumnsListWhatExists() throws Exception {
    Captured table = run("sql", "--out", out.toString(), "--master", "local[1]", "SELECT * FROM edgez");
    assertEquals(3, table.code);
    assertTrue(table.err.contains("available tables: ") && table.err.contains("dependency_links"), table.err);
    assertFalse(table.err.contains("ANTLR"), "Spark's parser runs with its own ANTLR runtime: " + table.err);
    Captured column = run("sql", "--out", out.toString(), "--master", "local[1]", "SELECT calls FROM dependency_links");
    assertEquals(3, column.code);
    assertTrue(column.err.contains("columns of dependency_links: parent, child, call_count, error_count, date"),
        column.err);
    Captured days = run("sql", "--out", out.toString(), "--master", "local[1]", "--from", DAY.plusDays(1).toString(),
        "--format", "csv", "SELECT count(*) AS n FROM dependency_links");
    assertEquals(List.of("n", "0"), days.out.lines().toList(), "--from leaves out earlier days");
  }

  /**
   * A day whose {@code reports/D/run.json} is missing is not committed (being written, or left by a killed run): its
   * partitions are in no view, and a line names it. Once its run.json is there, the day is read.
   */
  @Test
  void uncommittedDaysAreSkippedAndNamed() throws Exception {
    LocalDate next = DAY.plusDays(1);
    try (var tables = Files.list(out.resolve("tables"))) {
      for (Path table : tables.toList()) {
        Path day = table.resolve("date=" + DAY);
        if (Files.isDirectory(day)) copy(day, table.resolve("date=" + next));
      }
    }
    String query = "SELECT CAST(date AS STRING) AS date, count(*) AS links FROM dependency_links GROUP BY 1 ORDER BY 1";
    Captured half = run("sql", "--out", out.toString(), "--format", "csv", "--master", "local[1]", query);
    assertEquals(0, half.code, half.err);
    assertEquals(List.of("date,links", DAY + ",6"), half.out.lines().toList());
    assertTrue(half.err.contains("skipped 1 uncommitted day(s)") && half.err.contains(": " + next), half.err);

    copy(out.resolve("reports").resolve(DAY.toString()), out.resolve("reports").resolve(next.toString()));
    Captured whole = run("sql", "--out", out.toString(), "--format", "csv", "--master", "local[1]", query);
    assertEquals(List.of("date,links", DAY + ",6", next + ",6"), whole.out.lines().toList());
    assertFalse(whole.err.contains("uncommitted"), whole.err);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(target);
        else Files.copy(f, target);
      }
    }
  }

  record Captured(int code, String out, String err) {}

  private static Captured run(String... args) throws Exception {
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = TracegraphCli.run(args);
      return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
  }
}
