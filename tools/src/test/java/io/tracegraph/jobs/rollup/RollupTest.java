package io.tracegraph.jobs.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.TestDirs;
import io.tracegraph.jobs.archive.SpanArchiveSchema;
import io.tracegraph.jobs.cli.TracegraphCli;
import io.tracegraph.jobs.nightly.DependencyGraphJob;
import io.tracegraph.jobs.nightly.NightlyOptions;
import io.tracegraph.jobs.sql.OutputTables;
import io.tracegraph.jobs.tables.TableRows;
import io.tracegraph.jobs.tables.TrafficTables;
import io.tracegraph.model.ParsedRow;
import io.tracegraph.model.RemotePeer;
import io.tracegraph.model.Span;
import io.tracegraph.model.SpanExtras;
import io.tracegraph.model.SpanRowParser;
import io.tracegraph.model.TraceTree;
import io.tracegraph.model.TrafficSummary;
import io.tracegraph.tools.generate.ImperfectionMode;
import io.tracegraph.tools.generate.TestGeneration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollups are exact: the tables of three generated days rolled up from the daily tables equal one analysis of all
 * three days' traces, folded directly from the spans; a one-day rollup reproduces the day; an uncommitted day is
 * left out and named; a missing day stops the rollup naming it.
 */
class RollupTest extends SparkTestBase {
  static final LocalDate D1 = LocalDate.of(2026, 4, 6);
  static final LocalDate D3 = D1.plusDays(2);
  static final StageLog QUIET = StageLog.quiet("test");

  @TempDir static Path tmp;
  static Path spans;
  static Path out;

  @BeforeAll
  static void threeAnalysedDays() {
    spans = tmp.resolve("spans");
    out = tmp.resolve("out");
    TestGeneration.generate(spark(), TestGeneration.options(spans, D1).days(3).spans(9_000).seed(3)
        .imperfections(ImperfectionMode.NONE));
    for (LocalDate d = D1; !d.isAfter(D3); d = d.plusDays(1)) {
      new DependencyGraphJob(NightlyOptions.of(spans.toString(), out.toString(), d)).run(spark());
    }
  }

  /** The rollup of D1..D3 equals the summary of every trace of the three days folded in one go. */
  @Test
  void rollupEqualsOneAnalysisOfTheWholeRange() {
    RollupJob.Result result = new RollupJob(new RollupOptions(out.toString(), D1, D3)).run(spark(), QUIET);
    assertEquals(RangeDir.of(out, D1, D3), result.directory().replace("file:", ""));

    Map<String, List<Row>> direct = TrafficTables.rows(foldSpansDirectly(), D1, D3);
    for (String table : TrafficTables.NAMES) {
      List<List<Object>> rolledUp = TableRows.read(spark(), RangeDir.of(out, D1, D3) + "/tables/" + table, table);
      assertEquals(TableRows.canonical(direct.get(table)), rolledUp, table);
    }
    // The served-request and entry timelines (tables v2), checked against the days' own rows: the range's busiest
    // minute is the largest of the days' (each day's minutes are its own), the hourly counts add up.
    for (String table : List.of(TrafficTables.SERVICES, TrafficTables.ENTRY_POINTS)) {
      Map<List<Object>, long[]> hours = new TreeMap<>(Comparator.comparing(Object::toString));
      Map<List<Object>, Long> busiest = new TreeMap<>(Comparator.comparing(Object::toString));
      for (LocalDate d = D1; !d.isAfter(D3); d = d.plusDays(1)) {
        for (Row r : spark().read().schema(TrafficTables.schema(table))
            .parquet(out + "/tables/" + table + "/date=" + d).collectAsList()) {
          long[] h = hours.computeIfAbsent(key(r, table), k -> new long[24]);
          List<Long> day = r.getList(r.fieldIndex("calls_per_hour"));
          for (int i = 0; i < 24; i++) h[i] += day.get(i);
          busiest.merge(key(r, table), r.<Long>getAs("busiest_minute_calls"), Math::max);
        }
      }
      List<Row> rolled = spark().read().schema(TrafficTables.schema(table))
          .parquet(RangeDir.of(out, D1, D3) + "/tables/" + table).collectAsList();
      assertEquals(hours.size(), rolled.size(), table);
      for (Row r : rolled) {
        assertEquals(Arrays.stream(hours.get(key(r, table))).boxed().toList(),
            r.getList(r.fieldIndex("calls_per_hour")), table + " " + key(r, table));
        assertEquals(busiest.get(key(r, table)), r.<Long>getAs("busiest_minute_calls"), table + " " + key(r, table));
        assertTrue(r.<Long>getAs("busiest_minute_calls") > 0, table + " " + key(r, table));
      }
    }
    List<List<Object>> totals = TableRows.canonical(direct.get(TrafficTables.TOTALS));
    assertEquals(List.of(D1, D3, 3), totals.get(0).subList(0, 3));
    assertTrue(direct.get(TrafficTables.EDGES).size() > 30, "a realistic graph");
  }

  /** Rolling up one day gives back that day's rows exactly: stored rows lose nothing of the mergeable state. */
  @Test
  void oneDayRollupReproducesTheDay() {
    LocalDate d2 = D1.plusDays(1);
    new RollupJob(new RollupOptions(out.toString(), d2, d2)).run(spark(), QUIET);
    for (String table : TrafficTables.NAMES) {
      List<List<Object>> day = TableRows.read(spark(), out + "/tables/" + table + "/date=" + d2, table);
      assertEquals(day, TableRows.read(spark(), RangeDir.of(out, d2, d2) + "/tables/" + table, table), table);
    }
  }

  /**
   * A range whose first day was written by tables v1 (its services and entry_points without the timeline columns):
   * the SQL views read every column with nulls on that day only, and a rollup over it writes the timelines as null
   * (not known for the range) while every other column stays exact.
   */
  @Test
  void aRangeMixingTablesV1AndV2Days() throws Exception {
    Path mixed = tmp.resolve("mixed");
    TestDirs.copy(out.resolve("tables"), mixed.resolve("tables"));
    TestDirs.copy(out.resolve("reports"), mixed.resolve("reports")); // run.json: the days are committed
    for (String table : List.of(TrafficTables.SERVICES, TrafficTables.ENTRY_POINTS)) {
      Path day = mixed.resolve("tables/" + table + "/date=" + D1);
      Path v1 = tmp.resolve("v1-" + table);
      spark().read().parquet(day.toString()).drop("calls_per_hour", "busiest_minute", "busiest_minute_calls")
          .coalesce(1).write().parquet(v1.toString());
      TestDirs.delete(day);
      Files.move(v1, day);
    }

    OutputTables.register(spark(), mixed.toString(), D1, D3);
    for (String table : List.of(TrafficTables.SERVICES, TrafficTables.ENTRY_POINTS)) {
      List<Row> byDay = spark().sql("SELECT CAST(date AS STRING), count(*), count(busiest_minute_calls), "
          + "count(calls_per_hour), count(busiest_minute) FROM " + table + " GROUP BY date ORDER BY date")
          .collectAsList();
      assertEquals(3, byDay.size(), table);
      for (Row r : byDay) {
        long expected = r.getString(0).equals(D1.toString()) ? 0 : r.getLong(1);
        assertEquals(List.of(expected, expected, expected), List.of(r.getLong(2), r.getLong(3), r.getLong(4)),
            table + " on " + r.getString(0));
      }
    }

    new RollupJob(new RollupOptions(mixed.toString(), D1, D3)).run(spark(), QUIET);
    Map<String, List<Row>> direct = TrafficTables.rows(foldSpansDirectly(), D1, D3);
    for (String table : TrafficTables.NAMES) {
      List<List<Object>> rolledUp = TableRows.read(spark(), RangeDir.of(mixed, D1, D3) + "/tables/" + table, table);
      List<List<Object>> expected = TableRows.canonical(direct.get(table));
      if (table.equals(TrafficTables.SERVICES) || table.equals(TrafficTables.ENTRY_POINTS)) {
        for (List<Object> row : expected) {
          int n = row.size();
          assertTrue(row.get(n - 3) != null && row.get(n - 1) != null, "the direct analysis knows the timeline");
          row.set(n - 3, null);
          row.set(n - 2, null);
          row.set(n - 1, null);
        }
      }
      assertEquals(expected, rolledUp, table);
    }
  }

  /**
   * A day whose tables are there but not its run.json (a run killed during its commit, or one still committing on
   * object storage) is left out, never read: the rollup equals the merge of the other days, {@code totals.days}
   * counts only them, and the log and the result name the day. A range of uncommitted days only stops the rollup.
   */
  @Test
  void anUncommittedDayIsLeftOutAndNamed() throws Exception {
    LocalDate d2 = D1.plusDays(1);
    Path partial = tmp.resolve("uncommitted");
    TestDirs.copy(out.resolve("tables"), partial.resolve("tables"));
    TestDirs.copy(out.resolve("reports"), partial.resolve("reports"));
    Files.delete(partial.resolve("reports/" + d2 + "/run.json"));

    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    StageLog log = new StageLog("rollup", new PrintStream(logged, true, StandardCharsets.UTF_8));
    RollupJob.Result result = new RollupJob(new RollupOptions(partial.toString(), D1, D3)).run(spark(), log);

    assertEquals(List.of(d2), List.copyOf(result.uncommittedDays()));
    String printed = logged.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("WARNING: skipped 1 uncommitted day(s)") && printed.contains(": " + d2 + ";"),
        printed);
    assertTrue(printed.contains("list: days=2 uncommitted=1 tables=6"), printed);

    TrafficSummary d1AndD3 = new TrafficSummary();
    for (LocalDate day : List.of(D1, D3)) {
      for (String table : TrafficTables.NAMES) {
        for (Row row : spark().read().schema(TrafficTables.schema(table))
            .parquet(out + "/tables/" + table + "/date=" + day).collectAsList()) {
          TrafficTables.mergeRow(d1AndD3, table, row);
        }
      }
    }
    Map<String, List<Row>> expected = TrafficTables.rows(d1AndD3, D1, D3, 2);
    for (String table : TrafficTables.NAMES) {
      assertEquals(TableRows.canonical(expected.get(table)),
          TableRows.read(spark(), RangeDir.of(partial, D1, D3) + "/tables/" + table, table), table);
    }
    List<Object> totals = TableRows.read(spark(), RangeDir.of(partial, D1, D3) + "/tables/totals", "totals").get(0);
    assertEquals(List.of(D1, D3, 2), totals.subList(0, 3));
    long d2Traces = (long) TableRows.read(spark(), out + "/tables/totals/date=" + d2, "totals").get(0).get(3);
    assertTrue(d2Traces > 0, "leaving the day out changes the rollup");

    BadInputException e = assertThrows(BadInputException.class,
        () -> new RollupJob(new RollupOptions(partial.toString(), d2, d2)).run(spark(), QUIET));
    assertTrue(e.getMessage().contains("no committed day") && e.getMessage().contains(d2.toString()), e.getMessage());
    assertFalse(Files.exists(Path.of(RangeDir.of(partial, d2, d2))), "nothing written");
  }

  private static List<Object> key(Row r, String table) {
    String service = r.getAs("service");
    return table.equals(TrafficTables.SERVICES) ? List.of(service) : List.of(service, r.<String>getAs("operation"));
  }

  @Test
  void aMissingDayStopsTheRollupNamingIt() throws Exception {
    BadInputException e = assertThrows(BadInputException.class,
        () -> new RollupJob(new RollupOptions(out.toString(), D1, D3.plusDays(1))).run(spark(), QUIET));
    assertTrue(e.getMessage().contains("tables/edges/date=" + D3.plusDays(1)), e.getMessage());
    assertFalse(Files.exists(Path.of(RangeDir.of(out, D1, D3.plusDays(1)))), "nothing written");

    PrintStream savedErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(2, TracegraphCli.run("rollup", "--from", D3.toString(), "--to", D1.toString(), "--out", "x"));
      assertEquals(3, TracegraphCli.run("rollup", "--from", D1.toString(), "--to", D3.plusDays(1).toString(),
          "--out", out.toString(), "--master", "local[1]"));
    } finally {
      System.setErr(savedErr);
    }
    String printed = err.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("is before --from"), printed);
    assertTrue(printed.contains("bad input") && printed.contains("date=" + D3.plusDays(1)), printed);
  }

  /**
   * Every trace of the three days, read straight from the archive's Parquet files (all columns, peer and extras
   * taken from the attribute map in Java), grouped by trace id and folded into one summary.
   */
  private static TrafficSummary foldSpansDirectly() {
    Map<List<Long>, List<Span>> traces = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
        ? Long.compare(a.get(1), b.get(1)) : Long.compare(a.get(0), b.get(0)));
    List<Row> rows = spark().read().schema(SpanArchiveSchema.STRUCT).parquet(spans.toString()).collectAsList();
    for (Row r : rows) {
      Map<String, String> attributes = r.getJavaMap(r.fieldIndex(SpanArchiveSchema.ATTRIBUTES));
      ParsedRow p = SpanRowParser.parse(r.getAs("trace_id"), r.getAs("span_id"), r.getAs("parent_span_id"),
          r.getAs("service_name"), r.getAs("name"), r.getAs("kind"), r.getAs("start_time_unix_nano"),
          r.getAs("end_time_unix_nano"), r.getAs("status_code"), RemotePeer.of(attributes),
          SpanExtras.of(attributes));
      assertFalse(p.isDropped(), "clean data");
      traces.computeIfAbsent(List.of(p.traceHigh(), p.traceLow()), k -> new ArrayList<>()).add(p.span());
    }
    TrafficSummary summary = new TrafficSummary();
    traces.forEach((id, spans) -> summary.addTrace(TraceTree.build(id.get(0), id.get(1), spans)));
    return summary;
  }

  /** Where a range's tables go. */
  static final class RangeDir {
    static String of(Path out, LocalDate from, LocalDate to) {
      return out.resolve("rollups").resolve(from + "_" + to).toString();
    }
  }
}
